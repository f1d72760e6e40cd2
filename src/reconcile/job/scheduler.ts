import type { Knex } from 'knex';
import type { Connectors } from '../../context/connectors';
import type { Koerselstype, ReconcileTrigger, Udloeser } from '../read/types';
import { startRun, type ReconcileOptions, type StartedRun } from './run';
import { interruptedRunWaiting } from './run-log';
import type { KoerselResultat } from './types';
import { createWorldCache } from './world-cache';

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
  /** keep the sources a run read for the next incremental run (world-cache.ts; default true) */
  holdSources?: boolean;
  /**
   * seconds between looks for an interrupted run (one that died, lost its lock or was stopped by a
   * shutdown) to take over at once, on whichever replica gets the lock; 0 = off (default 30)
   */
  recoverEverySeconds?: number;
}

export interface ReconcileScheduler {
  trigger: ReconcileTrigger;
  /** runs now and waits (tests, scripts); resolves SPRUNGET_OVER when a run is going on */
  runNow(type: Koerselstype, udloeser?: Udloeser): Promise<KoerselResultat>;
  /** the run going on in this process, if any */
  current(): Promise<unknown> | null;
  /**
   * Stops scheduling; a run going on stops before its next write (its committed batches stand, it is
   * recorded FEJL) and another replica takes over at its next look (`recoverEverySeconds`).
   */
  stop(): Promise<void>;
}

const SKIPPED: KoerselResultat = { status: 'SPRUNGET_OVER', koersel: null };

export function startReconciliation(options: SchedulerOptions): ReconcileScheduler {
  // the sources held between this process's runs (world-cache.ts); incremental runs read only change markers when nothing changed
  // off: every run reads the sources again and nothing is held between runs (a replica's memory stays small)
  const opts: SchedulerOptions = { ...options, worldCache: options.worldCache ?? (options.holdSources === false ? undefined : createWorldCache()) };
  let running: Promise<KoerselResultat> | null = null;
  let current: StartedRun | null = null;
  let scheduled = 0;
  let stopped = false;
  const failed = (e: unknown) => opts.log?.warn({ err: e instanceof Error ? e.name : 'error' }, 'reconciliation run failed');
  /** null when a run is going on in this process; `started` says whether the lock was taken (another replica may hold it) */
  const begin = (type: Koerselstype, udloeser: Udloeser): { started: Promise<StartedRun | null>; result: Promise<KoerselResultat> } | null => {
    if (running) return null;
    const started = startRun(opts, { type, udloeser }).then((s) => {
      current = s;
      if (s && stopped) s.stop('the gateway is shutting down');
      return s;
    });
    const result: Promise<KoerselResultat> = started
      .then((s) => (s ? s.done : SKIPPED))
      .finally(() => {
        if (running === result) {
          running = null;
          current = null;
        }
      });
    running = result;
    return { started, result };
  };
  const background = (type: Koerselstype, udloeser: Udloeser) => {
    begin(type, udloeser)?.result.catch(failed);
  };
  const trigger: ReconcileTrigger = {
    async start({ type }) {
      if (stopped) return { startet: false, grund: 'the reconciliation job is stopped' };
      const b = begin(type, 'MANUEL');
      if (!b) return { startet: false, grund: 'a reconciliation run is already going on in this gateway' };
      b.result.catch(failed);
      try {
        const s = await b.started;
        return s ? { startet: true, grund: null } : { startet: false, grund: 'a reconciliation run is going on on another replica; none was started' };
      } catch {
        return { startet: false, grund: "the run could not start: the gateway's store did not answer" };
      }
    },
  };
  if (opts.runAtStart !== false) background('INKREMENTEL', 'START');
  const minutes = opts.intervalMinutes ?? 0;
  const timer =
    minutes > 0
      ? setInterval(() => {
          scheduled++;
          background(scheduled % (opts.fullEvery ?? 24) === 0 ? 'FULD' : 'INKREMENTEL', 'PLAN');
        }, minutes * 60_000)
      : null;
  timer?.unref();
  const recoverSeconds = opts.recoverEverySeconds ?? 30;
  let looking = false;
  const recovery =
    recoverSeconds > 0
      ? setInterval(() => {
          if (running || stopped || looking) return;
          looking = true;
          interruptedRunWaiting(opts.db)
            .then((waiting) => {
              if (waiting && !stopped) background('INKREMENTEL', 'PLAN');
            })
            .catch(() => undefined)
            .finally(() => (looking = false));
        }, recoverSeconds * 1000)
      : null;
  recovery?.unref();
  return {
    trigger,
    runNow: (type, udloeser = 'MANUEL') => begin(type, udloeser)?.result ?? Promise.resolve(SKIPPED),
    current: () => running,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (recovery) clearInterval(recovery);
      current?.stop('the gateway is shutting down');
      // a queued run goes on on the other replicas (this one's queue worker hands its job back): not waited for
      if (!current?.queued) await running?.catch(() => undefined);
    },
  };
}
