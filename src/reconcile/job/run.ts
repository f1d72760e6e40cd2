import type { Knex } from 'knex';
import type { Connectors } from '../../context/connectors';
import { DEFAULT_POLICY, type PrecedencePolicy } from '../../domain/provenance-policy';
import { STANDARD_GLIDNING_PROCENT } from '../rules/afvigelser/kinds';
import { readKoersel } from '../read/koersler';
import type { Koerselstype, Udloeser } from '../read/types';
import { STANDARD_FAKTURERINGSFORSINKELSE_DAGE } from './invoicing-lag';
import { checkAttributes } from './attributes';
import { claimStore, takeOver, type LeaseOptions, type RunFence } from './fence';
import { tryAdvisoryLock, type HeldLock } from './lock';
import { recomputeIndsatsLevel } from './phases/indsatser';
import { matchPostings } from './phases/postings';
import { readSources } from './phases/sources';
import { writeTakstAfvigelser } from './phases/takster';
import { liveQueuedRun } from './queue/plan';
import type { ReconcileQueue } from './queue/queue';
import { beginRun, failRun, finishRun, previousRuns } from './run-log';
import type { RunState } from './run-state';
import type { KoerselResultat } from './types';
import type { WorldCache } from './world-cache';

/**
 * One reconciliation run (issue: "a reconciled store"). Under the advisory lock, and owning the store by
 * its fencing token (fence.ts), it runs the phases below in order; each phase's duration goes to `onPhase`.
 * A run that fails — a source error, or the store lost to another run — records FEJL with a message that
 * names no person; what it wrote stands until the next run, which is then a full one.
 */
const PHASES: ReadonlyArray<[name: string, phase: (s: RunState) => Promise<void>]> = [
  // matching, batch by batch; postings gone from the ledger; decisions whose posting or indsats is gone
  ['posteringer', matchPostings],
  // months, prices, faktisk and afvigelser per indsats
  ['indsatser', recomputeIndsatsLevel],
  ['takster', writeTakstAfvigelser],
  // provider and citizen attributes against Tilbudsportalen and the CVR/CPR registers
  ['attributter', checkAttributePhase],
];

export interface ReconcileOptions {
  db: Knex;
  connectors: Connectors;
  clock?: () => Date;
  postingBatchSize?: number;
  glidningProcent?: number;
  /** days before a provider's CVR register data is asked for again (default 30) */
  cvrKontrolDage?: number;
  /** days before a citizen's CPR register data is asked for again (default 30; SF1520 is billed per call) */
  borgerKontrolDage?: number;
  /** which source wins per attribute (default: DEFAULT_POLICY; configured by AFSTEMNING_PRAECEDENS) */
  policy?: PrecedencePolicy;
  /** days after a month's end its invoices are expected (invoicing-lag.ts; default 10) */
  faktureringsforsinkelseDage?: number;
  /** how long a run counts as alive without a heartbeat, and how often it beats */
  lease?: LeaseOptions;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /** called with each phase's duration (benchmarks, logs) */
  onPhase?: (phase: string, ms: number) => void;
  /**
   * the store's queue (PostgreSQL stores): a full run is then partitioned and its jobs taken by any
   * replica (queue/); without it (PGlite) every run goes on in this process
   */
  queue?: ReconcileQueue;
  /**
   * the sources held in memory from the previous run of this process, used by an incremental run when the
   * sources' change markers are unchanged (world-cache.ts); without it every run reads the sources
   */
  worldCache?: WorldCache;
}

export interface StartedRun {
  koerselId: number;
  type: Koerselstype;
  /** settles when the run ended: OK, or rejects with what failed (the run is recorded FEJL) */
  done: Promise<KoerselResultat>;
  /** stops the run before its next write (shutdown): recorded FEJL, and the next run on any replica takes over */
  stop(reason: string): void;
  /** a queued run: it goes on on whichever replicas work the queue, whatever becomes of this one */
  queued?: boolean;
}

/**
 * Takes the lock and the store and begins the run; null when another run holds the lock (nothing done).
 * Resolves as soon as the run is under way, so a caller can say truthfully whether it started.
 */
export async function startRun(opts: ReconcileOptions, req: { type: Koerselstype; udloeser: Udloeser }): Promise<StartedRun | null> {
  const lock = await tryAdvisoryLock(opts.db);
  if (!lock) return null;
  const clock = opts.clock ?? (() => new Date());
  const t0 = Date.now();
  let koerselId: number | null = null;
  try {
    const now = clock();
    // a queued run holds no lock while its jobs go on: its live lease says it is running
    if (opts.queue && (await liveQueuedRun(opts.db))) {
      await lock.release().catch(() => undefined);
      return null;
    }
    const { lastOk, failedAfterWriting } = await previousRuns(opts.db);
    // an incremental run builds on a finished run; after a run that failed half-way only a full one is safe
    const type: Koerselstype = lastOk && !failedAfterWriting ? req.type : 'FULD';
    const today = now.toISOString().slice(0, 10);
    if (opts.queue && type === 'FULD') {
      const queue = opts.queue;
      koerselId = await beginRun(opts.db, { type, udloeser: req.udloeser, now, today, ttlMs: queue.leaseMs, queued: true });
      await claimStore(opts.db, koerselId);
      await queue.enqueueRun(koerselId, t0);
      await lock.release().catch(() => undefined);
      const id = koerselId;
      return { koerselId: id, type, queued: true, done: waitForRun(opts.db, id), stop: () => undefined };
    }
    koerselId = await beginRun(opts.db, { type, udloeser: req.udloeser, now, today, ttlMs: opts.lease?.ttlMs ?? 60_000 });
    const fence = await takeOver({ db: opts.db, lock, koerselId, lease: opts.lease, log: opts.log });
    const id = koerselId;
    const done = execute(opts, { fence, koerselId: id, type, now, today, prev: lastOk, t0, clock }).finally(() => release(fence, lock));
    return { koerselId: id, type, done, stop: (reason) => fence.stop(reason) };
  } catch (e) {
    if (koerselId !== null) await failRun(opts.db, koerselId, { at: clock(), ms: Date.now() - t0, message: messageOf(e) }).catch(() => undefined);
    await lock.release().catch(() => undefined);
    throw e;
  }
}

/** Settles when a queued run ended, on whichever replicas: OK, or rejects with why it failed. */
async function waitForRun(db: Knex, koerselId: number): Promise<KoerselResultat> {
  for (;;) {
    const k = await readKoersel(db, koerselId);
    if (k && k.status === 'OK') return { status: 'OK', koersel: k };
    if (!k || k.status === 'FEJL') throw new Error(`reconciliation run ${koerselId} failed: ${k?.fejl ?? 'gone'}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Runs now and waits; SPRUNGET_OVER when another run holds the lock. */
export async function runReconciliation(opts: ReconcileOptions, req: { type: Koerselstype; udloeser: Udloeser }): Promise<KoerselResultat> {
  const started = await startRun(opts, req);
  return started ? started.done : { status: 'SPRUNGET_OVER', koersel: null };
}

interface Begun {
  fence: RunFence;
  koerselId: number;
  type: Koerselstype;
  now: Date;
  today: string;
  prev: RunState['prev'];
  t0: number;
  clock: () => Date;
}

async function execute(opts: ReconcileOptions, b: Begun): Promise<KoerselResultat> {
  const { db } = opts;
  try {
    let mark = performance.now();
    const phaseDone = (name: string) => {
      const t = performance.now();
      opts.onPhase?.(name, t - mark);
      mark = t;
    };
    const { world, reused } = await readSources({
      db,
      connectors: opts.connectors,
      fence: b.fence,
      now: b.now,
      today: b.today,
      full: b.type === 'FULD',
      cvrKontrolDage: opts.cvrKontrolDage ?? 30,
      cache: opts.worldCache,
      onPhase: opts.onPhase,
    });
    phaseDone('kilder');
    const s = runStateOf(opts, b, world, reused);
    for (const [name, phase] of PHASES) {
      b.fence.throwIfLost();
      await phase(s);
      phaseDone(name);
    }
    await finishRunFenced(s, b.clock, b.t0);
    opts.log?.info({ koerselId: b.koerselId, type: b.type, ms: Date.now() - b.t0, ...s.figures, watermark: undefined }, 'reconciliation run finished');
  } catch (e) {
    // the held world is trusted only after a run that finished with it (its versions are then in the store)
    if (opts.worldCache) opts.worldCache.held = null;
    await failRun(db, b.koerselId, { at: b.clock(), ms: Date.now() - b.t0, message: messageOf(e) });
    opts.log?.warn({ koerselId: b.koerselId, type: b.type, err: e instanceof Error ? e.name : 'error' }, 'reconciliation run failed');
    throw e;
  }
  return { status: 'OK', koersel: (await readKoersel(db, b.koerselId))! };
}

/** The shared state of one run's phases (also built by each job of a queued run, queue/). */
export function runStateOf(
  opts: ReconcileOptions,
  b: { fence: RunFence; koerselId: number; type: Koerselstype; now: Date; today: string; prev: RunState['prev'] },
  world: RunState['world'],
  worldReused = false,
): RunState {
  return {
    db: opts.db,
    connectors: opts.connectors,
    fence: b.fence,
    koerselId: b.koerselId,
    full: b.type === 'FULD',
    now: b.now,
    today: b.today,
    prev: b.prev,
    settings: {
      batchSize: opts.postingBatchSize ?? 2000,
      glidningProcent: opts.glidningProcent ?? STANDARD_GLIDNING_PROCENT,
      cvrKontrolDage: opts.cvrKontrolDage ?? 30,
      borgerKontrolDage: opts.borgerKontrolDage ?? 30,
      policy: opts.policy ?? DEFAULT_POLICY,
      faktureringsforsinkelseDage: opts.faktureringsforsinkelseDage ?? STANDARD_FAKTURERINGSFORSINKELSE_DAGE,
    },
    world,
    worldReused,
    horizonMoved: true,
    decisions: new Map(),
    stored: new Map(),
    changed: [],
    removed: [],
    touched: new Set(),
    indsatsGone: [],
    vanished: [],
    horizon: { fra: b.today, til: b.today },
    figures: {
      watermark: b.prev?.posteringer_til ? { registreret: b.prev.posteringer_til, id: Number(b.prev.til_postering_id) } : null,
      postings: 0,
      matched: 0,
      indsatser: 0,
      vanished: 0,
      warnings: [...world.warnings],
    },
  };
}

/** The phases after matching (a queued run's last job runs these once its partitions are done). */
export async function runPhasesAfterMatching(s: RunState): Promise<void> {
  for (const [name, phase] of PHASES) {
    if (name === 'posteringer') continue;
    s.fence.throwIfLost();
    await phase(s);
  }
}

/** Records the run OK inside its fence: a run that lost the store must not record itself OK. */
export async function finishRunFenced(s: RunState, clock: () => Date, t0: number): Promise<void> {
  await s.fence.write((trx) => finishRun(trx, s.koerselId, { at: clock(), ms: Date.now() - t0, figures: s.figures }));
}

async function checkAttributePhase(s: RunState): Promise<void> {
  // nothing the checks compare changed (the world is the held one): what is left is the registers' side
  // ageing (`cvrKontrolDage`/`borgerKontrolDage`, 30 days), which the scheduled full run redoes — so a
  // register that is down or slow costs an incremental run nothing
  if (s.worldReused && !s.full) return;
  const r = await checkAttributes({
    db: s.db,
    fence: s.fence,
    connectors: s.connectors,
    world: s.world,
    koerselId: s.koerselId,
    now: s.now,
    cvrKontrolDage: s.settings.cvrKontrolDage,
    borgerKontrolDage: s.settings.borgerKontrolDage,
    policy: s.settings.policy,
  });
  s.figures.warnings.push(...r.warnings);
}

async function release(fence: RunFence, lock: HeldLock): Promise<void> {
  fence.close();
  await lock.release().catch(() => undefined);
}

// the message of a source error names the source and the failure, never a person (SourceError contract)
function messageOf(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : 'unknown error';
}
