import { fromOere } from '../../../src/domain/money';
import type { GeneratorContext } from '../context';
import type { Indsats } from '../world';
import { schedule } from '../schedule';
import { divRound } from '../prices';
import type { IndsatsPlant, PlantRecorder } from './types';

/**
 * KONTRAKTPRIS_AFVIGER: for one price period inside the payment window, the economy's contract register
 * holds another monthly amount (2–8 % off, whole kroner) than the fagsystem's bestilling. Invoices are
 * paid by the economy's amount, so the drift stays below GLIDNING_TAERSKEL_PROCENT against either.
 */
export function plantContractPrices(ctx: GeneratorContext, indsatser: readonly Indsats[], plan: Map<number, IndsatsPlant>, rec: PlantRecorder): void {
  const rng = ctx.rng.fork('kontraktpris');
  for (const i of indsatser) {
    if (plan.get(i.row.indsats_id)?.kind !== 'KONTRAKTPRIS_AFVIGER') continue;
    const periods = [...new Set(schedule(ctx, i).map((s) => s.period))];
    const p = rng.pick(periods);
    const sign = rng.chance(0.6) ? 1 : -1;
    const permille = 1000 + sign * rng.int(20, 80);
    const oekonomi = divRound(p.fagsystemOere * permille, 100_000) * 100;
    p.oekonomiOere = oekonomi === p.fagsystemOere ? oekonomi + 100 * sign : oekonomi;
    p.kontrakt!.beloeb_pr_maaned = fromOere(p.oekonomiOere);
    rec.add('KONTRAKTPRIS_AFVIGER', {
      indsats_id: i.row.indsats_id,
      bestilling_id: p.bestilling.bestilling_id,
      kontrakt_nr: p.kontrakt!.kontrakt_nr,
      kreditor_nr: p.kontrakt!.kreditor_nr,
      leverandoer_id: i.unit.row.leverandoer_id,
      cpr: i.citizen.row.cpr,
      aar: p.aar,
      felt: 'kontraktpris',
      vaerdier: { fagsystem: p.bestilling.kontraktpris_pr_maaned, oekonomi: p.kontrakt!.beloeb_pr_maaned },
    });
  }
}
