import type { Knex } from 'knex';
import type { KoerselInfo } from './types';

/** Reads of the run log (`afstemning_koersel`). */
export function toKoersel(r: Record<string, unknown>): KoerselInfo {
  const ts = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
  return {
    koerselId: Number(r.koersel_id),
    type: r.type as KoerselInfo['type'],
    udloeser: r.udloeser as KoerselInfo['udloeser'],
    startet: ts(r.startet)!,
    afsluttet: ts(r.afsluttet),
    status: r.status as KoerselInfo['status'],
    posteringerTil: (r.posteringer_til as string | null) ?? null,
    antalPosteringer: Number(r.antal_posteringer),
    antalIndsatser: Number(r.antal_indsatser),
    antalMatchet: Number(r.antal_matchet),
    antalForsvundne: Number(r.antal_forsvundne),
    varighedMs: r.varighed_ms === null ? null : Number(r.varighed_ms),
    fejl: (r.fejl as string | null) ?? null,
  };
}

export async function readKoersel(db: Knex, id: number): Promise<KoerselInfo | null> {
  const r = await db('afstemning_koersel').where({ koersel_id: id }).first();
  return r ? toKoersel(r) : null;
}

export async function listKoersler(db: Knex, limit: number): Promise<KoerselInfo[]> {
  const rows = await db('afstemning_koersel').orderBy('koersel_id', 'desc').limit(limit);
  return rows.map(toKoersel);
}
