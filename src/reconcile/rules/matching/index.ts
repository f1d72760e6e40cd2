import type { MatchIndsats } from './types';

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
