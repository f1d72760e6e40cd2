import type { Knex } from 'knex';
import type { Connectors } from '../../context/connectors';
import { runReconciliation, type ReconcileOptions } from './run';
import type { Koerselstype, ReconcileTrigger, Udloeser } from '../read/types';
import type { KoerselResultat } from './types';

/**
 * Runs the reconciliation at start, on a schedule and on demand (issue: "matching runs as a job").
 * Scheduled runs are incremental; every `fullEvery`-th scheduled run is full, so what an incremental run
 * cannot see (e.g. a change only a full pass reveals) is caught within a bounded time. A run already going
 * on in this process is not started twice; across replicas the advisory lock decides (the loser skips).
 */
export interface SchedulerOptions extends Omit<ReconcileOptions, 'db' | 'connectors'> {
  db: Knex;
  connectors: Connectors;
  /** minutes between scheduled runs; 0 = no schedule (start and on-demand only) */
  intervalMinutes?: number;
  /** every n-th scheduled run is full (default 24) */
  fullEvery?: number;
  /** run once right away (default true) */
  runAtStart?: boolean;
}

export interface ReconcileScheduler {
  trigger: ReconcileTrigger;
  /** runs now and waits (tests, scripts); resolves SPRUNGET_OVER when a run is going on */
  runNow(type: Koerselstype, udloeser?: Udloeser): Promise<KoerselResultat>;
  /** the run going on in this process, if any */
  current(): Promise<unknown> | null;
  stop(): Promise<void>;
}

export function startReconciliation(opts: SchedulerOptions): ReconcileScheduler {
  let running: Promise<KoerselResultat> | null = null;
  let scheduled = 0;
  let stopped = false;
  const run = (type: Koerselstype, udloeser: Udloeser): Promise<KoerselResultat> => {
    if (running) return Promise.resolve({ status: 'SPRUNGET_OVER', koersel: null });
    const p = runReconciliation(opts, { type, udloeser }).finally(() => {
      if (running === p) running = null;
    });
    running = p;
    return p;
  };
  const background = (type: Koerselstype, udloeser: Udloeser) => {
    run(type, udloeser).catch((e: unknown) => opts.log?.warn({ err: e instanceof Error ? e.name : 'error' }, 'reconciliation run failed'));
  };
  const trigger: ReconcileTrigger = {
    start({ type }) {
      if (stopped) return { startet: false, grund: 'the reconciliation job is stopped' };
      if (running) return { startet: false, grund: 'a reconciliation run is already going on in this gateway' };
      background(type, 'MANUEL');
      return { startet: true, grund: null };
    },
  };
  if (opts.runAtStart !== false) background('INKREMENTEL', 'START');
  const minutes = opts.intervalMinutes ?? 0;
  const timer = minutes > 0
    ? setInterval(() => {
        scheduled++;
        background(scheduled % (opts.fullEvery ?? 24) === 0 ? 'FULD' : 'INKREMENTEL', 'PLAN');
      }, minutes * 60_000)
    : null;
  timer?.unref();
  return {
    trigger,
    runNow: (type, udloeser = 'MANUEL') => run(type, udloeser),
    current: () => running,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
