import { createHash } from 'node:crypto';
import type { Connectors } from '../../context/connectors';
import type { Bestilling, Indsats, Kontrakt, Kreditor, Leverandoer, Tilbud } from '../../domain/model';
import type { IndsatsForMatching } from '../../../connectors/fagsystem/types';
import { UNRESTRICTED_SCOPE } from '../../access/scope';
import { toOere } from '../../domain/money';
import { CitizenResolver } from '../rules/identity/citizens';
import { linkContracts, type ContractCandidate } from '../rules/identity/contracts';
import { resolveProviderIdentities, type ProviderIdentity } from '../rules/identity/providers';
import { MatchingIndex } from '../rules/matching/index';
import type { BorgerAttributter } from '../rules/identity/types';
import type { MatchIndsats, PrisPeriode } from '../rules/matching/types';

/**
 * Everything a run holds in memory: the citizens' CPR → borger id (never written anywhere), the providers'
 * identity graph, the economy contracts linked to indsatser and, per indsats, what matching and prices need.
 * Postings are NOT held: they stream through in batches.
 */
export interface IndsatsRecord {
  m: IndsatsForMatching;
  indsats: Indsats | null;
  sagsnummer: string | null;
  bestillinger: Bestilling[];
  ydelseskoder: string[];
  kontrakter: Kontrakt[];
  match: MatchIndsats;
  /** hash of every input of this indsats' matching, prices and afvigelser */
  version: string;
}

export interface RunWorld {
  citizens: CitizenResolver;
  borgere: Map<number, BorgerAttributter>;
  leverandoerer: Map<number, Leverandoer>;
  tilbud: Tilbud[];
  kreditorer: Map<string, Kreditor>;
  identity: ProviderIdentity;
  kontrakter: Kontrakt[];
  kontraktLinks: Map<string, number>;
  indsatser: Map<number, IndsatsRecord>;
  index: MatchingIndex;
  /** non-fatal problems (a source that could not be asked); no personal data */
  warnings: string[];
}

export interface WorldOptions {
  connectors: Connectors;
  /** P-nummer → CVR known from earlier runs (the CVR register is billed per call) */
  cvrCache: Map<string, string | null>;
  /** P-numre whose cached CVR is old enough to ask again */
  cvrStale: (pnummer: string) => boolean;
  batchSize?: number;
  onPhase?: (phase: string, ms: number) => void;
  /** Tilbudsportalen's offers when the caller already read them (to hash them as a change marker) */
  tilbud?: Tilbud[];
}

export async function loadWorld(opts: WorldOptions): Promise<RunWorld & { cvrLookups: Map<string, string | null>; cvrNeeded: string[] }> {
  const { connectors: c } = opts;
  const warnings: string[] = [];
  let mark = performance.now();
  const phase = (name: string) => {
    const t = performance.now();
    opts.onPhase?.(name, t - mark);
    mark = t;
  };
  const [leverandoerList, kreditorList, kontrakter, tilbud] = await Promise.all([
    c.fagsystem.job.leverandoerer(),
    c.oekonomi.job.kreditorer(),
    c.oekonomi.job.kontrakter(),
    opts.tilbud ?? collect(c.tilbudsportalen.all()),
  ]);
  const leverandoerer = new Map(leverandoerList.map((l) => [l.id, l]));
  const kreditorer = new Map(kreditorList.map((k) => [k.kreditorNr, k]));

  // the CVR register only for providers Tilbudsportalen does not place under a CVR
  const cvrLookups = new Map<string, string | null>();
  const tpPnumre = new Set(tilbud.map((t) => t.pnummer));
  const tpIds = new Set(tilbud.map((t) => `${t.tilbudsid}:${t.afdelingsid}`));
  const need = leverandoerList
    .filter((l) => l.pnummer && !tpPnumre.has(l.pnummer) && !(l.tilbudsid !== null && tpIds.has(`${l.tilbudsid}:${l.afdelingsid}`)))
    .map((l) => l.pnummer!);
  const ask = need.filter((p) => !opts.cvrCache.has(p) || opts.cvrStale(p));
  if (ask.length) {
    try {
      const sp = c.serviceplatformen.forRequest();
      const found = await sp.produktionsenhed.loadMany(ask);
      found.forEach((r, k) => {
        if (r instanceof Error) throw r;
        cvrLookups.set(ask[k]!, r?.cvr ?? null);
      });
    } catch {
      warnings.push('the CVR register (Serviceplatformen) could not be asked; P-nummer → CVR from earlier runs is used');
    }
  }
  const cvrByPnummer = new Map([...opts.cvrCache, ...cvrLookups]);
  phase('kilder.referencer');

  const citizens = new CitizenResolver();
  const borgere = new Map<number, BorgerAttributter>();
  for await (const batch of c.fagsystem.job.borgere({ batchSize: 5000 })) {
    for (const b of batch) {
      citizens.add(b.cpr, b.id);
      borgere.set(b.id, { cpr: b.cpr, adresse: b.adresse, postnummer: b.postnummer, bynavn: b.bynavn, kommunekode: b.kommunekode });
    }
  }

  phase('kilder.borgere');
  const partial: Array<Omit<IndsatsRecord, 'match' | 'version' | 'kontrakter'>> = [];
  let loaderMs = 0;
  for await (const batch of c.fagsystem.job.indsatserForMatching({ batchSize: opts.batchSize ?? 1000 })) {
    const tl = performance.now();
    // the request loaders batch by key: one statement per table per batch of indsatser
    const f = c.fagsystem.forRequest(UNRESTRICTED_SCOPE);
    const ids = batch.map((m) => m.indsatsId);
    const [indsatser, bestillinger, ydelser, sager] = await Promise.all([
      f.indsats.loadMany(ids),
      f.bestillingerByIndsats.loadMany(ids),
      f.ydelserByIndsats.loadMany(ids),
      f.sag.loadMany([...new Set(batch.map((m) => m.sagId))]),
    ]);
    const sagsnummer = new Map<number, string>();
    for (const s of sager) {
      if (s instanceof Error) throw s;
      if (s) sagsnummer.set(s.id, s.sagsnummer);
    }
    batch.forEach((m, k) => {
      const i = indsatser[k];
      const b = bestillinger[k];
      const y = ydelser[k];
      if (i instanceof Error) throw i;
      if (b instanceof Error) throw b;
      if (y instanceof Error) throw y;
      citizens.add(m.cpr, m.borgerId);
      partial.push({
        m,
        indsats: i ?? null,
        sagsnummer: sagsnummer.get(m.sagId) ?? null,
        bestillinger: b ?? [],
        ydelseskoder: (y ?? []).map((x) => x.ydelseskode),
      });
    });
    loaderMs += performance.now() - tl;
  }
  opts.onPhase?.('kilder.indsatser-loadere', loaderMs);
  phase('kilder.indsatser');

  // identity, first without the contract register; contracts are linked with it, then it is refined by them
  const base = resolveProviderIdentities({ leverandoerer: leverandoerList, tilbud, cvrByPnummer, kreditorer: kreditorList });
  const byBorger = new Map<number, ContractCandidate[]>();
  for (const r of partial) {
    const cand: ContractCandidate = {
      indsatsId: r.m.indsatsId,
      sagsnummer: r.sagsnummer,
      paragraf: r.m.paragraf,
      konto: r.m.kontonummer,
      start: r.m.start,
      slut: r.m.slut,
      leverandoerCvr: base.cvrOf.get(r.m.leverandoerId) ?? null,
      bestillinger: bestillingPrices(r.bestillinger),
    };
    pushTo(byBorger, r.m.borgerId, cand);
  }
  const kreditorCvr = new Map(kreditorList.map((k) => [k.kreditorNr, k.cvr]));
  const kontraktLinks = linkContracts({ kontrakter, citizens, candidatesOf: (id) => byBorger.get(id) ?? [], kreditorCvr });
  const indsatsLeverandoer = new Map(partial.map((r) => [r.m.indsatsId, r.m.leverandoerId]));
  const kontraktByNr = new Map(kontrakter.map((k) => [k.kontraktNr, k]));
  const kontraktEvidens = [...kontraktLinks].map(([nr, indsatsId]) => ({
    kreditorNr: kontraktByNr.get(nr)!.kreditorNr,
    leverandoerId: indsatsLeverandoer.get(indsatsId)!,
  }));
  const identity = resolveProviderIdentities({ leverandoerer: leverandoerList, tilbud, cvrByPnummer, kreditorer: kreditorList, kontraktEvidens });

  const kontrakterByIndsats = new Map<number, Kontrakt[]>();
  for (const [nr, id] of kontraktLinks) pushTo(kontrakterByIndsats, id, kontraktByNr.get(nr)!);

  const indsatser = new Map<number, IndsatsRecord>();
  for (const r of partial) {
    const mine = kontrakterByIndsats.get(r.m.indsatsId) ?? [];
    const kreditorSet = new Set(identity.kreditorerOf.get(r.m.leverandoerId) ?? []);
    for (const k of mine) kreditorSet.add(k.kreditorNr);
    const match: MatchIndsats = {
      indsatsId: r.m.indsatsId,
      borgerId: r.m.borgerId,
      leverandoerId: r.m.leverandoerId,
      paragraf: r.m.paragraf,
      konto: r.m.kontonummer,
      start: r.m.start,
      slut: r.m.slut,
      integrationsId: r.m.integrationsId,
      bestillingspriser: bestillingPrices(r.bestillinger),
      kontraktpriser: kontraktPrices(mine),
      kreditorer: kreditorSet,
    };
    const tilbudOf = identity.tilbudOf.get(r.m.leverandoerId) ?? null;
    const takster = tilbudOf ? tilbudOf.takster.filter((t) => t.paragraf === r.m.paragraf) : null;
    const version = hash([
      r.m.version,
      r.indsats && scopeOf(r.indsats),
      r.bestillinger.map((b) => [b.id, b.kontraktprisPrMaaned, b.gyldigFra, b.gyldigTil]),
      r.ydelseskoder,
      mine.map((k) => [k.kontraktNr, k.kreditorNr, k.beloebPrMaaned, k.gyldigFra, k.gyldigTil]),
      [...kreditorSet].sort(),
      takster,
    ]);
    indsatser.set(r.m.indsatsId, { ...r, kontrakter: mine, match, version });
  }
  phase('kilder.identitet');
  return {
    citizens,
    borgere,
    leverandoerer,
    tilbud,
    kreditorer,
    identity,
    kontrakter,
    kontraktLinks,
    indsatser,
    index: new MatchingIndex([...indsatser.values()].map((r) => r.match)),
    warnings,
    cvrLookups,
    cvrNeeded: need,
  };
}

function scopeOf(i: Indsats) {
  return [i.antalEnheder, i.ydelsesenhed, i.ydelsesfrekvens, i.gentagelser, i.enhedspris, i.forventetStart, i.forventetSlut, i.tilbudstype];
}

export function bestillingPrices(b: readonly Bestilling[]): PrisPeriode[] {
  return b.map((x) => ({ fra: x.gyldigFra, til: x.gyldigTil, oere: toOere(x.kontraktprisPrMaaned) }));
}

export function kontraktPrices(k: readonly Kontrakt[]): PrisPeriode[] {
  return k.map((x) => ({ fra: x.gyldigFra, til: x.gyldigTil, oere: toOere(x.beloebPrMaaned) }));
}

export function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);
}

function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export async function collect<T>(it: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of it) out.push(...batch);
  return out;
}
