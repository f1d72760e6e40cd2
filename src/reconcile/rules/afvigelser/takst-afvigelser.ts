import type { Indsats, Tilbud } from '../../../domain/model';
import { fromOere } from '../../../domain/money';
import { chooseTakst, monthlyTakst } from '../prices/takst-price';
import type { PrisPeriode } from '../matching/types';
import type { NyAfvigelse } from './types';

/**
 * TAKST_AFVIGER: a takst Tilbudsportalen publishes for a year that does not give the kontraktpris the
 * fagsystem's bestillinger of that year were made on (the takst × the indsats' own volume, see
 * src/reconcile/rules/prices/takst-price.ts). One afvigelse per takst line (provider, paragraph, ydelse, year),
 * pointing to the indsatser whose contracts it contradicts.
 */
export interface TakstInput {
  indsatsId: number;
  leverandoerId: number;
  indsats: Pick<Indsats, 'paragraf' | 'antalEnheder' | 'ydelsesfrekvens' | 'ydelsesenhed'>;
  ydelseskoder: readonly string[];
  bestillinger: readonly PrisPeriode[];
  tilbud: Tilbud | null;
}

/** Contracts and takster are compared to the krone: both are made from the same whole-krone takst. */
const TOLERANCE_OERE = 100;

export function takstAfvigelser(inputs: readonly TakstInput[], opts: { fraAar: number; tilDato: string }): NyAfvigelse[] {
  const groups = new Map<string, { fund: NyAfvigelse; indsatser: number[] }>();
  const tilAar = Number(opts.tilDato.slice(0, 4));
  for (const x of inputs) {
    if (!x.tilbud) continue;
    for (const b of x.bestillinger) {
      const first = Math.max(opts.fraAar, Number(b.fra.slice(0, 4)));
      const last = Math.min(tilAar, Number((b.til ?? opts.tilDato).slice(0, 4)));
      for (let aar = first; aar <= last; aar++) {
        const line = chooseTakst({ takster: x.tilbud.takster, aar, paragraf: x.indsats.paragraf, ydelseskoder: x.ydelseskoder });
        if (!line) continue;
        const takst = monthlyTakst({ takster: [line], aar, indsats: x.indsats, ydelseskoder: x.ydelseskoder });
        if (takst === null || Math.abs(takst - b.oere) <= TOLERANCE_OERE) continue;
        const key = `TAKST_AFVIGER:${x.leverandoerId}:${line.paragraf}:${line.ydelseskode ?? ''}:${aar}`;
        let g = groups.get(key);
        if (!g) {
          g = {
            fund: {
              omfang: 'TAKST',
              noegle: key,
              art: 'TAKST_AFVIGER',
              leverandoerId: x.leverandoerId,
              felt: 'takst',
              maaned: `${aar}-01-01`,
              detaljer: {
                tilbudsid: x.tilbud.tilbudsid,
                afdelingsid: x.tilbud.afdelingsid,
                aar,
                paragraf: line.paragraf,
                ydelseskode: line.ydelseskode,
                enhed: line.enhed,
                takst: line.takst,
                eksempel: { indsatsId: x.indsatsId, takstPrMaaned: fromOere(takst), kontraktPrMaaned: fromOere(b.oere) },
              },
            },
            indsatser: [],
          };
          groups.set(key, g);
        }
        if (!g.indsatser.includes(x.indsatsId)) g.indsatser.push(x.indsatsId);
      }
    }
  }
  return [...groups.values()].map((g) => ({
    ...g.fund,
    indsatsId: g.indsatser[0] ?? null,
    detaljer: { ...g.fund.detaljer, antalIndsatser: g.indsatser.length, indsatsIds: g.indsatser.slice(0, 50) },
  }));
}
