import type { Knex } from 'knex';

/**
 * The caller's row rule pushed into the reconciled store's reads (issue 8 point 8): the store keys results
 * by indsats and team (`indsats_afstemning.team_id`), so a role limited to teams (or to the teams of its
 * organisation unit) reads only the results of those teams' indsatser — never other units' totals,
 * afvigelser, amounts, voucher or creditor numbers. `null` = every row (economy staff, BI).
 */
export type TeamScope = () => Promise<readonly number[] | null>;

/** indsatser of the scope's teams, as a subquery */
export function scopedIndsatser(db: Knex, teams: readonly number[]): Knex.QueryBuilder {
  return db('indsats_afstemning')
    .select('indsats_id')
    .whereIn('team_id', [...teams]);
}

/** citizens with an indsats of the scope's teams, as a subquery */
export function scopedBorgere(db: Knex, teams: readonly number[]): Knex.QueryBuilder {
  return db('indsats_afstemning')
    .select('borger_id')
    .whereIn('team_id', [...teams]);
}

/** postings matched to an indsats of the scope's teams, as a subquery */
export function postingsOfTeams(db: Knex, teams: readonly number[]): Knex.QueryBuilder {
  return db('postering_match').select('postering_id').whereIn('indsats_id', scopedIndsatser(db, teams));
}

/** Of these postings, those matched to an indsats of the scope's teams. */
export async function postingsInScope(db: Knex, posteringIds: readonly number[], teams: readonly number[]): Promise<Set<number>> {
  if (!posteringIds.length || !teams.length) return new Set();
  const rows: Array<{ postering_id: number | string }> = await db('postering_match')
    .select('postering_id')
    .whereIn('postering_id', [...posteringIds])
    .whereIn('indsats_id', scopedIndsatser(db, teams));
  return new Set(rows.map((r) => Number(r.postering_id)));
}

/** Of these indsatser, those of the scope's teams. */
export async function indsatserInScope(db: Knex, indsatsIds: readonly number[], teams: readonly number[]): Promise<Set<number>> {
  if (!indsatsIds.length || !teams.length) return new Set();
  const rows: Array<{ indsats_id: number | string }> = await scopedIndsatser(db, teams).whereIn('indsats_id', [...indsatsIds]);
  return new Set(rows.map((r) => Number(r.indsats_id)));
}
