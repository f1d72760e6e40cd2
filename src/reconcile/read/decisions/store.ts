import type { Knex } from 'knex';
import { postingsOfTeams } from '../row-scope';
import { ADVISORY_LOCKS } from '../../../store/advisory-locks';
import { refreshFaktisk } from '../comparison/faktisk';
import { readMatchStates } from '../store-reads';
import { applyDecision } from '../../rules/decisions/fold';
import {
  BEGRUNDELSE_MAX,
  DecisionError,
  type BeslutningInput,
  type BeslutningRecord,
  type BeslutningResultat,
  type BeslutningState,
  type BeslutningStatus,
  type Handling,
} from '../../rules/decisions/types';

/**
 * Manual decisions in the gateway's store. One transaction per decision: the history row (append-only:
 * never updated, never deleted), the folded current state, and the posting's stored match (so the API shows
 * the decision at once, before the next run applies it again). A run applies every current decision before
 * its rules (src/reconcile/job), so decisions survive restarts and full re-runs.
 */
export async function recordDecision(db: Knex, input: BeslutningInput): Promise<BeslutningResultat> {
  const begrundelse = input.begrundelse.trim();
  if (!begrundelse) throw new DecisionError('begrundelse', 'a reason (begrundelse) is required for a manual decision');
  if (begrundelse.length > BEGRUNDELSE_MAX) throw new DecisionError('begrundelse', `a reason may be at most ${BEGRUNDELSE_MAX} characters`);
  return db.transaction(async (trx) => {
    // one decision per posting at a time: a concurrent decision on the same posting waits for this one
    await trx.raw('select pg_advisory_xact_lock(?, ?)', [ADVISORY_LOCKS.manualDecision, input.posteringId % 2_000_000_000]);
    const current = (await readMatchStates(trx, [input.posteringId])).get(input.posteringId) ?? null;
    const state = await trx('manuel_beslutning').where({ postering_id: input.posteringId }).first();
    const indsatsId = targetOf(input.handling, input.indsatsId, current?.indsatsId ?? null);
    const folded = applyDecision(
      { tildeltIndsatsId: state?.tildelt_indsats_id ?? null, afvisteIndsatser: (state?.afviste_indsatser ?? []).map(Number) },
      input.handling,
      indsatsId,
    );
    const [hist] = await trx('manuel_beslutning_historik')
      .insert({
        postering_id: input.posteringId,
        bilagsnr: input.bilagsnr,
        handling: input.handling,
        indsats_id: indsatsId,
        tidligere_indsats_id: current?.indsatsId ?? null,
        tidligere_regel: current?.regel ?? null,
        begrundelse,
        aktoer: input.aktoer.slice(0, 200),
        tidspunkt: input.tidspunkt,
      })
      .returning('*');
    await trx('manuel_beslutning')
      .insert({
        postering_id: input.posteringId,
        bilagsnr: input.bilagsnr,
        tildelt_indsats_id: folded.tildeltIndsatsId,
        afviste_indsatser: folded.afvisteIndsatser,
        seneste_beslutning_id: hist.beslutning_id,
        status: 'AKTIV',
        status_tidspunkt: input.tidspunkt,
      })
      .onConflict('postering_id')
      .merge();
    if (current) {
      const now = folded.tildeltIndsatsId;
      const stays = now === null && current.indsatsId !== null && !folded.afvisteIndsatser.includes(current.indsatsId);
      if (!stays) {
        await trx('postering_match')
          .where({ postering_id: input.posteringId })
          .update(now === null ? { indsats_id: null, regel: 'AFVIST', confidence: 0 } : { indsats_id: now, regel: 'MANUEL', confidence: 1 });
        if (now !== null)
          await trx('afvigelse').where({ postering_id: input.posteringId }).whereIn('art', ['POSTERING_UMATCHET', 'POSTERING_TVETYDIG']).delete();
        const affected = [current.indsatsId, now].filter((x): x is number => x !== null);
        if (affected.length) await refreshFaktisk(trx, [...new Set(affected)]);
      }
    }
    const after = (await readMatchStates(trx, [input.posteringId])).get(input.posteringId) ?? null;
    const tilstand = await trx('manuel_beslutning').where({ postering_id: input.posteringId }).first();
    return { beslutning: toRecord(hist), tilstand: toState(tilstand), match: after };
  });
}

function targetOf(handling: Handling, given: number | null, current: number | null): number {
  if (handling === 'TILDEL') {
    if (given === null) throw new DecisionError('indsats', 'TILDEL needs the indsats the posting is assigned to');
    return given;
  }
  if (given !== null) {
    if (current !== null && given !== current) {
      throw new DecisionError('indsats', `${handling} concerns the posting's current match; to move it to another indsats, use TILDEL`);
    }
    if (current === null && handling === 'BEKRAEFT') throw new DecisionError('indsats', 'the posting has no match to confirm; use TILDEL to assign it');
    return given;
  }
  if (current === null)
    throw new DecisionError('postering', `the posting has no match to ${handling === 'AFVIS' ? 'reject' : 'confirm'}; use TILDEL to assign it`);
  return current;
}

export interface DecisionRow {
  postering_id: number | string;
  bilagsnr: string;
  tildelt_indsats_id: number | null;
  afviste_indsatser: Array<number | string>;
  seneste_beslutning_id: number | string;
  status: BeslutningStatus;
  status_tidspunkt: string | Date;
}

export function toState(r: DecisionRow): BeslutningState {
  return {
    posteringId: Number(r.postering_id),
    bilagsnr: r.bilagsnr,
    tildeltIndsatsId: r.tildelt_indsats_id,
    afvisteIndsatser: (r.afviste_indsatser ?? []).map(Number),
    status: r.status,
    statusTidspunkt: new Date(r.status_tidspunkt).toISOString(),
    senesteBeslutningId: Number(r.seneste_beslutning_id),
  };
}

export function toRecord(r: Record<string, unknown>): BeslutningRecord {
  return {
    beslutningId: Number(r.beslutning_id),
    posteringId: Number(r.postering_id),
    bilagsnr: String(r.bilagsnr),
    handling: r.handling as Handling,
    indsatsId: (r.indsats_id as number | null) ?? null,
    tidligereIndsatsId: (r.tidligere_indsats_id as number | null) ?? null,
    tidligereRegel: (r.tidligere_regel as string | null) ?? null,
    begrundelse: String(r.begrundelse),
    aktoer: String(r.aktoer),
    tidspunkt: new Date(r.tidspunkt as string).toISOString(),
  };
}

export async function decisionHistory(db: Knex, posteringIds: readonly number[]): Promise<Map<number, BeslutningRecord[]>> {
  const rows = await db('manuel_beslutning_historik')
    .whereIn('postering_id', [...posteringIds])
    .orderBy('beslutning_id');
  const out = new Map<number, BeslutningRecord[]>();
  for (const r of rows) {
    const rec = toRecord(r);
    out.set(rec.posteringId, [...(out.get(rec.posteringId) ?? []), rec]);
  }
  return out;
}

/** Current decision states, newest first, optionally only those with the given statuses. */
export async function listDecisionStates(
  db: Knex,
  opts: { status?: BeslutningStatus[]; first: number; scopeTeamIds?: readonly number[] },
): Promise<BeslutningState[]> {
  const q = db('manuel_beslutning').orderBy('seneste_beslutning_id', 'desc').limit(opts.first);
  if (opts.status?.length) q.whereIn('status', opts.status);
  // the caller's row rule (src/reconcile/read/row-scope): only postings matched to an indsats of these teams
  if (opts.scopeTeamIds) q.whereIn('postering_id', postingsOfTeams(db, opts.scopeTeamIds));
  return ((await q) as DecisionRow[]).map(toState);
}
