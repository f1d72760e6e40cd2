import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileSetup, type ReconcileSetup } from '../../scripts/reconcile-setup';
import { measure, type Accuracy } from '../../scripts/accuracy-measure';
import { runReconciliation, startRun } from '../../src/reconcile/job/run';
import { startReconcileQueue, type ReconcileQueue } from '../../src/reconcile/job/queue/queue';
import { createReconciledReads } from '../../src/reconcile/read/reconciled-reads';
import { start, type Started } from '../support/processes';

/**
 * Issue 13: a full run partitioned over a real queue (pg-boss on the store's PostgreSQL) and shared by two
 * replicas — two job workers, each its own process with its own connections. Worker A stops in the middle
 * of a partition (after committing one batch) and is killed with SIGKILL; the queue gives its partition
 * to worker B, which redoes it, and the run completes. Checked against the generator's ground truth (the
 * manifest) and a single full run done in one process before: every posting matched exactly as that run
 * matched it, none lost or doubled, the money the same, and the run's status OK with all partitions done.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const WORKER = join(ROOT, 'test', 'support', 'reconcile-queue-worker.ts');
const BATCH = 250;
const BATCHES_PER_PARTITION = 2;

let s: ReconcileSetup;
let single: Accuracy;
let singleFaktisk: number;
let singleMatches: Map<number, number | null>;
const workers: Started[] = [];
let sender: ReconcileQueue | undefined;

const sumOf = async (sql: string) => Number((await s.store.db.raw(sql)).rows[0].n);
const faktiskTotal = () => sumOf('select coalesce(sum(faktisk_oere), 0)::bigint as n from indsats_maaned');
const matches = async () =>
  new Map(
    ((await s.store.db('postering_match').select('postering_id', 'indsats_id')) as Array<{ postering_id: string; indsats_id: number | null }>).map((r) => [
      Number(r.postering_id),
      r.indsats_id,
    ]),
  );

function startWorker(pauseInPartition: boolean): Started {
  const w = start(process.execPath, ['--import', 'tsx', WORKER], {
    cwd: ROOT,
    env: {
      ...(process.env as Record<string, string>),
      LOG_LEVEL: 'silent',
      RECONCILE_WORKER: JSON.stringify({
        store: s.storeUrl,
        fagsystem: s.urls.fagsystem,
        oekonomi: s.urls.oekonomi,
        tilbudsportalen: s.urls.tilbudsportalen,
        serviceplatformen: s.urls.serviceplatformen,
        batchSize: BATCH,
        batchesPerPartition: BATCHES_PER_PARTITION,
        pauseInPartition,
      }),
    },
  });
  workers.push(w);
  return w;
}

beforeAll(async () => {
  s = await reconcileSetup({ preset: 'test', seed: 11, sources: 'postgres', store: 'postgres' });
  // the reference: one full run in one process, as on PGlite
  expect(
    (await runReconciliation({ db: s.store.db, connectors: s.connectors, clock: s.clock, postingBatchSize: BATCH }, { type: 'FULD', udloeser: 'START' }))
      .status,
  ).toBe('OK');
  single = await measure(s.store.db, s.municipality.manifest);
  singleFaktisk = await faktiskTotal();
  singleMatches = await matches();
  expect(single.belonging).toBeGreaterThan(1000);
  expect(singleMatches.size).toBe(Object.keys(s.municipality.manifest.posteringer).length);
}, 240_000);

afterAll(async () => {
  await sender?.stop();
  for (const w of workers) await w.stop();
  await s?.close();
});

describe('a full run partitioned over the queue, shared by two replicas, one killed mid-partition', () => {
  it('completes on the other replica with every match of a single full run, none lost or doubled, and the status says so', async () => {
    const a = startWorker(true);
    await a.waitFor(/worker ready/, 60_000);
    // this process only sends the run; A alone works the queue until it is stuck in its first partition
    sender = await startReconcileQueue({ db: s.store.db, connectors: s.connectors }, { url: s.storeUrl!, workers: false });
    const run = await startRun(
      { db: s.store.db, connectors: s.connectors, clock: s.clock, postingBatchSize: BATCH, queue: sender },
      { type: 'FULD', udloeser: 'MANUEL' },
    );
    expect(run).toMatchObject({ type: 'FULD', queued: true });
    const outcome = run!.done.then(
      (r) => r,
      (e: unknown) => e,
    );
    await a.waitFor(/paused mid-partition/, 120_000);
    const written = await sumOf(`select count(*)::int as n from postering_match where koersel_id = ${run!.koerselId}`);
    expect(written).toBe(BATCH); // A committed one batch of its partition, then stopped holding the job

    const b = startWorker(false);
    a.child.kill('SIGKILL');
    await a.exited;
    await b.waitFor(/worker ready/, 60_000);

    const result = await outcome;
    expect(result).toMatchObject({ status: 'OK' });

    // the partition A held was redone by B, from the queue's retry: some partition needed a second attempt
    const parts = (await s.store.db('afstemning_partition').where({ koersel_id: run!.koerselId }).orderBy('nr')) as Array<{
      status: string;
      forsoeg: number;
      antal_posteringer: number;
    }>;
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.every((p) => p.status === 'OK')).toBe(true);
    expect(parts.some((p) => p.forsoeg >= 2)).toBe(true);
    expect(b.stdout()).toMatch(/"attempt":2[^\n]*reconciliation partition begun/);

    // nothing lost or doubled: one row per ledger posting, each matched as the single full run matched it
    const after = await matches();
    expect(after.size).toBe(singleMatches.size);
    expect(parts.reduce((n, p) => n + p.antal_posteringer, 0)).toBe(singleMatches.size);
    expect([...after].filter(([id, indsats]) => singleMatches.get(id) !== indsats)).toEqual([]);
    const truth = await measure(s.store.db, s.municipality.manifest);
    expect(truth.truePositives).toBe(single.truePositives);
    expect(truth.falsePositives).toBe(single.falsePositives);
    expect(await faktiskTotal()).toBe(singleFaktisk);
    // exactly this run's results stand
    const writers = async (table: string) => (await s.store.db(table).distinct('koersel_id')).map((r: { koersel_id: number }) => Number(r.koersel_id));
    expect(await writers('postering_match')).toEqual([run!.koerselId]);
    expect(await writers('indsats_afstemning')).toEqual([run!.koerselId]);

    // the status tells the truth: OK, all partitions done, the figures of the ledger, nothing left running
    const reads = createReconciledReads(s.store.db).forRequest();
    const k = (await reads.koersler(5)).find((r) => r.koerselId === run!.koerselId)!;
    expect(k).toMatchObject({
      status: 'OK',
      type: 'FULD',
      antalPosteringer: singleMatches.size,
      partitionerFaerdige: parts.length,
      partitionerIAlt: parts.length,
    });
    expect((await reads.koersler(5)).filter((r) => r.status === 'KOERER')).toEqual([]);
  }, 300_000);
});
