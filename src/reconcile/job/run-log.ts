import type { Knex } from 'knex';
import type { Koerselstype, Udloeser } from '../read/types';

/** The run's own row in `afstemning_koersel`: begun, finished, failed, and what the previous runs left. */
export interface PreviousRun {
  koersel_id: number;
  startet: string | Date;
  posteringer_til: string | null;
  til_postering_id: number | null;
  /** the day the run reconciled as of */
  idag?: string | Date;
}

/** The last run that finished, and whether a run since then failed after writing (then only a full run is safe). */
export async function previousRuns(db: Knex): Promise<{ lastOk: PreviousRun | undefined; failedAfterWriting: boolean }> {
  const lastOk = await db('afstemning_koersel').where({ status: 'OK' }).orderBy('koersel_id', 'desc').first();
  const failed = await db('afstemning_koersel')
    .where('koersel_id', '>', lastOk?.koersel_id ?? 0)
    .where({ skrevet: true })
    .whereNot({ status: 'OK' })
    .first('koersel_id');
  return { lastOk, failedAfterWriting: !!failed };
}

export async function beginRun(
  db: Knex,
  o: { type: Koerselstype; udloeser: Udloeser; now: Date; today: string; ttlMs: number; queued?: boolean },
): Promise<number> {
  const [row] = await db('afstemning_koersel')
    .insert({
      type: o.type,
      udloeser: o.udloeser,
      startet: o.now,
      status: 'KOERER',
      idag: o.today,
      lease_til: db.raw('now() + make_interval(secs => ?)', [o.ttlMs / 1000]),
      // a queued run's partitions are counted once its start job has cut the ledger (queue/plan.ts)
      ...(o.queued ? { partitioner_i_alt: 0 } : {}),
    })
    .returning('koersel_id');
  return Number((row as { koersel_id: number }).koersel_id);
}

export interface RunFigures {
  watermark: { registreret: string; id: number } | null;
  postings: number;
  matched: number;
  indsatser: number;
  vanished: number;
  warnings: string[];
}

/** Call inside the run's fenced write: a run that lost the store must not record itself OK. */
export async function finishRun(trx: Knex.Transaction, koerselId: number, o: { at: Date; ms: number; figures: RunFigures }): Promise<void> {
  const f = o.figures;
  await trx('afstemning_koersel')
    .where({ koersel_id: koerselId, status: 'KOERER' })
    .update({
      status: 'OK',
      afsluttet: o.at,
      varighed_ms: o.ms,
      posteringer_til: f.watermark?.registreret ?? null,
      til_postering_id: f.watermark?.id ?? null,
      antal_posteringer: f.postings,
      antal_indsatser: f.indsatser,
      antal_matchet: f.matched,
      antal_forsvundne: f.vanished,
      fejl: f.warnings.length ? f.warnings.join('; ').slice(0, 400) : null,
    });
}

/** Records the failure, unless another run marked this one failed already (its reason stands). */
export async function failRun(db: Knex, koerselId: number, o: { at: Date; ms: number; message: string }): Promise<void> {
  await db('afstemning_koersel')
    .where({ koersel_id: koerselId, status: 'KOERER' })
    .update({ status: 'FEJL', afsluttet: o.at, varighed_ms: o.ms, fejl: o.message.slice(0, 400) });
}

/**
 * Whether the latest run was interrupted — it died (KOERER after its lease), lost the store, or was stopped
 * by a shutdown — and nothing has run since. Then any replica should run now rather than at its next
 * scheduled time: the run log is the queue, and the advisory lock picks the replica. A run that failed on
 * its own (a source down) is not retried here; the schedule retries it.
 */
export async function interruptedRunWaiting(db: Knex): Promise<boolean> {
  const r = await db('afstemning_koersel')
    .orderBy('koersel_id', 'desc')
    .first('status', 'fejl', db.raw('(lease_til is null or lease_til < now()) as udloebet'));
  if (!r) return false;
  if (r.status === 'KOERER') return r.udloebet === true;
  const fejl = String(r.fejl ?? '');
  return r.status === 'FEJL' && (fejl.startsWith('LostLockError:') || fejl.startsWith('RunStoppedError:') || fejl.startsWith('stopped before finishing:'));
}
