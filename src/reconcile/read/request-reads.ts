import { priceLine } from '../rules/comparison/lines';
import type { BeslutningResultat } from '../rules/decisions/types';
import type { PrislinjeParent } from './api-types';
import { registrerBeslutning, type BeslutningRequest } from './manual-decision';
import type { ReadDeps } from './deps';
import { createIndsatsContracts, type IndsatsContracts } from './indsats-contracts';
import { createReconcileLists, type ReconcileLists } from './lists';
import { createProvenanceReads, type ProvenanceReads } from './provenance-reads';
import { createProviderLinks, type ProviderLinks } from './provider-links';

/**
 * What reconciliation resolvers call: compositions over several sources (a provider's CVR, an indsats'
 * economy contract, provenance views, the reconciliation lists), each written once and memoised for one
 * request. Created per request by the context factory (src/context/context.ts).
 */
export interface RequestReads {
  links: ProviderLinks;
  contracts: IndsatsContracts;
  provenance: ProvenanceReads;
  lists: ReconcileLists;
  /** a manual decision, checked against the sources before anything is written */
  registrerBeslutning(r: BeslutningRequest): Promise<BeslutningResultat>;
  /** one price line's amounts and differences, computed once per line however many fields a query selects */
  priceLine(p: PrislinjeParent): ReturnType<typeof priceLine>;
}

export function createRequestReads(deps: ReadDeps): RequestReads {
  const links = createProviderLinks(deps);
  const contracts = createIndsatsContracts(deps);
  const lines = new WeakMap<PrislinjeParent, ReturnType<typeof priceLine>>();
  return {
    links,
    contracts,
    provenance: createProvenanceReads(deps, links, contracts),
    lists: createReconcileLists(deps),
    registrerBeslutning: (r) => registrerBeslutning(deps, r),
    priceLine(p) {
      let l = lines.get(p);
      if (!l) lines.set(p, (l = priceLine(p.beloeb, p.glidningProcent, p.kontraktKilde)));
      return l;
    },
  };
}
