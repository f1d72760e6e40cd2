import { createHash } from 'node:crypto';
import { PgBoss } from 'pg-boss';
import type { ReconcileOptions } from '../run';
import { endJob, partitionJob, startJob, type JobDeps, type RunJob } from './jobs';

/**
 * The reconciliation's queue (issue 13: "picked up by any replica through a real queue"): pg-boss on the
 * store's own PostgreSQL, in its own schema. Every replica with a PostgreSQL store runs a worker for the
 * three jobs of a queued run (jobs.ts). A job a worker holds carries a heartbeat: when that replica dies
 * or is killed, pg-boss's supervisor fails the job after `heartbeatSeconds` and another replica's worker
 * takes the retry; a partition already done is a checkpoint and is not redone. Jobs are sent with an id
 * derived from the run and the step, so a step sent twice (a retried job) is queued once.
 */
export interface ReconcileQueueOptions {
  /** the store's PostgreSQL URL */
  url: string;
  /** posting batches per partition (default 10: 20,000 postings in batches of 2,000) */
  batchesPerPartition?: number;
  /** a held job without a heartbeat for this long is given to another replica (default 30; pg-boss's minimum is 10) */
  heartbeatSeconds?: number;
  /** how often pg-boss's supervisor looks for such jobs (default 15) */
  superviseIntervalSeconds?: number;
  /** attempts after the first before the run is recorded FEJL (default 5) */
  retryLimit?: number;
  /** how often an idle worker asks for a job (default 1 s) */
  pollingIntervalSeconds?: number;
  /** pg-boss's schema in the store (default `afstemning_koe`) */
  schema?: string;
  log?: { warn(obj: object, msg: string): void };
  /** false: this process only sends runs to the queue and works none of their jobs (default true) */
  workers?: boolean;
  /** called after each batch a partition job of this replica committed (tests: stop a replica mid-partition) */
  onPartitionBatch?: (koerselId: number, nr: number) => Promise<void>;
}

export interface ReconcileQueue {
  /** how long a queued run counts as alive without a heartbeat: longer than it takes to give a dead replica's job to another */
  readonly leaseMs: number;
  /** queues the first job of run `koerselId` (begun and holding the store) */
  enqueueRun(koerselId: number, t0: number): Promise<void>;
  /** stops this replica's worker: a job it holds stops before its next write and is retried on another replica */
  stop(): Promise<void>;
}

const QUEUES = { start: 'afstemning-start', partition: 'afstemning-partition', end: 'afstemning-afslut' } as const;

/** A UUID from the run and the step, so sending the same step again is a no-op (pg-boss ignores a job id it has). */
function jobId(koerselId: number, step: string): string {
  const h = createHash('sha256').update(`afstemning/${koerselId}/${step}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export async function startReconcileQueue(opts: ReconcileOptions, q: ReconcileQueueOptions): Promise<ReconcileQueue> {
  const heartbeatSeconds = Math.max(10, q.heartbeatSeconds ?? 30);
  const superviseIntervalSeconds = q.superviseIntervalSeconds ?? 15;
  const retryLimit = q.retryLimit ?? 5;
  const leaseMs = Math.max(opts.lease?.ttlMs ?? 60_000, 2 * (heartbeatSeconds + superviseIntervalSeconds) * 1000);
  const boss = new PgBoss({
    connectionString: q.url,
    schema: q.schema ?? 'afstemning_koe',
    max: 3,
    superviseIntervalSeconds,
    monitorIntervalSeconds: superviseIntervalSeconds,
    schedule: false,
    registerInstance: false,
  });
  boss.on('error', (e: Error) => q.log?.warn({ err: e.name }, 'reconciliation queue error'));
  await boss.start();
  for (const name of Object.values(QUEUES)) {
    if (await boss.getQueue(name)) continue;
    await boss.createQueue(name, { retryLimit, retryDelay: 1, heartbeatSeconds, expireInSeconds: 3600 }).catch(async (e: unknown) => {
      if (!(await boss.getQueue(name))) throw e; // another replica created it meanwhile: fine
    });
  }
  const shutdown = new AbortController();
  const deps: JobDeps = {
    opts: { ...opts, lease: { ttlMs: leaseMs } },
    batchesPerPartition: q.batchesPerPartition ?? 10,
    shutdown: shutdown.signal,
    onPartitionBatch: q.onPartitionBatch,
    async send(name, data) {
      const step = name === 'partition' ? `partition/${data.nr}` : name;
      await boss.send(QUEUES[name], { ...data }, { id: jobId(data.koerselId, step) });
    },
  };
  const work = { pollingIntervalSeconds: q.pollingIntervalSeconds ?? 1, localConcurrency: 1 };
  type Handler = typeof startJob;
  const worker = (handler: Handler) => async (jobs: Array<{ data: RunJob; retryCount: number; signal: AbortSignal }>) => {
    for (const job of jobs) await handler(deps, job.data, { retryCount: job.retryCount, retryLimit, signal: job.signal });
  };
  if (q.workers !== false) {
    await boss.work<RunJob>(QUEUES.start, work, worker(startJob));
    await boss.work<RunJob>(QUEUES.partition, work, worker(partitionJob));
    await boss.work<RunJob>(QUEUES.end, work, worker(endJob));
  }
  return {
    leaseMs,
    async enqueueRun(koerselId, t0) {
      await boss.send(QUEUES.start, { koerselId, t0 }, { id: jobId(koerselId, 'start') });
    },
    async stop() {
      shutdown.abort();
      await boss.stop({ graceful: true, timeout: 10_000 }).catch(() => undefined);
    },
  };
}
