import type { AfvigelseFilter } from '../rules/afvigelser/types';
import type { PrissammenligningQuery } from '../rules/comparison/types';
import { kontraktKilde } from '../rules/comparison/lines';
import type { AfvigelseConnectionParent, PrislinjeParent, PrissammenligningParent } from './api-types';
import type { ReadDeps } from './deps';

/**
 * The reconciliation lists as the API shows them: one page from the reconciled store, with counts, facets
 * and freshness started only when a query selects them (and each at most once per list).
 */
export interface ReconcileLists {
  afvigelser(q: { filter: AfvigelseFilter; first: number; afterId: number | null }): Promise<Omit<AfvigelseConnectionParent, 'hadCursor' | 'cursor'>>;
  prissammenligning(q: PrissammenligningQuery): Promise<Omit<PrissammenligningParent, 'offset' | 'cursor'>>;
}

export function createReconcileLists({ sources }: ReadDeps): ReconcileLists {
  async function afvigelser({ filter, first, afterId }: { filter: AfvigelseFilter; first: number; afterId: number | null }) {
    const r = sources.reconciled;
    const list = await r.afvigelser({ filter, page: { first, afterId } });
    // totalCount is the sum of the per-art facets over the filtered arter: one statement serves both fields
    let facets: ReturnType<typeof r.afvigelseAntal> | undefined;
    const antalPrArt = () => (facets ??= r.afvigelseAntal({ filter }));
    let total: Promise<number> | undefined;
    const totalCount = () =>
      (total ??= antalPrArt().then((a) => a.filter((x) => !filter.arter || filter.arter.includes(x.art)).reduce((s, x) => s + x.antal, 0)));
    return { rows: list.rows, hasNextPage: list.hasNextPage, filter, totalCount, antalPrArt, friskhed: () => r.freshness() };
  }

  async function prissammenligning(q: PrissammenligningQuery) {
    const r = sources.reconciled;
    const { glidningProcent } = q;
    const result = await r.prissammenligning(q);
    const line = (g: PrislinjeParent['beloeb'], gruppe: PrislinjeParent['gruppe'], antalIndsatser: () => Promise<number>): PrislinjeParent => ({
      beloeb: g,
      gruppe,
      glidningProcent,
      kontraktKilde: kontraktKilde(r.policy),
      antalIndsatser,
    });
    return {
      lines: result.rows.map((g) => line(g, g, () => result.antalIndsatser(g))),
      hasNextPage: result.hasNextPage,
      glidningProcent,
      totalCount: () => result.total(),
      iAlt: async () => line(await result.sum(), null, () => result.antalIndsatser(null)),
      friskhed: () => r.freshness(),
    };
  }

  return { afvigelser, prissammenligning };
}
