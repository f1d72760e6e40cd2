/**
 * The gateway's scenarios against fair baselines, per preset, every figure a ratio measured in the same run:
 *  S1 a small query (`paragraffer`, no source read) — req/s against bare Mercurius + jit serving the same JSON
 *     from memory;
 *  S2 one case (a front-end's sagsoverblik) — req/s against a plain route running the same SELECTs and the
 *     access-log INSERT;
 *  S4 10,000 indsatser nested, paged 500 at a time, in the economy role (every team's rows) — time against a plain route (one join + two IN-queries a
 *     page, and the access-log INSERT of the page's citizens, as the gateway must log them) and against
 *     PostGraphile on the same database (which logs nothing);
 *  S5 grouped prices from the reconciled store — time against one equivalent SQL statement behind a route.
 * The gateway, the baselines and PostGraphile each run in their own process; the load comes from this one.
 */
import { isDeepStrictEqual } from 'node:util';
import { graphql, request } from './support/client';
import { startGatewayProcess, type GatewayProcess } from './support/gateway-process';
import { entryFor, startService, type Service } from './support/processes';
import type { BenchSources } from './support/sources';
import { alternatingThroughput, alternatingTimes, fmtInt, fmtRatio, median, ratios, spread } from './support/measure';

export const SMALL = `{ paragraffer { kode betegnelse lov beskrivelse konto } }`;

export const SINGLE_CASE = `query($s: String!) { sag(sagsnummer: $s) { sagsnummer status borger { id } indsatser { paragraf { kode } leverandoer { navn } forventetStart forventetSlut priser { forventet { prMaaned } kontraktFagsystem } } } }`;

export const NESTED_PAGE = `query($after: String) { indsatser(first: 500, after: $after) { pageInfo { hasNextPage endCursor }
  nodes { id paragraf { kode } status forventetStart forventetSlut omfang { enhedspris antalEnheder }
    sag { sagsnummer team { navn } } leverandoer { navn pnummer } bestillinger { kontraktprisPrMaaned gyldigFra } opfoelgninger { planlagtDato udfoertDato } } } }`;

const POSTGRAPHILE_PAGE = `query($after: Cursor) { allIndsats(first: 500, after: $after, orderBy: PRIMARY_KEY_ASC) { pageInfo { hasNextPage endCursor }
  nodes { indsatsId paragraf status forventetStart forventetSlut enhedspris antalEnheder
    sagBySagId { sagsnummer teamByTeamId { navn } } leverandoerByLeverandoerId { navn pnummer }
    bestillingsByIndsatsId(orderBy: PRIMARY_KEY_ASC) { nodes { kontraktprisPrMaaned gyldigFra } }
    opfoelgningsByIndsatsId(orderBy: PRIMARY_KEY_ASC) { nodes { planlagtDato udfoertDato } } } } }`;

const GROUPED = [
  { name: 'paragraf×år', dims: ['PARAGRAF', 'AAR'] },
  { name: 'leverandør×måned', dims: ['LEVERANDOER', 'MAANED'] },
  { name: 'konto×team×år', dims: ['KONTO', 'TEAM', 'AAR'] },
] as const;
const groupedQuery = (
  dims: readonly string[],
) => `{ prissammenligning(grupperPaa: [${dims.join(', ')}], first: 500, sorterEfter: AFVIGELSE_BELOEB) { totalCount iAlt { faktisk kontrakt }
  nodes { gruppe { paragraf { kode } leverandoer { id } konto team { id } maaned aar } forventet kontraktFagsystem kontraktOekonomi takst faktisk glidning faktiskVsKontrakt { beloeb procent } } } }`;

export interface BenchOptions {
  /** seconds of load per target per scenario, split over the rounds */
  seconds: number;
  rounds: number;
  concurrency: number;
}

/** Pages through `target` indsatser with any of the three; returns the rows seen. */
async function pages(target: number, page: (after: string | null) => Promise<{ rows: number; next: string | null }>): Promise<number> {
  let after: string | null = null;
  let rows = 0;
  do {
    const p = await page(after);
    rows += p.rows;
    after = rows < target ? p.next : null;
  } while (after);
  return rows;
}

/** One S4 pass through a gateway: `target` indsatser, 500 a page, as the economy role. */
export function nestedThrough(gw: GatewayProcess, target: number) {
  return () =>
    pages(target, async (after) => {
      const r = await graphql(gw.url, NESTED_PAGE, { after }, gw.headers('oekonomi'));
      if (r.body.errors) throw new Error(`gateway: ${JSON.stringify(r.body.errors[0])}`);
      const c = r.body.data.indsatser;
      return { rows: c.nodes.length, next: c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null };
    });
}

/** The same pass through the raw route. */
export function nestedRaw(base: Service, target: number) {
  return () =>
    pages(target, async (after) => {
      const r = await request(`${base.url}/indsatser${after ? `?after=${after}` : ''}`);
      const c = r.body.data.indsatser;
      return { rows: c.nodes.length, next: c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null };
    });
}

function nestedPostgraphile(pgl: Service, target: number) {
  return () =>
    pages(target, async (after) => {
      const r = await graphql(pgl.url, POSTGRAPHILE_PAGE, { after });
      if (r.body.errors) throw new Error(`postgraphile: ${JSON.stringify(r.body.errors[0])}`);
      const c = r.body.data.allIndsats;
      return { rows: c.nodes.length, next: c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null };
    });
}

/** The gateway and its baseline must answer alike, or the ratio compares different work. */
function sameAnswer(label: string, a: unknown, b: unknown): string[] {
  return isDeepStrictEqual(a, b) ? [] : [`  ! ${label}: the gateway's and the baseline's JSON differ — the ratio below compares different work`];
}

/** Where a goal is not reached: how much time per request (throughput) or per pass is left to win. */
function remainingThroughput(gwRps: number, baseRps: number, goal: number): string[] {
  if (gwRps >= goal * baseRps) return [];
  const per = (rps: number) => 1000 / rps;
  return [
    `      remaining: the gateway costs ${per(gwRps).toFixed(2)} ms of machine time per request, the baseline ${per(baseRps).toFixed(2)} ms; the goal allows ${per(goal * baseRps).toFixed(2)} ms — ${(per(gwRps) - per(goal * baseRps)).toFixed(2)} ms per request to go`,
  ];
}
function remainingTime(gwMs: number, baseMs: number, goal: number, unit: string): string[] {
  if (gwMs <= goal * baseMs) return [];
  return [`      remaining: ${fmtInt(gwMs - goal * baseMs)} ms over the ${goal}× goal (${fmtInt(gwMs - baseMs)} ms more than the baseline${unit})`];
}

export interface ScenarioFigures {
  [key: string]: { ratio: number; min: number; max: number; detail: string };
}

export async function benchScenarios(s: BenchSources, o: BenchOptions, figures: ScenarioFigures): Promise<string[]> {
  const lines: string[] = [];
  const env = { FAGSYSTEM_URL: s.urls.fagsystem, STORE_URL: s.urls.store };
  const base = await startService('baselines', entryFor('bench/baselines/server.ts', false).args, env, /baselines listening on (\S+)/, 120_000);
  const pgl = await startService('postgraphile', entryFor('bench/baselines/postgraphile.ts', false).args, env, /postgraphile listening on (\S+)/, 120_000);
  // S2 is a caseworker's sagsoverblik: the cases of the caller's own team (the rows the role sees)
  const team = s.municipality.fagsystem.teams[0]!.team_id;
  const sagsnumre = s.municipality.fagsystem.sager.filter((x) => x.team_id === team).map((x) => x.sagsnummer);
  const pick = (i: number) => sagsnumre[(i * 7919) % sagsnumre.length]!;
  const target = Math.min(10_000, s.municipality.fagsystem.indsatser.length);
  const load = { rounds: o.rounds, seconds: o.seconds / o.rounds, concurrency: o.concurrency };
  const record = (key: string, rs: number[], detail: string) => {
    const sp = spread(rs);
    figures[`${s.preset} ${key}`] = { ratio: sp.median, min: sp.min, max: sp.max, detail };
    return sp;
  };
  try {
    for (const engine of ['mercurius', 'apollo'] as const) {
      const gw = await startGatewayProcess(s, engine);
      try {
        const tag = `${s.preset.padEnd(5)} ${engine.padEnd(9)}`;
        if (engine === 'mercurius')
          lines.push(
            `${s.preset}: gateway runs ${gw.compiled ? 'compiled JavaScript (dist/)' : 'TypeScript through tsx (no dist/ build)'}, NODE_ENV=production, LOG_LEVEL=info`,
          );
        // answers compared once before timing
        const g2 = await graphql(gw.url, SINGLE_CASE, { s: pick(1) }, gw.headers());
        const b2 = await request(`${base.url}/sag/${encodeURIComponent(pick(1))}`);
        lines.push(...sameAnswer(`S2 ${engine}`, g2.body, b2.body));
        const g4 = await graphql(gw.url, NESTED_PAGE, { after: null }, gw.headers('oekonomi'));
        const b4 = await request(`${base.url}/indsatser`);
        lines.push(...sameAnswer(`S4 ${engine}`, g4.body.data?.indsatser.nodes, b4.body.data.indsatser.nodes));
        const logBefore = gw.lines();

        // S1
        const s1 = await alternatingThroughput(
          {
            gateway: async () => (await graphql(gw.url, SMALL, undefined, gw.headers())).status === 200,
            baseline: async () => (await graphql(base.url, SMALL)).status === 200,
          },
          load,
        );
        const s1r = record(
          `S1 ${engine}`,
          ratios(
            s1.gateway!.map((r) => r.rps),
            s1.baseline!.map((r) => r.rps),
          ),
          '',
        );
        lines.push(
          `${tag} S1 small query       gateway ${fmtInt(median(s1.gateway!.map((r) => r.rps))).padStart(6)} req/s vs bare mercurius+jit from memory ${fmtInt(median(s1.baseline!.map((r) => r.rps))).padStart(6)} req/s = ${fmtRatio(s1r)}  goal ≥ 0.70×`,
        );
        lines.push(...remainingThroughput(median(s1.gateway!.map((r) => r.rps)), median(s1.baseline!.map((r) => r.rps)), 0.7));

        // S2
        const s2 = await alternatingThroughput(
          {
            gateway: async (i) => {
              const r = await graphql(gw.url, SINGLE_CASE, { s: pick(i) }, gw.headers());
              return r.status === 200 && !r.body.errors;
            },
            baseline: async (i) => (await request(`${base.url}/sag/${encodeURIComponent(pick(i))}`)).status === 200,
          },
          load,
        );
        const gwRequests = s1.gateway!.concat(s2.gateway!).reduce((n, r) => n + r.requests, 0);
        const s2r = record(
          `S2 ${engine}`,
          ratios(
            s2.gateway!.map((r) => r.rps),
            s2.baseline!.map((r) => r.rps),
          ),
          '',
        );
        const p = (xs: { p50: number }[]) => median(xs.map((x) => x.p50)).toFixed(1);
        lines.push(
          `${tag} S2 single case       gateway ${fmtInt(median(s2.gateway!.map((r) => r.rps))).padStart(6)} req/s (p50 ${p(s2.gateway!)} ms, errors ${s2.gateway!.reduce((n, r) => n + r.errors, 0)}) vs route with the same SELECTs + access-log INSERT ${fmtInt(median(s2.baseline!.map((r) => r.rps)))} req/s (p50 ${p(s2.baseline!)} ms) = ${fmtRatio(s2r)}  goal ≥ 0.70×`,
        );
        lines.push(...remainingThroughput(median(s2.gateway!.map((r) => r.rps)), median(s2.baseline!.map((r) => r.rps)), 0.7));
        lines.push(`${tag}    log lines per request: ${((gw.lines() - logBefore) / gwRequests).toFixed(2)}`);

        // S4
        const passes: Record<string, () => Promise<unknown>> = {
          gateway: nestedThrough(gw, target),
          raw: nestedRaw(base, target),
          postgraphile: nestedPostgraphile(pgl, target),
        };
        for (const pass of Object.values(passes)) await pass(); // warm-up (plans, jit, caches)
        const s4 = await alternatingTimes(passes, o.rounds);
        const raw = record(`S4 ${engine} raw`, ratios(s4.gateway!, s4.raw!), '');
        const vsPgl = record(`S4 ${engine} postgraphile`, ratios(s4.gateway!, s4.postgraphile!), '');
        lines.push(
          `${tag} S4 ${fmtInt(target)} nested  gateway ${fmtInt(median(s4.gateway!))} ms vs raw route ${fmtInt(median(s4.raw!))} ms = ${fmtRatio(raw)}  goal ≤ 1.5× | PostGraphile ${fmtInt(median(s4.postgraphile!))} ms: gateway/PostGraphile = ${fmtRatio(vsPgl)}  goal < 1`,
        );
        lines.push(
          ...remainingTime(
            median(s4.gateway!),
            median(s4.raw!),
            1.5,
            `, ${((median(s4.gateway!) - median(s4.raw!)) / Math.ceil(target / 500)).toFixed(1)} ms per page of 500`,
          ),
        );

        // S5 (one engine: the store query is the same on both)
        if (engine === 'mercurius') {
          for (const g of GROUPED) {
            const q = groupedQuery(g.dims);
            const url = `${base.url}/prissammenligning?dims=${g.dims.join(',')}`;
            const warm = await graphql(gw.url, q, undefined, gw.headers('oekonomi'));
            if (warm.body.errors) throw new Error(`S5: ${JSON.stringify(warm.body.errors[0])}`);
            const bw = await request(url);
            lines.push(
              ...sameAnswer(
                `S5 ${g.name} (totalCount, iAlt)`,
                [warm.body.data.prissammenligning.totalCount, warm.body.data.prissammenligning.iAlt],
                [bw.body.data.prissammenligning.totalCount, bw.body.data.prissammenligning.iAlt],
              ),
            );
            const t = await alternatingTimes(
              { gateway: () => graphql(gw.url, q, undefined, gw.headers('oekonomi')), sql: () => request(url) },
              Math.max(3, o.rounds),
            );
            const r = record(`S5 ${g.name}`, ratios(t.gateway!, t.sql!), '');
            lines.push(
              `${tag} S5 grouped ${g.name.padEnd(17)} ${String(warm.body.data.prissammenligning.totalCount).padStart(6)} groups: gateway ${fmtInt(median(t.gateway!))} ms vs one SQL statement behind a route ${fmtInt(median(t.sql!))} ms = ${fmtRatio(r)}  goal ≤ 1.5×`,
            );
            lines.push(...remainingTime(median(t.gateway!), median(t.sql!), 1.5, ''));
          }
        }
      } finally {
        await gw.stop();
      }
    }
  } finally {
    await base.stop();
    await pgl.stop();
  }
  return lines;
}
