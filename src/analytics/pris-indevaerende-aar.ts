import type { Bestilling, Indsats } from '../domain/model';
import type { PosteringMatch } from '../reconcile/rules/types';
import { toOere, roundOere } from '../domain/money';
import { daysBetween } from '../domain/dates';
import { expectedPrice } from '../reconcile/rules/prices/expected-price';

/**
 * "Pris indeværende år" (seed 003, Mariagerfjord's sagsoverblik): what an indsats costs in the current
 * calendar year, three ways, in øre:
 *   forventet  VUM 2.0 ID 51 per month × the days it runs this year × 12/365 (to the year's end when open)
 *   kontrakt   each bestilling's kontraktpris (ID 68) × the days it is valid and the indsats runs this year × 12/365
 *   betalt     matched economy postings whose service period starts this year (credit notes subtract)
 * The days are by actual dates where known (ID 75), else expected (ID 39/40), as everywhere in analytics.
 */
export interface PrisIndevaerendeAar {
  aar: number;
  forventet: number;
  kontrakt: number | null;
  betalt: number;
  dageIAar: number;
}

function runs(i: Indsats): { start: string; slut: string | null } {
  return { start: i.faktiskStart ?? i.forventetStart, slut: i.faktiskSlut ?? (i.faktiskStart ? null : i.forventetSlut) };
}

const overlapDays = (a: string, b: string | null, c: string, d: string): number => {
  const from = a > c ? a : c;
  const to = b === null || b > d ? d : b;
  return to < from ? 0 : daysBetween(from, to) + 1;
};

export function prisIndevaerendeAar(i: Indsats, bestillinger: readonly Bestilling[], matches: readonly PosteringMatch[], today: string): PrisIndevaerendeAar {
  const aar = Number(today.slice(0, 4));
  const yStart = `${aar}-01-01`;
  const yEnd = `${aar}-12-31`;
  const { start, slut } = runs(i);
  const dage = overlapDays(start, slut, yStart, yEnd);
  const forventet = roundOere((expectedPrice(i).prMaaned * dage * 12) / 365);
  let kontrakt: number | null = null;
  for (const b of bestillinger) {
    const from = b.gyldigFra > start ? b.gyldigFra : start;
    const to = b.gyldigTil === null ? slut : slut === null || b.gyldigTil < slut ? b.gyldigTil : slut;
    const d = overlapDays(from, to, yStart, yEnd);
    if (d > 0) kontrakt = (kontrakt ?? 0) + roundOere((toOere(b.kontraktprisPrMaaned) * d * 12) / 365);
  }
  const betalt = matches.filter((m) => m.periodeFra.startsWith(String(aar))).reduce((a, m) => a + m.beloebOere, 0);
  return { aar, forventet, kontrakt, betalt, dageIAar: dage };
}

/** A citizen's total over their indsatser (null kontrakt only when no indsats has one). */
export function sumPriser(list: readonly PrisIndevaerendeAar[], aar: number): PrisIndevaerendeAar {
  return list.reduce<PrisIndevaerendeAar>(
    (a, p) => ({
      aar,
      forventet: a.forventet + p.forventet,
      kontrakt: p.kontrakt === null ? a.kontrakt : (a.kontrakt ?? 0) + p.kontrakt,
      betalt: a.betalt + p.betalt,
      dageIAar: a.dageIAar + p.dageIAar,
    }),
    { aar, forventet: 0, kontrakt: null, betalt: 0, dageIAar: 0 },
  );
}

/** The loaders the sagsoverblik already uses (per request, batched by key). */
export interface PrisSources {
  bestillingerByIndsats: { load(id: number): Promise<Bestilling[]> };
  matchesByIndsats: { load(id: number): Promise<PosteringMatch[]> };
  sagerByBorger: { load(id: number): Promise<Array<{ id: number }>> };
  indsatserBySag: { load(id: number): Promise<Indsats[]> };
}

export async function prisForIndsats(s: PrisSources, i: Indsats, today: string): Promise<PrisIndevaerendeAar> {
  const [b, m] = await Promise.all([s.bestillingerByIndsats.load(i.id), s.matchesByIndsats.load(i.id)]);
  return prisIndevaerendeAar(i, b, m, today);
}

export async function prisForBorger(s: PrisSources, borgerId: number, today: string): Promise<PrisIndevaerendeAar> {
  const sager = await s.sagerByBorger.load(borgerId);
  const indsatser = (await Promise.all(sager.map((x) => s.indsatserBySag.load(x.id)))).flat();
  return sumPriser(await Promise.all(indsatser.map((i) => prisForIndsats(s, i, today))), Number(today.slice(0, 4)));
}
