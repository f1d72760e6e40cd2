import type { Knex } from 'knex';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOekonomiConnector } from '../../connectors/oekonomi';
import { MAX_KEYS_PER_STATEMENT } from '../../connectors/oekonomi/config';
import type { OekonomiConnector } from '../../connectors/oekonomi/types';
import { SourceError } from '../../connectors/shared/source-error';
import { openDatabase, type DatabaseTarget } from '../../src/db/open';
import type { Postering } from '../../src/domain/model';
import { toOere } from '../../src/domain/money';
import { generateMunicipality } from '../../simulators/generator';
import type { OekonomiData, PosteringRow } from '../../simulators/model/oekonomi';
import { createOekonomiSchema } from '../../simulators/oekonomi/schema';
import { seedOekonomi } from '../../simulators/oekonomi/seed';
import { buildOekonomiFixture, KONTO_UDEN_BUDGET, KONTO_UDEN_POSTERINGER } from '../fixtures/oekonomi';
import { createTempDatabase, type TempDatabase } from '../support/postgres';

/**
 * The oekonomi connector against real engines — embedded PGlite and a throw-away PostgreSQL database —
 * each with two ledgers seeded by simulators/oekonomi/seed.ts:
 * - the generated `test` municipality (generateMunicipality({ preset: 'test' }));
 * - the hand-written edge-case ledger of test/fixtures/oekonomi.ts (ties on registreret, sub-millisecond
 *   timestamps, ids out of time order, credit notes, konti without budget/postings), which the generated
 *   data does not contain.
 * Every expectation is computed independently from the source rows (never from the connector), and
 * statement counts are recorded with knex's 'query' event.
 */
interface Ledger {
  name: string;
  data: OekonomiData;
  /** small enough that the stream needs many batches */
  batchSize: number;
}

const LEDGERS: Ledger[] = [
  { name: "generated 'test' municipality", data: generateMunicipality({ preset: 'test' }).oekonomi, batchSize: 250 },
  { name: 'edge-case fixture', data: buildOekonomiFixture(), batchSize: 7 },
];

/** What the connector must return for a row, derived from the fixture alone. */
function expectedPostering(p: PosteringRow): Postering {
  return {
    id: p.postering_id,
    bilagsnr: p.bilagsnr,
    bilagsdato: p.bilagsdato,
    konto: p.konto,
    art: p.art,
    kreditorNr: p.kreditor_nr,
    beloeb: p.beloeb,
    periodeFra: p.periode_fra,
    periodeTil: p.periode_til,
    cpr: p.cpr,
    tekst: p.tekst,
    integrationsId: p.integrations_id,
    registreret: p.registreret,
  } as Postering;
}

/** (registreret, id) order computed in JS: timestamps compared as instants, ids as numbers. */
function keysetOrder(rows: readonly PosteringRow[]): PosteringRow[] {
  const instant = (s: string) => {
    const [sec, frac = ''] = s.split('.');
    return [Date.parse(`${sec}Z`), Number(frac.padEnd(7, '0'))] as const;
  };
  return [...rows].sort((a, b) => {
    const [as, af] = instant(a.registreret);
    const [bs, bf] = instant(b.registreret);
    return as - bs || af - bf || a.postering_id - b.postering_id;
  });
}

const sumOere = (amounts: readonly string[]) => amounts.reduce((s, a) => s + toOere(a), 0);

interface Engine {
  engine: string;
  open(): Promise<{ target: DatabaseTarget; drop(): Promise<void> }>;
}

const ENGINES: Engine[] = [
  { engine: 'PGlite', open: async () => ({ target: { kind: 'pglite' }, drop: async () => undefined }) },
  {
    engine: 'PostgreSQL',
    open: async () => {
      const temp: TempDatabase = await createTempDatabase('oek');
      return { target: { kind: 'postgres', url: temp.url, poolMax: 4 }, drop: () => temp.drop() };
    },
  },
];

const COMBINATIONS = ENGINES.flatMap((e) => LEDGERS.map((l) => ({ ...e, ...l })));

/** The most frequent non-null value and how often it occurs. */
function mostCommon(values: ReadonlyArray<string | null>): [string, number] {
  const n = new Map<string, number>();
  for (const v of values) if (v !== null) n.set(v, (n.get(v) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
}

/** The next whole second after an ISO timestamp, as ISO text without zone. */
function nextSecond(ts: string): string {
  return new Date(Date.parse(`${ts.slice(0, 19)}Z`) + 1000).toISOString().slice(0, 19);
}

describe('the edge-case fixture has the shapes the generated ledger lacks', () => {
  const { posteringer, budgetter } = buildOekonomiFixture();
  it('a konto booked on but never budgeted, and one budgeted but never booked on (both sides of the FULL JOIN)', () => {
    expect(posteringer.some((p) => p.konto === KONTO_UDEN_BUDGET)).toBe(true);
    expect(budgetter.some((b) => b.konto === KONTO_UDEN_BUDGET)).toBe(false);
    expect(posteringer.some((p) => p.konto === KONTO_UDEN_POSTERINGER)).toBe(false);
    expect(budgetter.some((b) => b.konto === KONTO_UDEN_POSTERINGER && b.aar === 2024)).toBe(true);
  });

  it('ties on registreret, sub-millisecond fractions, ids out of time order, more rows than one IN chunk', () => {
    expect(mostCommon(posteringer.map((p) => p.registreret))[1]).toBeGreaterThan(1);
    expect(posteringer.some((p) => /\.\d{4,}$/.test(p.registreret))).toBe(true);
    const inTimeOrder = keysetOrder(posteringer).map((p) => p.postering_id);
    expect(inTimeOrder).not.toEqual([...inTimeOrder].sort((a, b) => a - b));
    expect(posteringer.length).toBeGreaterThan(MAX_KEYS_PER_STATEMENT);
  });
});

describe.each(COMBINATIONS)('oekonomi connector on $engine, $name', (engine) => {
  const { data, batchSize } = engine;
  let db: Knex;
  let connector: OekonomiConnector;
  let drop: () => Promise<void>;
  let statements: string[] = [];

  beforeAll(async () => {
    const opened = await engine.open();
    drop = opened.drop;
    db = openDatabase(opened.target);
    await seedOekonomi(db, data);
    db.on('query', (q: { sql: string }) => statements.push(q.sql));
    connector = createOekonomiConnector({ db });
  });

  afterAll(async () => {
    await connector?.close();
    await drop?.();
  });

  beforeEach(() => {
    statements = [];
  });

  it('answers ping', async () => {
    await expect(connector.ping()).resolves.toBeUndefined();
  });

  describe('request loaders (by key, one statement per batch)', () => {
    it('kreditor: out-of-order, duplicate and missing keys each get their own row', async () => {
      const req = connector.forRequest();
      const nr = (i: number) => data.kreditorer[i]!.kreditor_nr;
      const keys = [nr(8), nr(0), 'NOPE', nr(8), nr(3)];
      const got = await Promise.all(keys.map((k) => req.kreditor.load(k)));
      expect(statements).toHaveLength(1);
      const byNr = new Map(data.kreditorer.map((k) => [k.kreditor_nr, k]));
      got.forEach((k, i) => {
        const want = byNr.get(keys[i]!);
        if (!want) return expect(k).toBeNull();
        expect(k).toEqual({
          kreditorNr: want.kreditor_nr,
          navn: want.navn,
          cvr: want.cvr,
          ean: want.ean,
          adresse: want.adresse,
          postnummer: want.postnummer,
          bynavn: want.bynavn,
        });
      });
    });

    it('kreditorerByCvr: several creditors behind one CVR; unknown and malformed CVRs get []', async () => {
      const req = connector.forRequest();
      const [shared] = mostCommon(data.kreditorer.map((k) => k.cvr));
      const single = data.kreditorer.find((k) => k.cvr && k.cvr !== shared)!.cvr!;
      const keys = [single, 'not-a-cvr', shared, '12345678'];
      const got = await Promise.all(keys.map((k) => req.kreditorerByCvr.load(k)));
      expect(statements).toHaveLength(1);
      got.forEach((list, i) => {
        const want = data.kreditorer
          .filter((k) => k.cvr === keys[i])
          .map((k) => k.kreditor_nr)
          .sort();
        expect(list.map((k) => k.kreditorNr)).toEqual(want);
      });
      expect(got[2]!.length).toBeGreaterThan(1);
    });

    it('kreditorerByCvr: only malformed keys send no statement at all', async () => {
      const req = connector.forRequest();
      await expect(req.kreditorerByCvr.loadMany(['x', '123'])).resolves.toEqual([[], []]);
      expect(statements).toHaveLength(0);
    });

    it("kontrakterByCpr: contracts per CPR, with or without the dash, never another citizen's", async () => {
      const req = connector.forRequest();
      const cprs = [...new Set(data.kontrakter.map((k) => k.cpr).filter((c): c is string => c !== null))];
      const dashed = `${cprs[1]!.slice(0, 6)}-${cprs[1]!.slice(6)}`;
      const keys = [cprs[3]!, dashed, '0101010000', cprs[0]!, cprs[3]!];
      const got = await Promise.all(keys.map((k) => req.kontrakterByCpr.load(k)));
      expect(statements).toHaveLength(1);
      got.forEach((list, i) => {
        const stored = keys[i]!.replace('-', '');
        const want = data.kontrakter
          .filter((k) => k.cpr === stored)
          .sort((a, b) => a.gyldig_fra.localeCompare(b.gyldig_fra) || a.kontrakt_nr.localeCompare(b.kontrakt_nr));
        expect(list.map((k) => k.kontraktNr)).toEqual(want.map((k) => k.kontrakt_nr));
        for (const k of list) expect(k.cpr).toBe(stored);
      });
      expect(got.flat().length).toBeGreaterThan(0);
      const first = got[3]![0]!;
      const row = data.kontrakter.find((k) => k.kontrakt_nr === first.kontraktNr)!;
      expect(first).toEqual({
        kontraktNr: row.kontrakt_nr,
        kreditorNr: row.kreditor_nr,
        cpr: row.cpr,
        konto: row.konto,
        beloebPrMaaned: row.beloeb_pr_maaned,
        gyldigFra: row.gyldig_fra,
        gyldigTil: row.gyldig_til,
        sagsreference: row.sagsreference,
      });
    });

    it('postering: exact rows by id (dates, amounts, sub-millisecond registreret), null for unknown ids', async () => {
      const req = connector.forRequest();
      const sample = [data.posteringer[0]!, data.posteringer[1234]!, data.posteringer[2599]!, data.posteringer[15]!];
      const keys = [sample[2]!.postering_id, 1, sample[0]!.postering_id, sample[1]!.postering_id, sample[0]!.postering_id, sample[3]!.postering_id];
      const got = await Promise.all(keys.map((k) => req.postering.load(k)));
      expect(statements).toHaveLength(1);
      const byId = new Map(data.posteringer.map((p) => [p.postering_id, p]));
      got.forEach((p, i) => {
        const want = byId.get(keys[i]!);
        expect(p).toEqual(want ? expectedPostering(want) : null);
      });
      // registreret comes back exactly as stored (the fixture's first posting has microseconds)
      expect(got[2]!.registreret).toBe(sample[0]!.registreret);
    });

    it('postering: more keys than one statement may bind are split at MAX_KEYS_PER_STATEMENT', async () => {
      const req = connector.forRequest();
      const ids = data.posteringer.map((p) => p.postering_id);
      const got = await req.postering.loadMany(ids);
      expect(statements).toHaveLength(Math.ceil(ids.length / MAX_KEYS_PER_STATEMENT));
      expect(got.map((p) => (p as Postering).id)).toEqual(ids);
    });

    it('loaders live per request: a second request queries again', async () => {
      const id = data.posteringer[7]!.postering_id;
      await connector.forRequest().postering.load(id);
      await connector.forRequest().postering.load(id);
      expect(statements).toHaveLength(2);
    });
  });

  describe('budget and spending (pushed-down aggregates)', () => {
    it('budget(aar): every budget line of the year, exact', async () => {
      const got = await connector.forRequest().budget(2024);
      const want = data.budgetter.filter((b) => b.aar === 2024).sort((a, b) => a.konto.localeCompare(b.konto));
      expect(got).toEqual(want.map((b) => ({ konto: b.konto, aar: b.aar, beloeb: b.beloeb })));
    });

    it('forbrug per konto and month (by bilagsdato) equals the fixture summed in øre', async () => {
      const got = await connector.forRequest().forbrug({ aar: 2024, prMaaned: true });
      expect(statements).toHaveLength(1);
      const want = new Map<string, { oere: number; n: number }>();
      for (const p of data.posteringer.filter((p) => p.bilagsdato.startsWith('2024-'))) {
        const key = `${p.konto}|${Number(p.bilagsdato.slice(5, 7))}`;
        const cur = want.get(key) ?? { oere: 0, n: 0 };
        cur.oere += toOere(p.beloeb);
        cur.n += 1;
        want.set(key, cur);
      }
      expect(got).toHaveLength(want.size);
      for (const f of got) {
        const w = want.get(`${f.konto}|${f.maaned}`)!;
        expect({ oere: toOere(f.beloeb), n: f.antalPosteringer }).toEqual(w);
        expect(f.aar).toBe(2024);
      }
    });

    it('forbrug per konto by periode_fra, limited to given konti', async () => {
      const konti = [...new Set(data.posteringer.filter((p) => p.periode_fra.startsWith('2023-')).map((p) => p.konto))].sort().reverse().slice(0, 2);
      expect(konti).toHaveLength(2);
      const got = await connector.forRequest().forbrug({ aar: 2023, konti, datogrundlag: 'PERIODE_FRA' });
      const rows = data.posteringer.filter((p) => p.periode_fra.startsWith('2023-') && konti.includes(p.konto));
      expect(got.map((f) => f.konto)).toEqual([...konti].sort());
      for (const f of got) {
        const mine = rows.filter((p) => p.konto === f.konto);
        expect(f.maaned).toBeNull();
        expect(toOere(f.beloeb)).toBe(sumOere(mine.map((p) => p.beloeb)));
        expect(f.antalPosteringer).toBe(mine.length);
      }
    });

    it('forbrugOgBudget: one row per konto on either side, in one statement', async () => {
      const got = await connector.forRequest().forbrugOgBudget(2024);
      expect(statements).toHaveLength(1);
      const konti = new Set([
        ...data.budgetter.filter((b) => b.aar === 2024).map((b) => b.konto),
        ...data.posteringer.filter((p) => p.bilagsdato.startsWith('2024-')).map((p) => p.konto),
      ]);
      expect(got.map((r) => r.konto)).toEqual([...konti].sort());
      for (const r of got) {
        const budget = data.budgetter.find((b) => b.aar === 2024 && b.konto === r.konto);
        const mine = data.posteringer.filter((p) => p.konto === r.konto && p.bilagsdato.startsWith('2024-'));
        expect(r.budget).toBe(budget ? budget.beloeb : null);
        expect(toOere(r.forbrug)).toBe(sumOere(mine.map((p) => p.beloeb)));
        expect(r.antalPosteringer).toBe(mine.length);
      }
      for (const r of got.filter((r) => r.antalPosteringer === 0)) expect(r.forbrug).toBe('0.00');
    });
  });

  describe('job reads', () => {
    async function drain(it: AsyncIterable<Postering[]>): Promise<Postering[][]> {
      const out: Postering[][] = [];
      for await (const b of it) out.push(b);
      return out;
    }

    it('streams every posting exactly once in (registreret, postering_id) order, one statement per batch', async () => {
      // in the fixture 3 postings share each registreret, so with 7 per batch ties straddle batch boundaries
      const batches = await drain(connector.job.posteringer({ batchSize }));
      const all = batches.flat();
      expect(all).toEqual(keysetOrder(data.posteringer).map(expectedPostering));
      expect(new Set(all.map((p) => p.id)).size).toBe(data.posteringer.length);
      expect(batches.slice(0, -1).every((b) => b.length === batchSize)).toBe(true);
      // a full last batch needs one more (empty) read to know the stream ended
      const extra = data.posteringer.length % batchSize === 0 ? 1 : 0;
      expect(statements).toHaveLength(batches.length + extra);
      expect(statements.every((s) => !/offset/i.test(s))).toBe(true);
      expect(sumOere(all.map((p) => p.beloeb))).toBe(sumOere(data.posteringer.map((p) => p.beloeb)));
    });

    it('resumes after a watermark: strictly later registreret only', async () => {
      const ordered = keysetOrder(data.posteringer);
      const watermark = ordered[1000]!.registreret; // shared by up to three postings
      const got = (await drain(connector.job.posteringer({ registreretEfter: watermark, batchSize: 500 }))).flat();
      const later = ordered.filter((p, k) => k > 1000 && p.registreret !== watermark);
      expect(got.map((p) => p.id)).toEqual(later.map((p) => p.postering_id));
    });

    it('resumes mid-timestamp from a full keyset position (registreret, postering_id)', async () => {
      const ordered = keysetOrder(data.posteringer);
      // a position inside a tie where the ledger has ties, as after a crash between two batches of one instant
      const tie = ordered.findIndex((p, k) => k > 500 && ordered[k + 1]?.registreret === p.registreret);
      const i = tie >= 0 ? tie : Math.floor(ordered.length / 2);
      const pos = ordered[i]!;
      const got = (await drain(connector.job.posteringer({ registreretEfter: pos.registreret, efterPosteringId: pos.postering_id, batchSize: 100 }))).flat();
      expect(got.map((p) => p.id)).toEqual(ordered.slice(i + 1).map((p) => p.postering_id));
    });

    it('incremental: postings booked after a run are read by the next run from its watermark', async () => {
      const first = (await drain(connector.job.posteringer({ batchSize: 1000 }))).flat();
      const last = first[first.length - 1]!;
      const maxId = Math.max(...data.posteringer.map((p) => p.postering_id));
      const later = nextSecond(last.registreret);
      const nyeRows: PosteringRow[] = [0, 1, 2].map((n) => ({
        ...data.posteringer[n]!,
        postering_id: maxId + 1 + n,
        bilagsnr: `NY${n}`,
        beloeb: ['12.34', '-0.01', '99999999.99'][n]!,
        // one at the very watermark instant with a higher id, two later, one microsecond apart from a whole second
        registreret: [last.registreret, `${later}.000001`, `${later}.5`][n]!,
      }));
      try {
        await db('postering').insert(nyeRows);
        statements = [];
        const next = (await drain(connector.job.posteringer({ registreretEfter: last.registreret, efterPosteringId: last.id }))).flat();
        expect(next.map((p) => p.id)).toEqual(nyeRows.map((p) => p.postering_id));
        expect(next.map((p) => p.beloeb)).toEqual(['12.34', '-0.01', '99999999.99']);
        expect(next.map((p) => p.registreret)).toEqual(nyeRows.map((p) => p.registreret));
        expect(statements).toHaveLength(1);
      } finally {
        await db('postering')
          .whereIn(
            'postering_id',
            nyeRows.map((p) => p.postering_id),
          )
          .delete();
      }
    });

    it('rejects a watermark that is not an ISO timestamp before touching the database', async () => {
      await expect(drain(connector.job.posteringer({ registreretEfter: "2024-01-01' OR 1=1 --" }))).rejects.toThrow(RangeError);
      expect(statements).toHaveLength(0);
    });

    it('posteringIds: every id once; posteringerByIds chunks and maps by id', async () => {
      const ids = await connector.job.posteringIds();
      expect(ids).toEqual(data.posteringer.map((p) => p.postering_id).sort((a, b) => a - b));
      statements = [];
      const absent = ids[ids.length - 1]! + 1000;
      const wanted = [...ids.slice(0, 2300), absent, ids[5]!];
      const got = await connector.job.posteringerByIds(wanted);
      expect(statements).toHaveLength(2);
      expect(got.size).toBe(2300);
      expect(got.has(absent)).toBe(false);
      const row = data.posteringer.find((p) => p.postering_id === ids[5])!;
      expect(got.get(ids[5]!)).toEqual(expectedPostering(row));
    });

    it('change markers: count and sum of ids over the ledger and per block, ids of a block; a reference marker that moves with a change', async () => {
      const ids = data.posteringer.map((p) => p.postering_id).sort((a, b) => a - b);
      expect(await connector.job.posteringOptaelling()).toEqual({ antal: ids.length, idSum: ids.reduce((a, b) => a + b, 0) });
      const B = 7;
      const blocks = new Map<number, { antal: number; idSum: number }>();
      for (const id of ids) {
        const e = blocks.get(Math.floor(id / B)) ?? { antal: 0, idSum: 0 };
        e.antal++;
        e.idSum += id;
        blocks.set(Math.floor(id / B), e);
      }
      const got = await connector.job.posteringBlokke(B);
      expect(new Map(got.map((b) => [b.blok, { antal: b.antal, idSum: b.idSum }]))).toEqual(blocks);
      expect(await connector.job.posteringIdsMellem(ids[1]!, ids[3]!)).toEqual(ids.filter((id) => id >= ids[1]! && id <= ids[3]!));
      const before = await connector.job.referenceMarkoer();
      expect(await connector.job.referenceMarkoer()).toBe(before);
      const k = data.kreditorer[0]!;
      await db('kreditor')
        .where({ kreditor_nr: k.kreditor_nr })
        .update({ navn: `${k.navn} ApS` });
      try {
        expect(await connector.job.referenceMarkoer()).not.toBe(before);
      } finally {
        await db('kreditor').where({ kreditor_nr: k.kreditor_nr }).update({ navn: k.navn });
      }
      expect(await connector.job.referenceMarkoer()).toBe(before);
    });

    it('kontrakter and kreditorer: the whole register, exact amounts', async () => {
      const k = await connector.job.kontrakter();
      expect(k.map((x) => x.kontraktNr)).toEqual(data.kontrakter.map((x) => x.kontrakt_nr).sort());
      expect(sumOere(k.map((x) => x.beloebPrMaaned))).toBe(sumOere(data.kontrakter.map((x) => x.beloeb_pr_maaned)));
      const kr = await connector.job.kreditorer();
      expect(kr.map((x) => x.kreditorNr)).toEqual(data.kreditorer.map((x) => x.kreditor_nr).sort());
    });
  });

  describe('failures inside the source', () => {
    it('a failing statement is SOURCE_QUERY_FAILED with no SQL, no value and no CPR in the message', async () => {
      const cpr = data.kontrakter.find((k) => k.cpr)!.cpr!;
      await db.schema.renameTable('kontrakt', 'kontrakt_flyttet');
      try {
        const err = await connector
          .forRequest()
          .kontrakterByCpr.load(cpr)
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(SourceError);
        expect(err).toMatchObject({ source: 'oekonomi', code: 'SOURCE_QUERY_FAILED', retryable: false });
        const e = err as SourceError;
        for (const leak of [cpr, 'select', 'kontrakt', 'relation']) expect(e.message.toLowerCase()).not.toContain(leak.toLowerCase());
        expect(JSON.stringify(e.cause)).not.toContain(cpr);
        expect(e.cause).toEqual({ driverCode: '42P01' });
      } finally {
        await db.schema.renameTable('kontrakt_flyttet', 'kontrakt');
      }
    });
  });
});

describe('oekonomi connector: unreachable database', () => {
  it('is SourceError(oekonomi, SOURCE_UNAVAILABLE), retryable, from a loader and from ping', async () => {
    // port 1 on loopback: nothing listens, the connect is refused at once
    const db = openDatabase({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/test' });
    const connector = createOekonomiConnector({ db });
    try {
      const fromLoader = await connector
        .forRequest()
        .kontrakterByCpr.load('0101801234')
        .catch((e: unknown) => e);
      expect(fromLoader).toBeInstanceOf(SourceError);
      expect(fromLoader).toMatchObject({ source: 'oekonomi', code: 'SOURCE_UNAVAILABLE', retryable: true });
      expect((fromLoader as Error).message).not.toContain('0101801234');
      const fromPing = await connector.ping().catch((e: unknown) => e);
      expect(fromPing).toMatchObject({ source: 'oekonomi', code: 'SOURCE_UNAVAILABLE' });
      const fromJob = await (async () => {
        for await (const _ of connector.job.posteringer({})) return null;
        return null;
      })().catch((e: unknown) => e);
      expect(fromJob).toMatchObject({ source: 'oekonomi', code: 'SOURCE_UNAVAILABLE' });
    } finally {
      await connector.close();
    }
  });

  it('a closed embedded database is SOURCE_UNAVAILABLE too', async () => {
    const db = openDatabase({ kind: 'pglite' });
    const connector = createOekonomiConnector({ db });
    await connector.ping();
    await connector.close();
    await expect(connector.ping()).rejects.toMatchObject({ source: 'oekonomi', code: 'SOURCE_UNAVAILABLE' });
  });
});

describe('oekonomi connector: a statement over its time limit (PostgreSQL)', () => {
  it('is SOURCE_TIMEOUT, and the statement is cancelled in the server', async () => {
    const temp = await createTempDatabase('oekto');
    const db = openDatabase({ kind: 'postgres', url: temp.url, poolMax: 2 });
    const blocker = openDatabase({ kind: 'postgres', url: temp.url, poolMax: 1 });
    const connector = createOekonomiConnector({ db, queryTimeoutMs: 300 });
    try {
      await createOekonomiSchema(db);
      // another session holds an exclusive lock, so the connector's read waits past its limit
      await blocker.transaction(async (trx) => {
        await trx.raw('LOCK TABLE postering IN ACCESS EXCLUSIVE MODE');
        const err = await connector
          .forRequest()
          .postering.load(1)
          .catch((e: unknown) => e);
        expect(err).toMatchObject({ source: 'oekonomi', code: 'SOURCE_TIMEOUT', retryable: true });
        const waiting = await trx.raw("select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'");
        expect(waiting.rows[0].n).toBe(0);
      });
    } finally {
      await connector.close();
      await blocker.destroy();
      await temp.drop();
    }
  });
});
