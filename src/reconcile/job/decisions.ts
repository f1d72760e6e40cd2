import type { Knex } from 'knex';
import type { BeslutningState, BeslutningStatus } from '../rules/decisions/types';
import { toState, type DecisionRow } from '../read/decisions/store';

// What a run does with the manual decisions: apply every current one, mark those whose posting or indsats is gone.
/** Every current decision (the job applies them all; a municipality makes thousands, not millions). */
export async function loadDecisions(db: Knex): Promise<Map<number, BeslutningState>> {
  const rows = (await db('manuel_beslutning').select('*')) as DecisionRow[];
  return new Map(rows.map((r) => [Number(r.postering_id), toState(r)]));
}

/** A run found the posting or the indsats gone: the decision is kept and its status says so (never dropped). */
export async function setDecisionStatus(db: Knex, posteringIds: readonly number[], status: BeslutningStatus, at: Date): Promise<void> {
  if (!posteringIds.length) return;
  await db('manuel_beslutning')
    .whereIn('postering_id', [...posteringIds])
    .whereNot({ status })
    .update({ status, status_tidspunkt: at });
}
