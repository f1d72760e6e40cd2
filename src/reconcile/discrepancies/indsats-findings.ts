import type { Knex } from 'knex';
import type { Bestilling, Kontrakt } from '../../domain/model';
import { fromOere, toOere } from '../../domain/money';
import type { Fund } from './types';

/**
 * Findings about one indsats and the postings matched to it, recomputed whenever the indsats or its matches
 * change. What can be said in SQL over the reconciled store is said there (one statement per kind for a
 * chunk of indsatser); the contract comparison needs the sources' records, which the run holds.
 */
export interface IndsatsFacts {
  indsatsId: number;
  borgerId: number;
  leverandoerId: number;
  status: 'BEVILGET' | 'AKTIV' | 'AFSLUTTET';
  afregnesPrBorger: boolean;
  /** months with days of service inside the horizon */
  aktiveMaaneder: number;
  bestillinger: readonly Bestilling[];
  kontrakter: readonly Kontrakt[];
}

export async function indsatsFindings(db: Knex, facts: readonly IndsatsFacts[], opts: { glidningProcent: number }): Promise<Fund[]> {
  const ids = facts.map((f) => f.indsatsId);
  const byId = new Map(facts.map((f) => [f.indsatsId, f]));
  const out: Fund[] = [];
  const base = (f: IndsatsFacts) => ({ omfang: 'INDSATS' as const, indsatsId: f.indsatsId, borgerId: f.borgerId, leverandoerId: f.leverandoerId });

  // money per indsats: paid (every month) against contract (months it ran; the economy's amount, which
  // invoices are paid by, else the bestilling's)
  const sums = rowsOf(
    await db.raw(
      `select indsats_id, sum(faktisk_oere)::bigint as faktisk, sum(coalesce(kontrakt_oekonomi_oere, kontrakt_fagsystem_oere)) filter (where dage > 0)::bigint as kontrakt,
              sum(antal_posteringer)::int as antal
         from indsats_maaned where indsats_id = any(?::int[]) group by indsats_id`,
      [ids],
    ),
  );
  const sumOf = new Map(sums.map((r) => [Number(r.indsats_id), { faktisk: Number(r.faktisk ?? 0), kontrakt: r.kontrakt === null ? null : Number(r.kontrakt), antal: Number(r.antal ?? 0) }]));
  for (const f of facts) {
    const s = sumOf.get(f.indsatsId) ?? { faktisk: 0, kontrakt: null, antal: 0 };
    // internal providers financed by budget are never paid per citizen: no payment is not missing payment
    if (f.afregnesPrBorger && f.status !== 'BEVILGET' && f.aktiveMaaneder > 0 && s.antal === 0) {
      out.push({ ...base(f), noegle: `INDSATS_UDEN_BETALING:${f.indsatsId}`, art: 'INDSATS_UDEN_BETALING', beloebOere: s.kontrakt, detaljer: { aktiveMaaneder: f.aktiveMaaneder, kontrakt: s.kontrakt === null ? null : fromOere(s.kontrakt) } });
    }
    if (f.afregnesPrBorger && s.antal > 0 && s.kontrakt !== null && s.kontrakt > 0) {
      const diff = s.faktisk - s.kontrakt;
      if (Math.abs(diff) * 100 > opts.glidningProcent * s.kontrakt) {
        out.push({
          ...base(f), noegle: `FAKTISK_AFVIGER:${f.indsatsId}`, art: 'FAKTISK_AFVIGER', beloebOere: diff, felt: 'beloeb',
          detaljer: { faktisk: fromOere(s.faktisk), kontrakt: fromOere(s.kontrakt), forskel: fromOere(diff), procent: Math.round((diff * 10_000) / s.kontrakt) / 100, taerskelProcent: opts.glidningProcent },
        });
      }
    }
    out.push(...contractPriceFindings(f));
  }

  for (const r of rowsOf(
    await db.raw(
      `select pm.postering_id, pm.indsats_id, pm.periode_fra, pm.periode_til, pm.beloeb_oere, pm.kreditor_nr, ia.start, ia.slut
         from postering_match pm join indsats_afstemning ia on ia.indsats_id = pm.indsats_id
        where pm.indsats_id = any(?::int[]) and (pm.periode_fra > ia.slut or pm.periode_til < ia.start)`,
      [ids],
    ),
  )) {
    const f = byId.get(Number(r.indsats_id))!;
    const after = r.slut !== null && String(r.periode_fra) > String(r.slut);
    const art = after ? 'BETALING_EFTER_SLUT' : 'BETALING_FOER_START';
    out.push({
      ...base(f), noegle: `${art}:${r.postering_id}`, art, posteringId: Number(r.postering_id), kreditorNr: r.kreditor_nr as string | null,
      maaned: `${String(r.periode_fra).slice(0, 7)}-01`, beloebOere: Number(r.beloeb_oere), felt: 'periode',
      detaljer: { periodeFra: r.periode_fra, periodeTil: r.periode_til, indsatsStart: r.start, indsatsSlut: r.slut },
    });
  }

  // the same invoice twice: identical creditor, account, service period and amount for the same indsats;
  // the first registered is the original, every later one a duplicate
  for (const r of rowsOf(
    await db.raw(
      `select * from (
         select postering_id, indsats_id, periode_fra, beloeb_oere, kreditor_nr,
                row_number() over w as nr, first_value(postering_id) over w as original
           from postering_match where indsats_id = any(?::int[])
         window w as (partition by indsats_id, kreditor_nr, konto, periode_fra, periode_til, beloeb_oere order by registreret, postering_id)
       ) d where nr > 1`,
      [ids],
    ),
  )) {
    const f = byId.get(Number(r.indsats_id))!;
    out.push({
      ...base(f), noegle: `DUBLET_POSTERING:${r.postering_id}`, art: 'DUBLET_POSTERING', posteringId: Number(r.postering_id), relateretPosteringId: Number(r.original),
      kreditorNr: r.kreditor_nr as string | null, maaned: `${String(r.periode_fra).slice(0, 7)}-01`, beloebOere: Number(r.beloeb_oere),
    });
  }

  // a credit note and the posting it reverses: same creditor, account and period, the opposite amount,
  // registered before it
  for (const r of rowsOf(
    await db.raw(
      `select c.postering_id, c.indsats_id, c.periode_fra, c.beloeb_oere, c.kreditor_nr,
              (select o.postering_id from postering_match o
                where o.indsats_id = c.indsats_id and o.kreditor_nr is not distinct from c.kreditor_nr and o.konto = c.konto
                  and o.periode_fra = c.periode_fra and o.periode_til = c.periode_til and o.beloeb_oere = -c.beloeb_oere
                  and (o.registreret, o.postering_id) < (c.registreret, c.postering_id)
                order by o.registreret desc, o.postering_id desc limit 1) as original
         from postering_match c where c.indsats_id = any(?::int[]) and c.beloeb_oere < 0`,
      [ids],
    ),
  )) {
    const f = byId.get(Number(r.indsats_id))!;
    out.push({
      ...base(f), noegle: `KREDITERING:${r.postering_id}`, art: 'KREDITERING', posteringId: Number(r.postering_id),
      relateretPosteringId: r.original === null ? null : Number(r.original), kreditorNr: r.kreditor_nr as string | null,
      maaned: `${String(r.periode_fra).slice(0, 7)}-01`, beloebOere: Number(r.beloeb_oere),
    });
  }
  return out;
}

/**
 * KONTRAKTPRIS_AFVIGER: each economy contract linked to the indsats against the bestilling of the same
 * period (same start, else the one valid on the contract's start).
 */
export function contractPriceFindings(f: Pick<IndsatsFacts, 'indsatsId' | 'borgerId' | 'leverandoerId' | 'bestillinger' | 'kontrakter'>): Fund[] {
  const out: Fund[] = [];
  for (const k of f.kontrakter) {
    const b =
      f.bestillinger.find((x) => x.gyldigFra === k.gyldigFra) ??
      f.bestillinger.find((x) => x.gyldigFra <= k.gyldigFra && (x.gyldigTil === null || x.gyldigTil >= k.gyldigFra));
    if (!b) continue;
    const fag = toOere(b.kontraktprisPrMaaned);
    const oek = toOere(k.beloebPrMaaned);
    if (fag === oek) continue;
    out.push({
      omfang: 'INDSATS', indsatsId: f.indsatsId, borgerId: f.borgerId, leverandoerId: f.leverandoerId, kreditorNr: k.kreditorNr,
      noegle: `KONTRAKTPRIS_AFVIGER:${f.indsatsId}:${k.kontraktNr}`, art: 'KONTRAKTPRIS_AFVIGER', felt: 'kontraktpris', maaned: `${k.gyldigFra.slice(0, 7)}-01`,
      beloebOere: oek - fag,
      detaljer: { kontraktNr: k.kontraktNr, bestillingId: b.id, aar: Number(k.gyldigFra.slice(0, 4)), fagsystem: fromOere(fag), oekonomi: fromOere(oek), forskel: fromOere(oek - fag) },
    });
  }
  return out;
}

function rowsOf(r: unknown): Array<Record<string, unknown>> {
  return ((r as { rows?: Array<Record<string, unknown>> }).rows ?? []) as Array<Record<string, unknown>>;
}
