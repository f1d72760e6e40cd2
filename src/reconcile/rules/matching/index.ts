import type { ResolvedCitizen } from '../identity/citizens';
import {
  ruleCprKontoKreditorPeriode, ruleCprKontoKreditorUdenForPeriode, ruleCprKontoPeriode, ruleIntegrationsId, ruleKreditorBeloebPeriode,
} from './rules';
import type { MatchIndsats, MatchOutcome, MatchPosting } from './types';

/**
 * Hash indexes over the indsatser of a municipality, built once per run, so matching a posting looks at
 * the few indsatser sharing its integration id, citizen or creditor — never at all of them (1.5 million
 * postings × 60,000 indsatser would be 10¹¹ comparisons; this is a handful per posting).
 */
export class MatchingIndex {
  private readonly integration = new Map<string, MatchIndsats>();
  private readonly borger = new Map<number, MatchIndsats[]>();
  private readonly kreditor = new Map<string, MatchIndsats[]>();
  private readonly byId = new Map<number, MatchIndsats>();

  constructor(indsatser: Iterable<MatchIndsats>) {
    for (const i of indsatser) {
      this.byId.set(i.indsatsId, i);
      if (i.integrationsId) this.integration.set(i.integrationsId, i);
      push(this.borger, i.borgerId, i);
      for (const k of i.kreditorer) push(this.kreditor, k, i);
    }
  }

  get size(): number {
    return this.byId.size;
  }

  get(indsatsId: number): MatchIndsats | undefined {
    return this.byId.get(indsatsId);
  }

  byIntegrationId(id: string | null): MatchIndsats | undefined {
    return id ? this.integration.get(id) : undefined;
  }

  byBorger(borgerId: number): readonly MatchIndsats[] {
    return this.borger.get(borgerId) ?? [];
  }

  byKreditor(kreditorNr: string | null): readonly MatchIndsats[] {
    return kreditorNr ? (this.kreditor.get(kreditorNr) ?? []) : [];
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

const NONE: ReadonlySet<number> = new Set();

/**
 * Applies the tiers in order of evidence strength; the first rule that applies decides. `excluded` are
 * indsatser a manual decision rejected for this posting (decisions win over rules, src/reconcile/rules/decisions).
 */
export function matchPosting(p: MatchPosting, who: ResolvedCitizen, index: MatchingIndex, excluded: ReadonlySet<number> = NONE): MatchOutcome {
  const allowed = (list: readonly MatchIndsats[]) => (excluded.size ? list.filter((i) => !excluded.has(i.indsatsId)) : list);
  let outcome: MatchOutcome | null = null;
  const viaIntegration = index.byIntegrationId(p.integrationsId);
  if (viaIntegration && !excluded.has(viaIntegration.indsatsId)) outcome = ruleIntegrationsId(p, viaIntegration);
  if (!outcome && who.borgerId !== null) {
    const mine = allowed(index.byBorger(who.borgerId));
    outcome = ruleCprKontoKreditorPeriode(p, who.cprKilde, mine) ?? ruleCprKontoKreditorUdenForPeriode(p, who.cprKilde, mine) ?? ruleCprKontoPeriode(p, mine);
  } else if (!outcome && who.cprKilde === 'INGEN') {
    // a CPR of no known citizen says the posting is someone else's: never attributed by creditor and amount
    outcome = ruleKreditorBeloebPeriode(p, allowed(index.byKreditor(p.kreditorNr)));
  }
  if (outcome) return outcome;
  return { indsatsId: null, regel: excluded.size ? 'AFVIST' : 'INGEN_KANDIDAT', confidence: 0, kandidater: 0, kreditorErLeverandoer: null };
}
