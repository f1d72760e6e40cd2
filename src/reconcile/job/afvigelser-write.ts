import type { Knex } from 'knex';
import type { NyAfvigelse } from '../rules/afvigelser/types';
import type { Omfang } from '../rules/afvigelser/kinds';
import { chunked } from '../chunked';

/**
 * Afvigelser are upserted by their stable key, so an afvigelse that persists keeps its first-seen time (`fundet`);
 * then afvigelser of the recomputed scope that this run did not see again are removed.
 */
export async function upsertAfvigelser(db: Knex, fund: readonly NyAfvigelse[], koerselId: number, now: Date): Promise<void> {
  for (const slice of chunked(fund, 1000)) {
    const rows = slice.map((f) => ({
      noegle: f.noegle,
      art: f.art,
      omfang: f.omfang,
      postering_id: f.posteringId ?? null,
      relateret_postering_id: f.relateretPosteringId ?? null,
      indsats_id: f.indsatsId ?? null,
      borger_id: f.borgerId ?? null,
      leverandoer_id: f.leverandoerId ?? null,
      kreditor_nr: f.kreditorNr ?? null,
      maaned: f.maaned ?? null,
      beloeb_oere: f.beloebOere ?? null,
      felt: f.felt ?? null,
      detaljer: f.detaljer ? JSON.stringify(f.detaljer) : null,
      fundet: now,
      koersel_id: koerselId,
    }));
    await db('afvigelse')
      .insert(rows)
      .onConflict('noegle')
      .merge([
        'art',
        'omfang',
        'postering_id',
        'relateret_postering_id',
        'indsats_id',
        'borger_id',
        'leverandoer_id',
        'kreditor_nr',
        'maaned',
        'beloeb_oere',
        'felt',
        'detaljer',
        'koersel_id',
      ]);
  }
}

type ScopeColumn = 'postering_id' | 'indsats_id' | 'borger_id' | 'leverandoer_id';

/** Removes afvigelser of `omfang` for the given records (or all of that omfang) not seen by run `koerselId`. */
export async function deleteStaleAfvigelser(
  db: Knex,
  opts: { omfang: Omfang; column?: ScopeColumn; ids?: readonly number[]; koerselId: number },
): Promise<void> {
  if (opts.column && opts.ids) {
    for (const ids of chunked(opts.ids, 5000)) {
      await db.raw(`delete from afvigelse where omfang = ? and ${opts.column} = any(?::bigint[]) and koersel_id <> ?`, [opts.omfang, ids, opts.koerselId]);
    }
    return;
  }
  await db('afvigelse').where({ omfang: opts.omfang }).whereNot({ koersel_id: opts.koerselId }).delete();
}
