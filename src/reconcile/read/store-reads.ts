import type { Knex } from 'knex';
import type { PosteringMatchState } from '../rules/types';

/** The stored match state of postings, by id (shared by the per-request reads and manual decisions). */
export async function readMatchStates(db: Knex, ids: readonly number[]): Promise<Map<number, PosteringMatchState>> {
  const rows = await db('postering_match')
    .whereIn('postering_id', [...ids])
    .select('*');
  return new Map(rows.map((r: Record<string, unknown>) => [Number(r.postering_id), toMatchState(r)]));
}

export function toMatchState(r: Record<string, unknown>): PosteringMatchState {
  return {
    posteringId: Number(r.postering_id),
    bilagsnr: String(r.bilagsnr),
    indsatsId: (r.indsats_id as number | null) ?? null,
    regel: String(r.regel),
    confidence: Number(r.confidence),
    autoIndsatsId: (r.auto_indsats_id as number | null) ?? null,
    autoRegel: String(r.auto_regel),
    kandidater: Number(r.kandidater),
    beloebOere: Number(r.beloeb_oere),
    periodeFra: String(r.periode_fra),
    periodeTil: String(r.periode_til),
    konto: String(r.konto),
    kreditorNr: (r.kreditor_nr as string | null) ?? null,
    cprKilde: r.cpr_kilde as PosteringMatchState['cprKilde'],
    borgerId: (r.borger_id as number | null) ?? null,
    evidens: r.evidens ?? null,
  };
}
