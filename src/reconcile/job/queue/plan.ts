import type { Knex } from 'knex';
import type { Connectors } from '../../../context/connectors';

/**
 * Cuts the ledger into partitions for a queued full run (migration 005): every `batchesPerPartition`
 * batches of the (registreret, postering_id) order one partition, starting after the last posting of the
 * partition before. The cut reads the ledger once in the same batches the partitions will read, so a
 * partition's batches are exactly the batches one full run would match (batch assignment — swapped CPRs on
 * one invoice — works within a batch, so the results are the same). The last partition reads to the end,
 * so a posting registered meanwhile is not missed.
 */
export interface PartitionPlan {
  nr: number;
  fra: { registreret: string; id: number } | null;
  antalBatches: number | null;
}

export async function planPartitions(
  connectors: Connectors,
  o: { batchSize: number; batchesPerPartition: number; signal?: AbortSignal },
): Promise<PartitionPlan[]> {
  const plan: PartitionPlan[] = [{ nr: 0, fra: null, antalBatches: null }];
  let n = 0;
  for await (const batch of connectors.oekonomi.job.posteringer({ batchSize: o.batchSize })) {
    o.signal?.throwIfAborted();
    if (++n % o.batchesPerPartition !== 0 || batch.length < o.batchSize) continue;
    const last = batch[batch.length - 1]!;
    plan[plan.length - 1]!.antalBatches = o.batchesPerPartition;
    plan.push({ nr: plan.length, fra: { registreret: last.registreret, id: last.id }, antalBatches: null });
  }
  return plan;
}

/** Inside the start job's fenced write; a retried start job keeps the partitions recorded by the first. */
export async function savePlan(trx: Knex.Transaction, koerselId: number, plan: readonly PartitionPlan[]): Promise<void> {
  await trx('afstemning_partition')
    .insert(
      plan.map((p) => ({
        koersel_id: koerselId,
        nr: p.nr,
        fra_registreret: p.fra?.registreret ?? null,
        fra_postering_id: p.fra?.id ?? null,
        antal_batches: p.antalBatches,
      })),
    )
    .onConflict(['koersel_id', 'nr'])
    .ignore();
  const rows = await trx('afstemning_partition').where({ koersel_id: koerselId }).count<Array<{ n: string }>>({ n: '*' });
  await trx('afstemning_koersel')
    .where({ koersel_id: koerselId })
    .update({ partitioner_i_alt: Number(rows[0]?.n ?? 0) });
}

export interface PartitionRow {
  nr: number;
  fra_registreret: string | null;
  fra_postering_id: string | number | null;
  antal_batches: number | null;
  status: 'VENTER' | 'OK';
}

export async function partitionsOf(db: Knex, koerselId: number): Promise<PartitionRow[]> {
  return db('afstemning_partition')
    .where({ koersel_id: koerselId })
    .orderBy('nr')
    .select('nr', 'fra_registreret', 'fra_postering_id', 'antal_batches', 'status');
}

/** The checkpoint: a partition done, counted on its run; false when it was done already (a retried job). */
export async function markPartitionDone(
  trx: Knex.Transaction,
  koerselId: number,
  nr: number,
  figures: { postings: number; matched: number; attempt: number },
): Promise<boolean> {
  const n = await trx('afstemning_partition')
    .where({ koersel_id: koerselId, nr, status: 'VENTER' })
    .update({ status: 'OK', antal_posteringer: figures.postings, antal_matchet: figures.matched, forsoeg: figures.attempt, faerdig: trx.fn.now() });
  if (n) await trx('afstemning_koersel').where({ koersel_id: koerselId }).increment('partitioner_faerdige', 1);
  return n > 0;
}

export async function partitionsWaiting(db: Knex, koerselId: number): Promise<number> {
  const rows = await db('afstemning_partition').where({ koersel_id: koerselId, status: 'VENTER' }).count<Array<{ n: string }>>({ n: '*' });
  return Number(rows[0]?.n ?? 0);
}

/** A queued run still going on somewhere (its lease renewed by whichever replica works on it). */
export async function liveQueuedRun(db: Knex): Promise<boolean> {
  const r = await db('afstemning_koersel')
    .where({ status: 'KOERER' })
    .whereNotNull('partitioner_i_alt')
    .where('lease_til', '>=', db.fn.now())
    .first('koersel_id');
  return !!r;
}
