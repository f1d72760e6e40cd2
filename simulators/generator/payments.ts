import { paragrafByKode } from '../../src/domain/codes';
import { fromOere, toOere } from '../../src/domain/money';
import type { GeneratorContext } from './context';
import type { Random } from './random';
import type { Indsats } from './world';
import type { IndsatsPlant, PlantRecorder } from './disagreements/types';
import { type PostingDraft, draftRow } from './drafts';
import { schedule, sumOere, type ScheduledMonth } from './schedule';
import { isoOf, monthEnd, monthStart } from './days';
import { scalePermille } from './prices';
import { invoiceText } from './texts';
import { cprWithDash } from './identifiers';

/**
 * Monthly postings for every indsats whose provider is settled per citizen (`afregnes_pr_borger`): one
 * invoice per month it ran inside the payment window, prorated for partial months, amount from the
 * economy's contract, booked on the paragraph's kontoplan account with CPR where the account is
 * personhenført. Internal units settled per citizen are paid by internal settlement (art 9.7), external
 * providers as purchases (art 4.0). Indsats-level plants (see disagreements/select.ts) change what is
 * generated here.
 */
export const ART_KOEB = '4.0';
export const ART_INTERN = '9.7';

export class PaymentWriter {
  readonly drafts: PostingDraft[] = [];
  private readonly rng: Random;

  constructor(private readonly ctx: GeneratorContext) {
    this.rng = ctx.rng.fork('payments');
  }

  /** Invoice date shortly after the period; the month before asOf is invoiced in its last days, so all is booked by asOf. */
  bilagsdag(month: number, serviceFrom: number): number {
    return Math.max(serviceFrom, Math.min(monthEnd(month) + this.rng.int(1, 10), this.ctx.asOfDay - 1 - this.rng.int(0, 5)));
  }

  bookDay(bilagsdag: number): number {
    return Math.min(bilagsdag + this.rng.int(0, 3), this.ctx.asOfDay - 1);
  }

  forIndsats(i: Indsats, plant: IndsatsPlant | undefined, rec: PlantRecorder): void {
    if (plant?.kind === 'INDSATS_UDEN_BETALING') {
      rec.add('INDSATS_UDEN_BETALING', {
        indsats_id: i.row.indsats_id,
        leverandoer_id: i.unit.row.leverandoer_id,
        borger_id: i.citizen.row.borger_id,
        cpr: i.citizen.row.cpr,
      });
      return;
    }
    const months = schedule(this.ctx, i);
    if (months.length === 0) return;
    const made: PostingDraft[] = [];
    for (const s of months) made.push(this.posting(i, s, s.oere, plant));
    if (plant?.kind === 'FAKTISK_AFVIGER') {
      const faktisk = sumOere(made.map((d) => ({ oere: toOere(d.row.beloeb) })));
      rec.add('FAKTISK_AFVIGER', {
        indsats_id: i.row.indsats_id,
        leverandoer_id: i.unit.row.leverandoer_id,
        cpr: i.citizen.row.cpr,
        felt: 'beloeb',
        vaerdier: { kontrakt: fromOere(sumOere(months)), faktisk: fromOere(faktisk) },
      });
    }
    if (plant?.kind === 'BETALING_EFTER_SLUT') {
      const last = months[months.length - 1]!;
      for (let k = 1; k <= plant.extraMonths; k++) {
        const m = last.month + k;
        const after: ScheduledMonth = { month: m, fromDay: monthStart(m), toDay: monthEnd(m), period: last.period, oere: last.period.oekonomiOere };
        const d = this.posting(i, after, after.oere, undefined);
        rec.add(
          'BETALING_EFTER_SLUT',
          {
            indsats_id: i.row.indsats_id,
            leverandoer_id: i.unit.row.leverandoer_id,
            cpr: i.citizen.row.cpr,
            felt: 'periode',
            vaerdier: { fagsystem: i.row.faktisk_slut!, oekonomi: d.row.periode_fra },
          },
          { draft: d },
        );
      }
      // the economy never registered the end: its contract stayed open
      last.period.kontrakt!.gyldig_til = null;
    }
    for (const d of made) {
      if (plant?.kind === 'ANDEN_KREDITOR' && d.row.kreditor_nr === plant.kreditorNr) {
        rec.add(
          'ANDEN_KREDITOR',
          {
            indsats_id: i.row.indsats_id,
            leverandoer_id: i.unit.row.leverandoer_id,
            kreditor_nr: plant.kreditorNr,
            cpr: i.citizen.row.cpr,
            vaerdier: { fagsystem: i.unit.row.pnummer ?? '', oekonomi: plant.kreditorNr },
          },
          { draft: d },
        );
      }
      if (plant?.kind === 'CPR_KUN_I_TEKST' && d.row.cpr === null && d.row.tekst.includes(plant.dash ? cprWithDash(i.citizen.row.cpr) : i.citizen.row.cpr)) {
        rec.add('CPR_KUN_I_TEKST', { indsats_id: i.row.indsats_id, borger_id: i.citizen.row.borger_id, cpr: i.citizen.row.cpr }, { draft: d });
      }
    }
  }

  private posting(i: Indsats, s: ScheduledMonth, oere: number, plant: IndsatsPlant | undefined): PostingDraft {
    const inRun = (p: { fromMonth: number; toMonth: number }) => s.month >= p.fromMonth && s.month <= p.toMonth;
    const paragraf = paragrafByKode(i.row.paragraf)!;
    const other = plant?.kind === 'ANDEN_KREDITOR' && inRun(plant) ? plant : null;
    const kreditorNr = other ? other.kreditorNr : s.period.kontrakt!.kreditor_nr;
    let cpr = paragraf.personhenfoert ? i.citizen.row.cpr : null;
    let tekst = invoiceText({
      kreditorNr,
      navn: other ? other.navn : i.unit.kreditorNavn,
      month: s.month,
      fakturanr: this.rng.int(10_000, 9_999_999),
      betegnelse: paragraf.betegnelse,
    });
    if (plant?.kind === 'CPR_KUN_I_TEKST' && inRun(plant) && cpr) {
      tekst = `${tekst} ${plant.dash ? cprWithDash(cpr) : cpr}`;
      cpr = null;
    }
    const amount = plant?.kind === 'FAKTISK_AFVIGER' ? scalePermille(oere, plant.permille) : oere;
    const bilagsdag = this.bilagsdag(s.month, s.fromDay);
    const d: PostingDraft = {
      row: draftRow({
        bilagsdato: isoOf(bilagsdag),
        konto: i.row.kontonummer,
        art: i.unit.row.intern ? ART_INTERN : ART_KOEB,
        kreditor_nr: kreditorNr,
        beloeb: fromOere(amount),
        periode_fra: isoOf(s.fromDay),
        periode_til: isoOf(s.toDay),
        cpr,
        tekst,
        integrations_id: i.row.integrations_id,
      }),
      indsatsId: i.row.indsats_id,
      bookDay: this.bookDay(bilagsdag),
    };
    this.drafts.push(d);
    return d;
  }
}
