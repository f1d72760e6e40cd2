/**
 * The fair baselines, as their own process (started by bench/support/baselines.ts): what a hand-written
 * service would do for the same answers — plain Fastify routes over HTTP running the same SQL (prepared,
 * selecting the needed columns), nesting the rows and serialising the same JSON; and, for S1, bare
 * Mercurius with `jit: 1` serving the gateway's small answer from memory.
 *   FAGSYSTEM_URL, STORE_URL: the bench's databases. Prints "baselines listening on <url>".
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import mercurius from 'mercurius';
import pg from 'pg';
import { PARAGRAFFER } from '../../src/domain/codes/paragraffer';
import { expectedPrice } from '../../src/reconcile/rules/prices/expected-price';
import { currentBestilling } from '../../src/reconcile/rules/prices/contract-price';
import { difference, isGlidning } from '../../src/reconcile/rules/comparison/lines';
import { fromOere, normaliseMoney } from '../../src/domain/money';
import { toGlobalId } from '../../src/graphql/global-id';

pg.types.setTypeParser(20, (v: string) => Number(v));
pg.types.setTypeParser(1082, (v: string) => v);
const fag = new pg.Pool({ connectionString: process.env.FAGSYSTEM_URL, max: 10 });
const store = new pg.Pool({ connectionString: process.env.STORE_URL, max: 10 });
const q = async <T>(pool: pg.Pool, name: string, text: string, values: unknown[]): Promise<T[]> => (await pool.query({ name, text, values })).rows as T[];
const today = () => new Date().toISOString().slice(0, 10);

const app = Fastify({ logger: false });

// S1: the same small answer the gateway gives (`paragraffer`), from memory, through bare Mercurius + jit
await app.register(mercurius, {
  schema: `type Paragraf { kode: String! betegnelse: String! lov: String! beskrivelse: String! konto: String! } type Query { paragraffer: [Paragraf!]! }`,
  resolvers: { Query: { paragraffer: () => PARAGRAFFER } },
  jit: 1,
});

// S2: one case — the gateway's SELECTs (sag with its citizen's CPR, indsatser, leverandører, bestillinger) and its
// access-log INSERT; like the gateway, it reads no citizen row for `borger { id }`
const EMPLOYEE_REF = 'bench-baseline';
await store.query(
  `insert into adgangslog_medarbejder (medarbejder_ref, bruger_id, roller, team_id, enhed_id) values ($1, 'bench', 'sagsbehandler', null, null) on conflict (medarbejder_ref) do nothing`,
  [EMPLOYEE_REF],
);
app.get<{ Params: { sagsnummer: string } }>('/sag/:sagsnummer', async (req) => {
  const [sag] = await q<{ sag_id: number; sagsnummer: string; status: string; borger_id: number; cpr: string }>(
    fag,
    's2-sag',
    'select sag_id, sagsnummer, status, borger_id, (select b.cpr from borger b where b.borger_id = sag.borger_id) as cpr from sag where sagsnummer = $1',
    [req.params.sagsnummer],
  );
  if (!sag) return { data: { sag: null } };
  const indsatser = await q<Record<string, any>>(
    fag,
    's2-indsatser',
    `select indsats_id, paragraf, leverandoer_id, forventet_start, forventet_slut, antal_enheder, ydelsesfrekvens, gentagelser, enhedspris
     from indsats where sag_id = $1 order by forventet_start, indsats_id`,
    [sag.sag_id],
  );
  const ids = indsatser.map((i) => i.indsats_id);
  const [leverandoerer, bestillinger] = await Promise.all([
    q<{ leverandoer_id: number; navn: string }>(fag, 's2-lev', 'select leverandoer_id, navn from leverandoer where leverandoer_id = any($1)', [
      [...new Set(indsatser.map((i) => i.leverandoer_id))],
    ]),
    q<Record<string, any>>(
      fag,
      's2-best',
      'select bestilling_id, indsats_id, kontraktpris_pr_maaned, gyldig_fra, gyldig_til from bestilling where indsats_id = any($1)',
      [ids],
    ),
  ]);
  await q(
    store,
    's2-log',
    `insert into adgangslog (cpr, formaal, medarbejder_ref, operation, organisation, rolle, tidspunkt, transaktions_id) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [sag.cpr, 'SAGSBEHANDLING', EMPLOYEE_REF, 'query sag', 'bench', 'sagsbehandler', new Date(), randomUUID()],
  );
  const lev = new Map(leverandoerer.map((l) => [l.leverandoer_id, l]));
  const best = new Map<number, Array<{ id: number; gyldigFra: string; gyldigTil: string | null; kontraktprisPrMaaned: string }>>();
  for (const b of bestillinger) {
    const list = best.get(b.indsats_id) ?? [];
    list.push({ id: b.bestilling_id, gyldigFra: b.gyldig_fra, gyldigTil: b.gyldig_til, kontraktprisPrMaaned: normaliseMoney(b.kontraktpris_pr_maaned) });
    best.set(b.indsats_id, list);
  }
  const date = today();
  return {
    data: {
      sag: {
        sagsnummer: sag.sagsnummer,
        status: sag.status,
        borger: { id: toGlobalId('Borger', sag.borger_id) },
        indsatser: indsatser.map((i) => ({
          paragraf: { kode: i.paragraf },
          leverandoer: { navn: lev.get(i.leverandoer_id)?.navn ?? null },
          forventetStart: i.forventet_start,
          forventetSlut: i.forventet_slut,
          priser: {
            forventet: {
              prMaaned: fromOere(
                expectedPrice({
                  antalEnheder: i.antal_enheder,
                  ydelsesfrekvens: i.ydelsesfrekvens,
                  gentagelser: i.gentagelser,
                  enhedspris: i.enhedspris,
                  forventetStart: i.forventet_start,
                  forventetSlut: i.forventet_slut,
                }).prMaaned,
              ),
            },
            kontraktFagsystem: currentBestilling((best.get(i.indsats_id) ?? []) as never, date)?.kontraktprisPrMaaned ?? null,
          },
        })),
      },
    },
  };
});

// S4: a page of 500 indsatser with sag, team, leverandør (one join), bestillinger and opfølgninger (one IN each),
// and the access-log INSERT of the page's citizens (indsatser are case data: the gateway logs them too)
app.get<{ Querystring: { after?: string } }>('/indsatser', async (req) => {
  const after = req.query.after ? Number(req.query.after) : 0;
  const rows = await q<Record<string, any>>(
    fag,
    's4-page',
    `select i.indsats_id, i.paragraf, i.status, i.forventet_start, i.forventet_slut, i.enhedspris, i.antal_enheder,
            s.sagsnummer, t.navn as team, l.navn, l.pnummer, b.cpr
     from indsats i join sag s on s.sag_id = i.sag_id join team t on t.team_id = s.team_id join leverandoer l on l.leverandoer_id = i.leverandoer_id
       join borger b on b.borger_id = s.borger_id
     where i.indsats_id > $1 order by i.indsats_id limit 501`,
    [after],
  );
  const page = rows.slice(0, 500);
  const ids = page.map((r) => r.indsats_id);
  // indsatser are case data about citizens: the page's citizens are logged (one INSERT) before the answer, as the gateway must
  const [best, opf] = await Promise.all([
    q<Record<string, any>>(
      fag,
      's4-best',
      'select indsats_id, kontraktpris_pr_maaned, gyldig_fra from bestilling where indsats_id = any($1) order by gyldig_fra, bestilling_id',
      [ids],
    ),
    q<Record<string, any>>(
      fag,
      's4-opf',
      'select indsats_id, planlagt_dato, udfoert_dato from opfoelgning where indsats_id = any($1) order by planlagt_dato, opfoelgning_id',
      [ids],
    ),
    q(
      store,
      's4-log',
      `insert into adgangslog (cpr, formaal, medarbejder_ref, operation, organisation, rolle, tidspunkt, transaktions_id)
       select c, $1, $2, $3, $4, $5, $6, $7 from unnest($8::text[]) as c`,
      ['OEKONOMI', EMPLOYEE_REF, 'query indsatser', 'bench', 'oekonomi', new Date(), randomUUID(), [...new Set(page.map((r) => r.cpr as string))]],
    ),
  ]);
  const group = <T>(list: Record<string, any>[], f: (r: Record<string, any>) => T) => {
    const m = new Map<number, T[]>();
    for (const r of list) {
      const l = m.get(r.indsats_id);
      if (l) l.push(f(r));
      else m.set(r.indsats_id, [f(r)]);
    }
    return m;
  };
  const b = group(best, (r) => ({ kontraktprisPrMaaned: normaliseMoney(r.kontraktpris_pr_maaned), gyldigFra: r.gyldig_fra }));
  const o = group(opf, (r) => ({ planlagtDato: r.planlagt_dato, udfoertDato: r.udfoert_dato }));
  const last = page[page.length - 1];
  return {
    data: {
      indsatser: {
        pageInfo: { hasNextPage: rows.length > 500, endCursor: last ? String(last.indsats_id) : null },
        nodes: page.map((r) => ({
          id: toGlobalId('Indsats', r.indsats_id),
          paragraf: { kode: r.paragraf },
          status: r.status,
          forventetStart: r.forventet_start,
          forventetSlut: r.forventet_slut,
          omfang: { enhedspris: normaliseMoney(r.enhedspris), antalEnheder: r.antal_enheder },
          sag: { sagsnummer: r.sagsnummer, team: { navn: r.team } },
          leverandoer: { navn: r.navn, pnummer: r.pnummer },
          bestillinger: b.get(r.indsats_id) ?? [],
          opfoelgninger: o.get(r.indsats_id) ?? [],
        })),
      },
    },
  };
});

// S5: grouped prices — ONE statement: the groups (sorted by the deviation, first 500), their count and the totals
const DIMS: Record<string, string> = { PARAGRAF: 'paragraf', LEVERANDOER: 'leverandoer_id', KONTO: 'konto', TEAM: 'team_id', MAANED: 'maaned', AAR: 'aar' };
app.get<{ Querystring: { dims: string } }>('/prissammenligning', async (req) => {
  const dims = req.query.dims.split(',').map((d) => DIMS[d]!);
  const k = 'coalesce(kontrakt_fagsystem_oere, kontrakt_oekonomi_oere)';
  const cols = dims.join(', ');
  const rows = await q<Record<string, any>>(
    store,
    `s5-${dims.join('-')}`,
    `select ${cols}, grouping(${cols}) <> 0 as i_alt, count(*) over (partition by grouping(${cols})) as antal,
            sum(forventet_oere)::bigint as forventet, sum(kontrakt_fagsystem_oere)::bigint as kontrakt_fagsystem,
            sum(kontrakt_oekonomi_oere)::bigint as kontrakt_oekonomi, sum(takst_oere)::bigint as takst, sum(faktisk_oere)::bigint as faktisk,
            sum(${k}) filter (where dage > 0)::bigint as kontrakt
     from indsats_maaned where afregnes_pr_borger
     group by grouping sets ((${cols}), ())
     order by grouping(${cols}) desc, abs(coalesce(sum(faktisk_oere), 0) - coalesce(sum(${k}) filter (where dage > 0), 0)) desc, ${cols}
     limit 502`,
    [],
  );
  const n = (v: unknown) => (v === null ? null : Number(v));
  const money = (v: unknown) => (v === null ? null : fromOere(Number(v)));
  const total = rows.find((r) => r.i_alt);
  const groups = rows.filter((r) => !r.i_alt);
  return {
    data: {
      prissammenligning: {
        totalCount: groups.length ? Number(groups[0]!.antal) : 0,
        iAlt: { faktisk: money(total?.faktisk ?? 0), kontrakt: money(total?.kontrakt ?? null) },
        nodes: groups.slice(0, 500).map((r) => ({
          gruppe: {
            paragraf: r.paragraf === undefined ? null : { kode: r.paragraf },
            leverandoer: r.leverandoer_id === undefined ? null : { id: toGlobalId('Leverandoer', r.leverandoer_id) },
            konto: r.konto ?? null,
            team: r.team_id === undefined ? null : { id: toGlobalId('Team', r.team_id) },
            maaned: r.maaned ? String(r.maaned).slice(0, 7) : null,
            aar: r.aar ?? null,
          },
          forventet: money(r.forventet),
          kontraktFagsystem: money(r.kontrakt_fagsystem),
          kontraktOekonomi: money(r.kontrakt_oekonomi),
          takst: money(r.takst),
          faktisk: money(r.faktisk ?? 0),
          glidning: isGlidning({ faktisk: Number(r.faktisk ?? 0), kontrakt: n(r.kontrakt) }, 10),
          faktiskVsKontrakt: difference(Number(r.faktisk ?? 0), n(r.kontrakt)),
        })),
      },
    },
  };
});

const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`baselines listening on ${url}\n`);
const stop = async () => {
  await app.close();
  await Promise.all([fag.end(), store.end()]);
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
