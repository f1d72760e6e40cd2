import type { Knex } from 'knex';
import { finishFullMatching, preparePostings } from '../phases/postings';
import { readSources } from '../phases/sources';
import { joinRun, LostLockError, type RunFence } from '../fence';
import { failRun, type PreviousRun } from '../run-log';
import { readCvrCache } from '../run-store';
import { finishRunFenced, runPhasesAfterMatching, runStateOf, type ReconcileOptions } from '../run';
import { loadWorld, type RunWorld } from '../world';
import { markPartitionDone, partitionsOf, partitionsWaiting, planPartitions, savePlan } from './plan';

/**
 * The three jobs of a queued full run, each run by whichever replica's worker takes it from the queue
 * (queue.ts): `start` reads the sources, writes the provider identity graph and cuts the ledger into
 * partitions; one `partition` job per partition matches its batches; the last partition done sends `end`,
 * which drops vanished postings and runs the per-indsats, takst and attribute phases, then records OK.
 *
 * Every job writes through a fence for the run's koersel_id (fence.ts `joinRun`): once another run holds the
 * store, every write refuses and the job ends without retry (that run is over; the holder marked it
 * failed). Any other failure is retried by the queue on any replica; the last attempt records the run FEJL.
 */
export interface RunJob {
  koerselId: number;
  /** wall-clock start of the run (epoch ms), for its duration */
  t0: number;
  nr?: number;
}

export interface JobDeps {
  opts: ReconcileOptions;
  /** posting batches per partition */
  batchesPerPartition: number;
  /** sends the next job of the run (idempotent: a job id per run and step) */
  send(name: 'partition' | 'end', data: RunJob): Promise<void>;
  /** aborted when this replica shuts down: the job stops before its next write and is retried elsewhere */
  shutdown: AbortSignal;
  onPartitionBatch?: (koerselId: number, nr: number) => Promise<void>;
}

interface RunRow {
  koersel_id: number;
  status: string;
  startet: string | Date;
  idag: string | Date;
}

interface Attempt {
  retryCount: number;
  retryLimit: number;
  signal: AbortSignal;
}

const isoDay = (v: string | Date) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

async function withRun(deps: JobDeps, data: RunJob, attempt: Attempt, fn: (fence: RunFence, row: RunRow) => Promise<void>): Promise<void> {
  const { db } = deps.opts;
  const row = (await db('afstemning_koersel').where({ koersel_id: data.koerselId }).first()) as RunRow | undefined;
  // finished, failed or taken over: nothing left to do for this run
  if (!row || row.status !== 'KOERER') return;
  const fence = await joinRun({ db, koerselId: data.koerselId, lease: deps.opts.lease, log: deps.opts.log });
  const stop = () => fence.stop('the gateway is shutting down; the queue gives the job to another replica');
  deps.shutdown.addEventListener('abort', stop);
  attempt.signal.addEventListener('abort', stop);
  try {
    fence.throwIfLost();
    await fn(fence, row);
  } catch (e) {
    if (e instanceof LostLockError) {
      deps.opts.log?.warn({ koerselId: data.koerselId }, 'reconciliation job ends: another run holds the store');
      return;
    }
    if (attempt.retryCount >= attempt.retryLimit) {
      await failRun(db, data.koerselId, {
        at: new Date(),
        ms: Date.now() - data.t0,
        message: e instanceof Error ? `${e.name}: ${e.message}` : 'unknown error',
      });
    }
    throw e;
  } finally {
    deps.shutdown.removeEventListener('abort', stop);
    attempt.signal.removeEventListener('abort', stop);
    fence.close();
  }
}

/** The sources in memory for a partition or the end job, from the CVR lookups the start job cached (never billed again). */
async function worldOf(deps: JobDeps): Promise<RunWorld> {
  const cache = await readCvrCache(deps.opts.db);
  return loadWorld({ connectors: deps.opts.connectors, cvrCache: cache.cvr, cvrStale: (p) => !cache.cvr.has(p) });
}

const base = (fence: RunFence, row: RunRow, prev?: PreviousRun) => ({
  fence,
  koerselId: Number(row.koersel_id),
  type: 'FULD' as const,
  now: new Date(row.startet),
  today: isoDay(row.idag),
  prev,
});

export async function startJob(deps: JobDeps, data: RunJob, attempt: Attempt): Promise<void> {
  await withRun(deps, data, attempt, async (fence, row) => {
    const { opts } = deps;
    await readSources({
      db: opts.db,
      connectors: opts.connectors,
      fence,
      now: new Date(row.startet),
      today: isoDay(row.idag),
      full: true,
      cvrKontrolDage: opts.cvrKontrolDage ?? 30,
    });
    const plan = await planPartitions(opts.connectors, {
      batchSize: opts.postingBatchSize ?? 2000,
      batchesPerPartition: deps.batchesPerPartition,
      signal: fence.signal,
    });
    await fence.write((trx) => savePlan(trx, data.koerselId, plan));
    for (const p of await partitionsOf(opts.db, data.koerselId)) if (p.status === 'VENTER') await deps.send('partition', { ...data, nr: p.nr });
    opts.log?.info({ koerselId: data.koerselId, partitions: plan.length }, 'reconciliation run partitioned');
  });
}

export async function partitionJob(deps: JobDeps, data: RunJob, attempt: Attempt): Promise<void> {
  await withRun(deps, data, attempt, async (fence, row) => {
    const { opts } = deps;
    const p = (await partitionsOf(opts.db, data.koerselId)).find((x) => x.nr === data.nr);
    if (!p) throw new Error(`partition ${data.nr} of run ${data.koerselId} is not recorded`);
    if (p.status === 'VENTER') {
      opts.log?.info({ koerselId: data.koerselId, partition: p.nr, attempt: attempt.retryCount + 1 }, 'reconciliation partition begun');
      const s = runStateOf(opts, base(fence, row), await worldOf(deps));
      const handle = await preparePostings(s);
      const from = p.fra_registreret === null ? {} : { registreretEfter: p.fra_registreret, efterPosteringId: Number(p.fra_postering_id) };
      let batches = 0;
      for await (const batch of opts.connectors.oekonomi.job.posteringer({ ...from, batchSize: s.settings.batchSize })) {
        fence.throwIfLost();
        await handle(batch);
        await deps.onPartitionBatch?.(data.koerselId, p.nr);
        if (p.antal_batches !== null && ++batches >= p.antal_batches) break;
      }
      await fence.write((trx) =>
        markPartitionDone(trx, data.koerselId, p.nr, { postings: s.figures.postings, matched: s.figures.matched, attempt: attempt.retryCount + 1 }),
      );
      opts.log?.info({ koerselId: data.koerselId, partition: p.nr, postings: s.figures.postings }, 'reconciliation partition done');
    }
    // a retried job whose partition is done goes on from its checkpoint: the run's end may not be sent yet
    if ((await partitionsWaiting(opts.db, data.koerselId)) === 0) await deps.send('end', { koerselId: data.koerselId, t0: data.t0 });
  });
}

export async function endJob(deps: JobDeps, data: RunJob, attempt: Attempt): Promise<void> {
  await withRun(deps, data, attempt, async (fence, row) => {
    const { opts } = deps;
    const { db } = opts;
    const prev = (await db('afstemning_koersel').where({ status: 'OK' }).where('koersel_id', '<', data.koerselId).orderBy('koersel_id', 'desc').first()) as
      PreviousRun | undefined;
    const s = runStateOf(opts, base(fence, row, prev), await worldOf(deps));
    await preparePostings(s);
    await figuresFromPartitions(db, s);
    await finishFullMatching(s);
    await runPhasesAfterMatching(s);
    await finishRunFenced(s, opts.clock ?? (() => new Date()), data.t0);
    opts.log?.info(
      { koerselId: data.koerselId, ms: Date.now() - data.t0, postings: s.figures.postings, matched: s.figures.matched },
      'reconciliation run finished',
    );
  });
}

/** What the partitions matched, from the store: the run's figures, its watermark, and decisions whose indsats is gone. */
async function figuresFromPartitions(db: Knex, s: ReturnType<typeof runStateOf>): Promise<void> {
  const [n] = await db('postering_match')
    .where({ koersel_id: s.koerselId })
    .select(db.raw('count(*)::int as postings'), db.raw('count(indsats_id)::int as matched'));
  s.figures.postings = Number(n.postings);
  s.figures.matched = Number(n.matched);
  const last = await db('postering_match')
    .where({ koersel_id: s.koerselId })
    .orderByRaw('registreret collate "C" desc, postering_id desc')
    .first('registreret', 'postering_id');
  s.figures.watermark = last ? { registreret: last.registreret, id: Number(last.postering_id) } : null;
  const gone = [...s.decisions.values()].filter((d) => d.tildeltIndsatsId !== null && !s.world.index.get(d.tildeltIndsatsId)).map((d) => d.posteringId);
  if (gone.length)
    s.indsatsGone = (await db('postering_match').where({ koersel_id: s.koerselId }).whereIn('postering_id', gone).pluck('postering_id')).map(Number);
}
