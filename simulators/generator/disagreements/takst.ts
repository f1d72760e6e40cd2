import type { GeneratorContext } from '../context';
import type { Indsats } from '../world';
import type { ProviderUnit } from '../providers';
import type { TakstTable } from '../takster';
import { divRound } from '../prices';
import { count } from './select';
import type { PlantRecorder } from './types';

/**
 * TAKST_AFVIGER: the takst Tilbudsportalen publishes for a year differs from the one contracts were made
 * on (3–10 % off, or last year's takst never updated). Only takster some bestilling actually uses are
 * chosen, so every planted instance changes a price someone compares.
 */
export function plantTakster(
  ctx: GeneratorContext,
  units: readonly ProviderUnit[],
  indsatser: readonly Indsats[],
  takster: TakstTable,
  rec: PlantRecorder,
): void {
  const rng = ctx.rng.fork('takst-afviger');
  const firstYear = Math.floor(ctx.firstPaidMonth / 12);
  const used = new Set<string>();
  for (const i of indsatser) {
    if (!i.unit.tilbud) continue;
    for (const p of i.periods) if (p.aar >= firstYear) used.add(`${i.unit.row.leverandoer_id}|${i.row.paragraf}|${i.takstYdelse ?? ''}|${p.aar}`);
  }
  const lines = units.flatMap((u) =>
    (u.tilbud?.takster ?? []).filter((t) => used.has(`${u.row.leverandoer_id}|${t.paragraf}|${t.ydelseskode ?? ''}|${t.aar}`)).map((t) => ({ u, t })),
  );
  for (const { u, t } of rng.sample(lines, count(ctx, 'TAKST_AFVIGER', lines.length))) {
    const real = t.takst;
    const previous = t.aar > takster.firstYear ? `${takster.get(u.row.leverandoer_id, t.paragraf, t.ydelseskode, t.aar - 1) / 100}.00` : null;
    const step = t.enhed === 'MAANED' ? 10 : 1;
    const kroner = Number(real.slice(0, -3));
    let published: string;
    if (previous && previous !== real && rng.chance(0.4))
      published = previous; // not updated for the new year
    else {
      const sign = rng.chance(0.5) ? 1 : -1;
      const changed = divRound(kroner * (1000 + sign * rng.int(30, 100)), 1000 * step) * step;
      published = `${changed === kroner ? kroner + step : changed}.00`;
    }
    t.takst = published;
    rec.add('TAKST_AFVIGER', {
      leverandoer_id: u.row.leverandoer_id,
      tilbudsid: u.tilbud!.tilbudsid,
      afdelingsid: u.tilbud!.afdelingsid,
      aar: t.aar,
      paragraf: t.paragraf,
      ydelseskode: t.ydelseskode ?? undefined,
      felt: 'takst',
      vaerdier: { tilbudsportalen: published, fagsystem: real },
    });
  }
}
