import type { BestillingRow, KontraktRow } from '../model';
import { fromOere } from '../../src/domain/money';
import { paragrafByKode } from '../../src/domain/codes';
import type { GeneratorContext } from './context';
import type { TakstTable } from './takster';
import type { Random } from './random';
import { type Indsats, type PricePeriod, isSettled } from './world';
import { dayOf, isoOf, yearEnd, yearOfDay, yearStart } from './days';
import { maanedsprisOere } from './prices';

/**
 * Bestillinger (VUM 2.0 ID 68–72) and the economy's contract register: one price period per indsats and
 * calendar year, because takster are index-regulated every 1 January. The fagsystem's kontraktpris and the
 * economy's contract amount are the same number here; KONTRAKTPRIS_AFVIGER later changes one of them.
 * Providers not settled per citizen get a bestilling but no economy contract.
 */
export interface Orders {
  bestillinger: BestillingRow[];
  kontrakter: KontraktRow[];
}

/** SEL § 163: citizens in § 107/108/110 stays pay for board and lodging themselves. */
const EGENBETALING = new Set(['SEL107', 'SEL108', 'SEL110']);

export function uuidFrom(rng: Random): string {
  const hex = Array.from({ length: 4 }, () => rng.uint32().toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function generateOrders(ctx: GeneratorContext, indsatser: readonly Indsats[], takster: TakstTable): Orders {
  const rng = ctx.rng.fork('orders');
  const bestillinger: BestillingRow[] = [];
  const kontrakter: KontraktRow[] = [];
  for (const i of indsatser) {
    const spanStart = i.startDay ?? dayOf(i.row.forventet_start);
    const spanEnd = i.endDay;
    const firstYear = yearOfDay(spanStart);
    const lastYear = Math.max(firstYear, yearOfDay(spanEnd ?? ctx.asOfDay));
    const settled = isSettled(i);
    const personhenfoert = paragrafByKode(i.row.paragraf)!.personhenfoert;
    // a company with a legacy creditor still has some citizens' contracts on it
    const kreditorNr = i.unit.kreditorer.length > 1 && rng.chance(0.35) ? i.unit.kreditorer[1]! : i.unit.kreditorer[0]!;
    const sagsreference = rng.chance(0.85) ? i.sag.sagsnummer : null;
    if (settled && rng.chance(0.25)) i.row.integrations_id = uuidFrom(rng); // KOMBIT SF1590_A: the fagsystem sends the postings itself
    for (let aar = firstYear; aar <= lastYear; aar++) {
      const fromDay = Math.max(spanStart, yearStart(aar));
      const toDay = aar === lastYear ? spanEnd : yearEnd(aar);
      const enhedsprisOere = takster.get(i.unit.row.leverandoer_id, i.row.paragraf, i.takstYdelse, aar);
      const oere = maanedsprisOere({ hundredths: i.hundredths, ydelsesfrekvens: i.row.ydelsesfrekvens, enhedsprisOere });
      const bestiltDay = aar === firstYear ? Math.min(fromDay, i.afgoerelseDay + rng.int(1, 10)) : yearStart(aar) - rng.int(10, 30);
      const bestilling: BestillingRow = {
        bestilling_id: bestillinger.length + 1,
        indsats_id: i.row.indsats_id,
        leverandoer_id: i.unit.row.leverandoer_id,
        bestilt_dato: isoOf(bestiltDay),
        kontraktpris_pr_maaned: fromOere(oere),
        gyldig_fra: isoOf(fromDay),
        gyldig_til: toDay === null ? null : isoOf(toDay),
        egenbetaling: EGENBETALING.has(i.row.paragraf),
      };
      bestillinger.push(bestilling);
      let kontrakt: KontraktRow | null = null;
      if (settled) {
        kontrakt = {
          kontrakt_nr: `KT${String(kontrakter.length + 1).padStart(7, '0')}`,
          kreditor_nr: kreditorNr,
          cpr: personhenfoert ? i.citizen.row.cpr : null,
          konto: i.row.kontonummer,
          beloeb_pr_maaned: fromOere(oere),
          gyldig_fra: bestilling.gyldig_fra,
          gyldig_til: bestilling.gyldig_til,
          sagsreference,
        };
        kontrakter.push(kontrakt);
      }
      const period: PricePeriod = { aar, fromDay, toDay, bestilling, kontrakt, enhedsprisOere, fagsystemOere: oere, oekonomiOere: oere };
      i.periods.push(period);
    }
    // VUM 2.0 ID 48: the indsats carries its current unit price (the latest regulation)
    i.row.enhedspris = fromOere(i.periods[i.periods.length - 1]!.enhedsprisOere);
  }
  return { bestillinger, kontrakter };
}
