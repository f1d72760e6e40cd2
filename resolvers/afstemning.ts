import type { Resolvers } from '../src/graphql/generated/resolvers-types';
import type { GatewayContext } from '../src/context/context';
import type { Borger, Leverandoer } from '../src/domain/model';
import { badInput } from '../src/graphql/errors';
import { decodeGlobalId, numericIdsOf, toGlobalId } from '../src/graphql/global-id';
import { encodeCursor, pageRequest } from '../src/pagination/cursor';
import { fromOere } from '../src/domain/money';
import { firstOfMonth } from '../src/domain/dates';
import { paragrafByKode } from '../src/domain/codes/paragraffer';
import { isSourceError } from '../connectors/shared/source-error';
import { AFVIGELSESARTER } from '../src/reconcile/rules/findings/kinds';
import type { AfvigelseFilter } from '../src/reconcile/rules/findings/types';
import type { PrisFilter, PrisSortering, Prisdimension } from '../src/reconcile/rules/comparison/types';
import type { PrislinjeParent } from '../src/reconcile/read/api-types';
import { kontraktKilde, priceLine } from '../src/reconcile/rules/comparison/lines';
import { ATTRIBUTTER } from '../src/domain/provenance-policy';
import { resolveAttribute } from '../src/reconcile/rules/provenance/resolve';
import { citizenValues, contractPriceValues, providerValues } from '../src/reconcile/rules/provenance/values';
import { currentBestilling, currentKontrakt } from '../src/reconcile/rules/prices/contract-price';
import { DecisionError, BEGRUNDELSE_MAX } from '../src/reconcile/rules/decisions/types';
import { STANDARD_GLIDNING_PROCENT } from '../src/reconcile/rules/findings/kinds';
import { tilbudFor } from './leverandoer';
import { paragraf } from './sag';

/**
 * Reconciliation (schema/afstemning.graphql): thin resolvers over src/reconcile — arguments are decoded and
 * checked here so bad input names its argument; everything else is one call to the reconciled store's
 * per-request reads or a source loader.
 */
const opaque = (type: string, id: number) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');

function numericId(type: 'Betaling' | 'Indsats', id: string, argument: string): number {
  const d = decodeGlobalId(id, argument);
  const n = Number(d.key);
  if (d.type !== type || !Number.isSafeInteger(n) || n <= 0) throw badInput(argument, `"${argument}" expects ${type === 'Betaling' ? 'a posting (Betaling) id' : 'an Indsats id'}`);
  return n;
}

function monthRange(p: { fra?: string | null; til?: string | null } | null | undefined, argument: string) {
  if (p?.fra && p.til && p.fra > p.til) throw badInput(argument, `"${argument}": fra is after til`);
  return { fra: p?.fra ? firstOfMonth(p.fra) : undefined, til: p?.til ? firstOfMonth(p.til) : undefined };
}

function threshold(v: number | null | undefined): number {
  const t = v ?? STANDARD_GLIDNING_PROCENT;
  if (!Number.isFinite(t) || t < 0 || t > 1000) throw badInput('glidningTaerskelProcent', '"glidningTaerskelProcent" must be a percentage between 0 and 1000');
  return t;
}

/** Who made a decision: the authenticated principal (issue 5), else 'ukendt'. */
function actorOf(ctx: GatewayContext): string {
  const p = (ctx as { principal?: { userId?: string } }).principal;
  return p?.userId || 'ukendt';
}

/** A source that cannot be asked gives an explicit "unavailable" value, never a silent null. */
async function orUnavailable<T>(ctx: GatewayContext, source: string, f: () => Promise<T>): Promise<{ value: T | null; down: boolean }> {
  try {
    return { value: await f(), down: false };
  } catch (e) {
    if (!isSourceError(e)) throw e;
    ctx.warnings.push({ type: 'WARNING', code: 'SOURCE_UNAVAILABLE', message: `${source} could not be asked; its value is shown as unavailable` });
    return { value: null, down: true };
  }
}

function flatten(d: Record<string, unknown> | null | undefined): Array<{ noegle: string; vaerdi: string | null }> {
  if (!d) return [];
  return Object.entries(d).map(([noegle, v]) => ({ noegle, vaerdi: v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : String(v) }));
}

/** One price line is computed once per parent, however many of its fields a query selects. */
const lines = new WeakMap<PrislinjeParent, ReturnType<typeof priceLine>>();
const line = (p: PrislinjeParent) => {
  let l = lines.get(p);
  if (!l) lines.set(p, (l = priceLine(p.beloeb, p.glidningProcent, p.kontraktKilde)));
  return l;
};

export const afstemningResolvers: Resolvers = {
  Query: {
    afstemningsstatus: () => ({}),
    afvigelser: async (_p, args, ctx) => {
      const page = pageRequest(args);
      const f = args.filter;
      const periode = monthRange(f?.periode, 'filter.periode');
      const filter: AfvigelseFilter = {
        arter: f?.arter ?? undefined,
        indsatsIds: numericIdsOf('Indsats', f?.indsats, 'filter.indsats'),
        borgerIds: numericIdsOf('Borger', f?.borger, 'filter.borger'),
        leverandoerIds: numericIdsOf('Leverandoer', f?.leverandoer, 'filter.leverandoer'),
        posteringIds: numericIdsOf('Betaling', f?.postering, 'filter.postering'),
        kreditorNr: f?.kreditorNr ?? undefined,
        maanedFra: periode.fra,
        maanedTil: periode.til,
      };
      const r = ctx.sources.reconciled;
      const list = await r.afvigelser({ filter, page: { first: page.first, afterId: page.after?.id ?? null } });
      let total: Promise<number> | undefined;
      let facets: ReturnType<typeof r.afvigelseAntal> | undefined;
      return {
        rows: list.rows,
        hasNextPage: list.hasNextPage,
        hadCursor: !!page.after,
        filter,
        totalCount: () => (total ??= facets ? facets.then((a) => a.filter((x) => !filter.arter || filter.arter.includes(x.art)).reduce((s, x) => s + x.antal, 0)) : r.afvigelseAntal({ filter: { ...filter } }).then((a) => a.filter((x) => !filter.arter || filter.arter.includes(x.art)).reduce((s, x) => s + x.antal, 0))),
        antalPrArt: () => (facets ??= r.afvigelseAntal({ filter })),
        friskhed: () => r.freshness(),
      };
    },
    prissammenligning: async (_p, args, ctx) => {
      const page = pageRequest(args);
      const glidningProcent = threshold(args.glidningTaerskelProcent);
      const f = args.filter;
      for (const p of f?.paragraffer ?? []) if (!paragrafByKode(p)) throw badInput('filter.paragraffer', '"filter.paragraffer" has an unknown paragraph code; see the `paragraffer` query for the list');
      const periode = monthRange(f?.periode, 'filter.periode');
      const filter: PrisFilter = {
        paragraffer: f?.paragraffer ?? undefined,
        leverandoerIds: numericIdsOf('Leverandoer', f?.leverandoer, 'filter.leverandoer'),
        konti: f?.konti ?? undefined,
        teamIds: numericIdsOf('Team', f?.team, 'filter.team'),
        afregnesPrBorger: f?.kunAfregnetPrBorger === false ? undefined : true,
        maanedFra: periode.fra,
        maanedTil: periode.til,
      };
      const offset = page.after ? page.after.id : 0;
      const r = ctx.sources.reconciled;
      const result = await r.prissammenligning({
        grupperPaa: args.grupperPaa as Prisdimension[],
        filter,
        glidningProcent,
        kunGlidning: args.kunGlidning ?? false,
        sortering: (args.sorterEfter ?? 'GRUPPE') as PrisSortering,
        page: { first: page.first, offset },
      });
      return {
        lines: result.rows.map((g) => ({ beloeb: g, gruppe: g, glidningProcent, kontraktKilde: kontraktKilde(r.policy), antalIndsatser: () => result.antalIndsatser(g) })),
        hasNextPage: result.hasNextPage,
        offset,
        glidningProcent,
        totalCount: () => result.total(),
        iAlt: async () => ({ beloeb: await result.sum(), gruppe: null, glidningProcent, kontraktKilde: kontraktKilde(r.policy), antalIndsatser: () => result.antalIndsatser(null) }),
        friskhed: () => r.freshness(),
      };
    },
    afstemtPostering: (_p, args, ctx) => ctx.sources.reconciled.matchByPostering.load(numericId('Betaling', args.postering, 'postering')),
    manuelleBeslutninger: (_p, args, ctx) => {
      const first = args.first ?? 100;
      if (!Number.isInteger(first) || first < 0 || first > 500) throw badInput('first', '"first" must be a whole number between 0 and 500');
      return ctx.sources.reconciled.beslutningTilstande({ status: args.status ?? undefined, first });
    },
    proveniensPolitik: (_p, _a, ctx) => ATTRIBUTTER.map((attribut) => ({ attribut, raekkefoelge: [...ctx.sources.reconciled.policy[attribut]] })),
  },

  Mutation: {
    registrerAfstemningsbeslutning: async (_p, { input }, ctx) => {
      // every check before any write: bad input changes nothing
      const posteringId = numericId('Betaling', input.postering, 'input.postering');
      const indsatsId = input.indsats ? numericId('Indsats', input.indsats, 'input.indsats') : null;
      const begrundelse = input.begrundelse.trim();
      if (!begrundelse) throw badInput('input.begrundelse', 'a reason (begrundelse) is required for a manual decision');
      if (begrundelse.length > BEGRUNDELSE_MAX) throw badInput('input.begrundelse', `a reason may be at most ${BEGRUNDELSE_MAX} characters`);
      if (/(?<!\d)\d{6}-?\d{4}(?!\d)/.test(begrundelse)) throw badInput('input.begrundelse', 'a reason must not contain a CPR number (it is stored and shown to economy staff)');
      if (input.handling === 'TILDEL' && indsatsId === null) throw badInput('input.indsats', 'TILDEL needs the indsats the posting is assigned to');
      const posting = await ctx.sources.oekonomi.postering.load(posteringId);
      if (!posting) throw badInput('input.postering', 'no posting with this id in the economy system');
      if (indsatsId !== null && !(await ctx.sources.fagsystem.indsats.load(indsatsId))) throw badInput('input.indsats', 'no indsats with this id (or not visible to the caller)');
      try {
        return await ctx.sources.reconciled.registrerBeslutning({
          posteringId, bilagsnr: posting.bilagsnr, handling: input.handling, indsatsId, begrundelse, aktoer: actorOf(ctx), tidspunkt: ctx.now(),
        });
      } catch (e) {
        if (e instanceof DecisionError) throw badInput(`input.${e.argument}`, e.message);
        throw e;
      }
    },
    koerAfstemning: async (_p, args, ctx) => {
      const r = ctx.sources.reconciled;
      const started = r.trigger ? r.trigger.start({ type: args.type ?? 'INKREMENTEL' }) : { startet: false, grund: 'no reconciliation job runs in this gateway' };
      return { ...started, friskhed: await r.freshness() };
    },
  },

  Afstemningsstatus: {
    friskhed: (_s, _a, ctx) => ctx.sources.reconciled.freshness(),
    koersler: (_s, { first }, ctx) => {
      const n = first ?? 10;
      if (!Number.isInteger(n) || n < 0 || n > 500) throw badInput('first', '"first" must be a whole number between 0 and 500');
      return ctx.sources.reconciled.koersler(n);
    },
  },

  PosteringAfstemning: {
    postering: (m) => toGlobalId('Betaling', m.posteringId),
    beloeb: (m) => fromOere(m.beloebOere),
    indsats: (m, _a, ctx) => (m.indsatsId === null ? null : ctx.sources.fagsystem.indsats.load(m.indsatsId)),
    matchregel: (m) => (m.indsatsId === null ? null : (m.regel as never)),
    umatchetAarsag: (m) => (m.indsatsId === null ? (m.regel as never) : null),
    automatiskIndsats: (m, _a, ctx) => (m.autoIndsatsId === null ? null : ctx.sources.fagsystem.indsats.load(m.autoIndsatsId)),
    beslutninger: (m, _a, ctx) => ctx.sources.reconciled.beslutningerByPostering.load(m.posteringId),
  },

  Afvigelse: {
    id: (a) => opaque('Afvigelse', a.afvigelseId),
    beskrivelse: (a) => AFVIGELSESARTER[a.art].beskrivelse,
    posteringId: (a) => (a.posteringId == null ? null : toGlobalId('Betaling', a.posteringId)),
    postering: (a, _x, ctx) => (a.posteringId == null ? null : ctx.sources.reconciled.matchByPostering.load(a.posteringId)),
    relateretPostering: (a, _x, ctx) => (a.relateretPosteringId == null ? null : ctx.sources.reconciled.matchByPostering.load(a.relateretPosteringId)),
    indsats: (a, _x, ctx) => (a.indsatsId == null ? null : ctx.sources.fagsystem.indsats.load(a.indsatsId)),
    borger: (a, _x, ctx) => (a.borgerId == null ? null : ctx.sources.fagsystem.borger.load(a.borgerId)),
    leverandoer: (a, _x, ctx) => (a.leverandoerId == null ? null : ctx.sources.fagsystem.leverandoer.load(a.leverandoerId)),
    maaned: (a) => (a.maaned ? a.maaned.slice(0, 7) : null),
    beloeb: (a) => (a.beloebOere == null ? null : fromOere(a.beloebOere)),
    detaljer: (a) => flatten(a.detaljer),
  },
  AfvigelseAntal: {
    beskrivelse: (a) => AFVIGELSESARTER[a.art].beskrivelse,
  },
  AfvigelseConnection: {
    edges: (c) => c.rows.map((node) => ({ node, cursor: encodeCursor({ v: null, id: node.afvigelseId }) })),
    nodes: (c) => c.rows,
    pageInfo: (c) => ({
      hasNextPage: c.hasNextPage,
      hasPreviousPage: c.hadCursor,
      startCursor: c.rows.length ? encodeCursor({ v: null, id: c.rows[0]!.afvigelseId }) : null,
      endCursor: c.rows.length ? encodeCursor({ v: null, id: c.rows[c.rows.length - 1]!.afvigelseId }) : null,
    }),
    totalCount: (c) => c.totalCount(),
    antalPrArt: (c) => c.antalPrArt(),
    friskhed: (c) => c.friskhed(),
  },

  PrissammenligningConnection: {
    nodes: (c) => c.lines,
    pageInfo: (c) => ({
      hasNextPage: c.hasNextPage,
      hasPreviousPage: c.offset > 0,
      startCursor: c.lines.length ? encodeCursor({ v: null, id: c.offset }) : null,
      endCursor: c.lines.length ? encodeCursor({ v: null, id: c.offset + c.lines.length }) : null,
    }),
    totalCount: (c) => c.totalCount(),
    iAlt: (c) => c.iAlt(),
    friskhed: (c) => c.friskhed(),
  },
  Prissammenligningslinje: {
    gruppe: (p) => p.gruppe,
    forventet: (p) => line(p).forventet,
    kontraktFagsystem: (p) => line(p).kontraktFagsystem,
    kontraktOekonomi: (p) => line(p).kontraktOekonomi,
    takst: (p) => line(p).takst,
    faktisk: (p) => line(p).faktisk,
    kontrakt: (p) => line(p).kontrakt,
    kontraktKilde: (p) => line(p).kontraktKilde,
    faktiskVsKontrakt: (p) => line(p).faktiskVsKontrakt,
    faktiskVsForventet: (p) => line(p).faktiskVsForventet,
    kontraktVsForventet: (p) => line(p).kontraktVsForventet,
    takstVsKontrakt: (p) => line(p).takstVsKontrakt,
    kontraktOekonomiVsFagsystem: (p) => line(p).kontraktOekonomiVsFagsystem,
    glidning: (p) => line(p).glidning,
    glidningTaerskelProcent: (p) => p.glidningProcent,
    antalIndsatser: (p) => p.beloeb.antalIndsatser ?? p.antalIndsatser?.() ?? 0,
    antalPosteringer: (p) => p.beloeb.antalPosteringer,
  },
  Prisgruppe: {
    paragraf: (g) => (g.paragraf === null ? null : paragraf(g.paragraf)),
    leverandoer: (g, _a, ctx) => (g.leverandoerId === null ? null : ctx.sources.fagsystem.leverandoer.load(g.leverandoerId)),
    team: (g, _a, ctx) => (g.teamId === null ? null : ctx.sources.fagsystem.team.load(g.teamId)),
  },

  Priser: {
    sammenligning: async (i, args, ctx) => {
      const glidningProcent = threshold(args.glidningTaerskelProcent);
      const b = await ctx.sources.reconciled.prisoversigtByIndsats.load(i.id);
      return b ? { beloeb: b, gruppe: null, glidningProcent, kontraktKilde: kontraktKilde(ctx.sources.reconciled.policy) } : null;
    },
    kontraktProveniens: async (i, _a, ctx) => {
      const hentet = ctx.now().toISOString();
      const bestilling = currentBestilling(await ctx.sources.fagsystem.bestillingerByIndsats.load(i.id), ctx.today());
      const oek = await orUnavailable(ctx, 'the economy system', async () => {
        const sag = await ctx.sources.fagsystem.sag.load(i.sagId);
        const borger = sag ? await ctx.sources.fagsystem.borger.load(sag.borgerId) : null;
        if (!borger) return null;
        const kontrakter = await ctx.sources.oekonomi.kontrakterByCpr.load(borger.cpr);
        return currentKontrakt({ kontrakter, konto: i.kontonummer, start: i.faktiskStart ?? i.forventetStart, slut: i.faktiskSlut ?? i.forventetSlut, date: ctx.today() });
      });
      return resolveAttribute('indsats.kontraktpris', contractPriceValues({ bestilling, kontrakt: oek.value, oekonomiUtilgaengelig: oek.down, hentet }), ctx.sources.reconciled.policy);
    },
  },

  Betaling: {
    afstemning: (b, _a, ctx) => ctx.sources.reconciled.matchByPostering.load(b.postering.id),
  },

  AttributProveniens: {
    valgt: (p) => p.valgt?.vaerdi ?? null,
    valgtKilde: (p) => p.valgt?.kilde ?? null,
    politik: (p) => [...p.politik],
  },
  Kildevaerdi: {
    utilgaengelig: (v) => !!v.utilgaengelig,
  },

  Leverandoer: {
    proveniens: async (l, _a, ctx) => {
      const hentet = ctx.now().toISOString();
      const tp = await orUnavailable(ctx, 'Tilbudsportalen', () => tilbudFor(l, ctx));
      const cvr = l.pnummer ? await orUnavailable(ctx, 'the CVR register', () => ctx.sources.serviceplatformen.produktionsenhed.load(l.pnummer!)) : { value: undefined, down: false };
      const v = providerValues({ leverandoer: l, tilbud: tp.value, produktionsenhed: cvr.value, hentet });
      const mark = (vals: typeof v.navn) => vals.map((x) => ({ ...x, utilgaengelig: (x.kilde === 'TILBUDSPORTALEN' && tp.down) || (x.kilde === 'SERVICEPLATFORMEN' && cvr.down) }));
      const policy = ctx.sources.reconciled.policy;
      return { navn: resolveAttribute('leverandoer.navn', mark(v.navn), policy), adresse: resolveAttribute('leverandoer.adresse', mark(v.adresse), policy) };
    },
    identitet: (l) => l,
  },
  LeverandoerIdentitet: {
    pnummer: (l) => l.pnummer,
    cvr: async (l: Leverandoer, _a, ctx) => (await tilbudFor(l, ctx))?.cvr ?? (l.pnummer ? ((await ctx.sources.serviceplatformen.produktionsenhed.load(l.pnummer))?.cvr ?? null) : null),
    cvrKilde: async (l: Leverandoer, _a, ctx) => ((await tilbudFor(l, ctx))?.cvr ? 'TILBUDSPORTALEN' : l.pnummer && (await ctx.sources.serviceplatformen.produktionsenhed.load(l.pnummer))?.cvr ? 'SERVICEPLATFORMEN' : null),
    tilbudsid: async (l: Leverandoer, _a, ctx) => l.tilbudsid ?? (await tilbudFor(l, ctx))?.tilbudsid ?? null,
    afdelingsid: async (l: Leverandoer, _a, ctx) => l.afdelingsid ?? (await tilbudFor(l, ctx))?.afdelingsid ?? null,
    kreditorer: (l: Leverandoer, _a, ctx) => ctx.sources.reconciled.kreditorerByLeverandoer.load(l.id),
  },
  KreditorLink: {
    kreditor: (k, _a, ctx) => ctx.sources.oekonomi.kreditor.load(k.kreditorNr),
  },

  Borger: {
    proveniens: (b) => b,
  },
  BorgerProveniens: {
    adresse: async (b: Borger, _a, ctx) => (await citizenProvenance(b, ctx)).adresse,
    kommunekode: async (b: Borger, _a, ctx) => (await citizenProvenance(b, ctx)).kommunekode,
    adressebeskyttelse: async (b: Borger, _a, ctx) => (await citizenProvenance(b, ctx)).beskyttet,
  },

  ManuelBeslutning: {
    id: (d) => opaque('Beslutning', d.beslutningId),
    indsats: (d, _a, ctx) => (d.indsatsId === null ? null : ctx.sources.fagsystem.indsats.load(d.indsatsId)),
    tidligereIndsats: (d, _a, ctx) => (d.tidligereIndsatsId === null ? null : ctx.sources.fagsystem.indsats.load(d.tidligereIndsatsId)),
    tidspunkt: (d) => d.tidspunkt,
  },
  ManuelBeslutningTilstand: {
    postering: (s) => toGlobalId('Betaling', s.posteringId),
    tildeltIndsats: (s, _a, ctx) => (s.tildeltIndsatsId === null ? null : ctx.sources.fagsystem.indsats.load(s.tildeltIndsatsId)),
    afvisteIndsatser: async (s, _a, ctx) => {
      const found = await ctx.sources.fagsystem.indsats.loadMany(s.afvisteIndsatser);
      return found.flatMap((x) => {
        if (x instanceof Error) throw x;
        return x ? [x] : [];
      });
    },
    historik: (s, _a, ctx) => ctx.sources.reconciled.beslutningerByPostering.load(s.posteringId),
    afstemning: (s, _a, ctx) => ctx.sources.reconciled.matchByPostering.load(s.posteringId),
  },
  ManuelBeslutningResultat: {
    beslutning: (r) => r.beslutning,
    tilstand: (r) => r.tilstand,
  },
};

/**
 * A citizen's address and kommunekode per source. With name-and-address protection in the CPR register,
 * no source's address is shown (the conflict flag is still computed on the real values).
 */
const citizenCache = new WeakMap<GatewayContext, Map<number, Promise<CitizenProvenance>>>();
interface CitizenProvenance {
  adresse: ReturnType<typeof resolveAttribute>;
  kommunekode: ReturnType<typeof resolveAttribute>;
  beskyttet: boolean | null;
}

function citizenProvenance(b: Borger, ctx: GatewayContext): Promise<CitizenProvenance> {
  let perRequest = citizenCache.get(ctx);
  if (!perRequest) citizenCache.set(ctx, (perRequest = new Map()));
  let p = perRequest.get(b.id);
  if (!p) {
    p = (async () => {
      const hentet = ctx.now().toISOString();
      const cpr = await orUnavailable(ctx, 'the CPR register', () => ctx.sources.serviceplatformen.person.load(b.cpr));
      const v = citizenValues({ borgerId: b.id, borger: b, person: cpr.down ? null : cpr.value, hentet, visBeskyttetAdresse: true });
      const beskyttet = cpr.down ? null : !!cpr.value?.adressebeskyttelse;
      const mark = (vals: typeof v.adresse) => vals.map((x) => ({ ...x, utilgaengelig: x.kilde === 'SERVICEPLATFORMEN' && cpr.down }));
      const adresse = resolveAttribute('borger.adresse', mark(v.adresse), ctx.sources.reconciled.policy);
      if (beskyttet) ctx.warnings.push({ type: 'WARNING', code: 'ADRESSEBESKYTTELSE', message: 'The citizen has name-and-address protection; no address is shown.' });
      // protection, or not knowing whether there is protection (the CPR register is down), hides every
      // source's address: fail closed, as Borger.adresse does
      const hidden = beskyttet !== false;
      return {
        adresse: hidden ? { ...adresse, vaerdier: adresse.vaerdier.map((x) => ({ ...x, vaerdi: null })), valgt: null } : adresse,
        kommunekode: resolveAttribute('borger.kommunekode', mark(v.kommunekode), ctx.sources.reconciled.policy),
        beskyttet,
      };
    })();
    perRequest.set(b.id, p);
  }
  return p;
}
