/**
 * Benchmarks of the gateway itself, per preset (demo and large, on the machine's real PostgreSQL):
 *  1. a single-case query (a front-end's sagsoverblik) — requests/s on Mercurius and on Apollo;
 *  2. a 10,000-indsats nested query paged through the gateway — latency against the raw SQL that fetches the
 *     same rows from the same databases, measured in the same run, as a ratio.
 */
import { startTestStack, type TestStack } from '../test/support/gateway';
import { closedLoop, timeIt } from './load';

const SINGLE_CASE = `query($s: String!) { sag(sagsnummer: $s) { sagsnummer status borger { id } indsatser { paragraf { kode } leverandoer { navn } forventetStart forventetSlut priser { forventet { prMaaned } kontraktFagsystem } } } }`;

const NESTED_PAGE = `query($after: String) { indsatser(first: 500, after: $after) { pageInfo { hasNextPage endCursor }
  nodes { id paragraf { kode } status forventetStart forventetSlut omfang { enhedspris antalEnheder }
    sag { sagsnummer team { navn } } leverandoer { navn pnummer } bestillinger { kontraktprisPrMaaned gyldigFra } opfoelgninger { planlagtDato udfoertDato } } } }`;

async function nestedThroughGateway(s: TestStack, target: number): Promise<number> {
  let after: string | null = null;
  let rows = 0;
  do {
    const res: { body: any } = await s.graphql(NESTED_PAGE, { after });
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors[0]));
    rows += res.body.data.indsatser.nodes.length;
    after = res.body.data.indsatser.pageInfo.hasNextPage && rows < target ? res.body.data.indsatser.pageInfo.endCursor : null;
  } while (after);
  return rows;
}

/** The same rows and columns straight from the database: indsatser with their sag, team, provider, orders and follow-ups. */
async function nestedRawSql(s: TestStack, target: number): Promise<number> {
  const db = s.fagsystemDb;
  const ids: number[] = await db('indsats').orderBy('indsats_id').limit(target).pluck('indsats_id');
  const last = ids[ids.length - 1]!;
  const main = await db('indsats as i')
    .join('sag as s', 's.sag_id', 'i.sag_id')
    .join('team as t', 't.team_id', 's.team_id')
    .join('leverandoer as l', 'l.leverandoer_id', 'i.leverandoer_id')
    .where('i.indsats_id', '<=', last)
    .orderBy('i.indsats_id')
    .select('i.indsats_id', 'i.paragraf', 'i.status', 'i.forventet_start', 'i.forventet_slut', 'i.enhedspris', 'i.antal_enheder', 's.sagsnummer', 't.navn as team', 'l.navn', 'l.pnummer');
  // orders and follow-ups are fetched alongside, as the gateway fetches them; the row count is the indsatser
  await db('bestilling').where('indsats_id', '<=', last).select('indsats_id', 'kontraktpris_pr_maaned', 'gyldig_fra');
  await db('opfoelgning').where('indsats_id', '<=', last).select('indsats_id', 'planlagt_dato', 'udfoert_dato');
  return main.length;
}

export async function benchGateway(preset: 'demo' | 'large', seconds: number): Promise<string[]> {
  const lines: string[] = [];
  const t0 = performance.now();
  const stack = await startTestStack({ db: 'postgres', preset });
  const setup = ((performance.now() - t0) / 1000).toFixed(1);
  lines.push(`${preset}: ${stack.municipality.fagsystem.sager.length} sager, ${stack.municipality.fagsystem.indsatser.length} indsatser, ${stack.municipality.oekonomi.posteringer.length} posteringer; generated and loaded into PostgreSQL in ${setup} s`);
  try {
    for (const engine of ['mercurius', 'apollo'] as const) {
      const s: TestStack = { ...stack, ...(await stack.engine(engine)) };
      const sagsnumre = s.municipality.fagsystem.sager.map((x) => x.sagsnummer);
      // warm-up
      for (let i = 0; i < 50; i++) await s.graphql(SINGLE_CASE, { s: sagsnumre[i % sagsnumre.length] });
      const single = await closedLoop({
        seconds,
        concurrency: 16,
        request: async (i) => {
          const r = await s.graphql(SINGLE_CASE, { s: sagsnumre[(i * 7919) % sagsnumre.length] });
          return r.status === 200 && !r.body.errors;
        },
      });
      // baseline: the same rows for one case straight from the database (sag, its indsatser, their providers and orders)
      const db = s.fagsystemDb;
      const singleSql = await closedLoop({
        seconds,
        concurrency: 16,
        request: async (i) => {
          const sag = await db('sag').where({ sagsnummer: sagsnumre[(i * 7919) % sagsnumre.length] }).first();
          const ind = await db('indsats as i').join('leverandoer as l', 'l.leverandoer_id', 'i.leverandoer_id').where('i.sag_id', sag.sag_id).select('i.*', 'l.navn');
          await db('bestilling').whereIn('indsats_id', ind.map((x: { indsats_id: number }) => x.indsats_id));
          return true;
        },
      });
      const target = Math.min(10_000, s.municipality.fagsystem.indsatser.length);
      const gw = await timeIt(() => nestedThroughGateway(s, target), 3);
      const sql = await timeIt(() => nestedRawSql(s, target), 3);
      lines.push(
        `${preset.padEnd(6)} ${engine.padEnd(10)} single-case: ${single.rps.toFixed(0).padStart(5)} req/s (p50 ${single.p50.toFixed(1)} ms, p95 ${single.p95.toFixed(1)} ms, errors ${single.errors}) vs raw SQL ${singleSql.rps.toFixed(0)} req/s = ${(single.rps / singleSql.rps).toFixed(2)}×` +
          ` | ${gw.value} indsatser nested: gateway ${gw.ms.toFixed(0)} ms vs raw SQL ${sql.ms.toFixed(0)} ms = ${(gw.ms / sql.ms).toFixed(1)}×`,
      );
    }
  } finally {
    await stack.close();
  }
  return lines;
}
