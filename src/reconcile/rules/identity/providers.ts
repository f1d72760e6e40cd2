import type { Kreditor, Leverandoer, Tilbud } from '../../../domain/model';
import { sameAddress } from './normalise';
import type { Evidens, LeverandoerKreditorLink } from './types';

/**
 * Provider identity across the four systems (domain brief, "Identity"): the fagsystem knows a provider by
 * P-nummer (VUM 2.0 ID 69) and optionally (tilbudsid, afdelingsid); Tilbudsportalen knows the department
 * with CVR + P-nummer; the CVR register knows P-nummer → CVR; the economy knows creditors by CVR + EAN.
 *
 * 1. leverandør → CVR: its Tilbudsportalen department (by ids, else by P-nummer), else the CVR register.
 * 2. CVR → the creditors with that CVR.
 * 3. A CVR with several units (a company's departments, the municipality's own units) does not say which
 *    unit a creditor is: the economy's contract register (a contract on the creditor for an indsats at the
 *    unit) and an identical address narrow it. Only without such evidence is the creditor linked to every
 *    unit of the CVR.
 */
export interface ProviderIdentityInput {
  leverandoerer: readonly Leverandoer[];
  tilbud: readonly Tilbud[];
  /** P-nummer → CVR from the CVR register (SF1530); consulted for providers Tilbudsportalen does not know */
  cvrByPnummer: ReadonlyMap<string, string | null>;
  kreditorer: readonly Kreditor[];
  /** creditor ↔ provider pairs seen in the economy's contract register (contracts linked to indsatser) */
  kontraktEvidens?: ReadonlyArray<{ kreditorNr: string; leverandoerId: number }>;
}

export interface ProviderIdentity {
  cvrOf: Map<number, string | null>;
  cvrKilde: Map<number, 'CVR_TILBUDSPORTALEN' | 'CVR_REGISTER'>;
  tilbudOf: Map<number, Tilbud | null>;
  links: LeverandoerKreditorLink[];
  kreditorerOf: Map<number, Set<string>>;
}

export function tilbudIndex(tilbud: readonly Tilbud[]) {
  const byIds = new Map<string, Tilbud>();
  const byPnummer = new Map<string, Tilbud>();
  for (const t of tilbud) {
    byIds.set(`${t.tilbudsid}:${t.afdelingsid}`, t);
    byPnummer.set(t.pnummer, t);
  }
  return (l: Pick<Leverandoer, 'tilbudsid' | 'afdelingsid' | 'pnummer'>): Tilbud | null =>
    (l.tilbudsid !== null && l.afdelingsid !== null ? byIds.get(`${l.tilbudsid}:${l.afdelingsid}`) : undefined) ??
    (l.pnummer ? byPnummer.get(l.pnummer) : undefined) ??
    null;
}

export function resolveProviderIdentities(input: ProviderIdentityInput): ProviderIdentity {
  const findTilbud = tilbudIndex(input.tilbud);
  const cvrOf = new Map<number, string | null>();
  const cvrKilde = new Map<number, 'CVR_TILBUDSPORTALEN' | 'CVR_REGISTER'>();
  const tilbudOf = new Map<number, Tilbud | null>();
  const unitsByCvr = new Map<string, Leverandoer[]>();
  for (const l of input.leverandoerer) {
    const t = findTilbud(l);
    tilbudOf.set(l.id, t);
    let cvr: string | null = t?.cvr ?? null;
    if (cvr) cvrKilde.set(l.id, 'CVR_TILBUDSPORTALEN');
    else if (l.pnummer && input.cvrByPnummer.get(l.pnummer)) {
      cvr = input.cvrByPnummer.get(l.pnummer)!;
      cvrKilde.set(l.id, 'CVR_REGISTER');
    }
    cvrOf.set(l.id, cvr);
    if (cvr) unitsByCvr.set(cvr, [...(unitsByCvr.get(cvr) ?? []), l]);
  }

  const contract = new Map<string, Set<number>>();
  for (const e of input.kontraktEvidens ?? []) {
    if (!contract.has(e.kreditorNr)) contract.set(e.kreditorNr, new Set());
    contract.get(e.kreditorNr)!.add(e.leverandoerId);
  }

  const links: LeverandoerKreditorLink[] = [];
  const add = (leverandoerId: number, kreditorNr: string, evidens: Evidens[]) => links.push({ leverandoerId, kreditorNr, evidens });
  for (const k of input.kreditorer) {
    const units = k.cvr ? (unitsByCvr.get(k.cvr) ?? []) : [];
    const byContract = contract.get(k.kreditorNr) ?? new Set<number>();
    const cvrEvidence = (l: Leverandoer): Evidens[] => (units.includes(l) ? [cvrKilde.get(l.id)!] : []);
    if (units.length <= 1) {
      for (const l of units) add(l.id, k.kreditorNr, [...(byContract.has(l.id) ? (['KONTRAKT'] as const) : []), ...cvrEvidence(l)]);
    } else {
      const narrowed = units.filter((l) => byContract.has(l.id) || sameAddress(l, k));
      for (const l of narrowed.length ? narrowed : units) {
        add(l.id, k.kreditorNr, [
          ...(byContract.has(l.id) ? (['KONTRAKT'] as const) : []),
          ...(sameAddress(l, k) ? (['ADRESSE'] as const) : []),
          ...cvrEvidence(l),
        ]);
      }
    }
    // a contract on a creditor of another CVR (e.g. invoicing through a parent) is evidence of its own
    for (const id of byContract) {
      if (!units.some((l) => l.id === id)) add(id, k.kreditorNr, ['KONTRAKT']);
    }
  }
  const kreditorerOf = new Map<number, Set<string>>();
  for (const l of input.leverandoerer) kreditorerOf.set(l.id, new Set());
  for (const link of links) kreditorerOf.get(link.leverandoerId)?.add(link.kreditorNr);
  return { cvrOf, cvrKilde, tilbudOf, links, kreditorerOf };
}
