import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFagsystemConnector, type FagsystemConnector, type FagsystemRequest } from '../../connectors/fagsystem';
import type { BorgerListFilter, IndsatsListFilter, OpfoelgningListFilter, SagListFilter } from '../../connectors/fagsystem/types';
import type { AccessScope } from '../../src/access/scope';
import { UNRESTRICTED_SCOPE } from '../../src/access/scope';
import { CursorError } from '../../src/pagination/cursor';
import { openFagsystemTestDb, type FagsystemEngine, type FagsystemTestDb } from '../support/fagsystem-db';
import { FAGSYSTEM_DATASETS, fagsystemTestData, type FagsystemTestData } from '../support/fagsystem-data';
import { FagsystemOracle, sortByKey } from '../support/fagsystem-oracle';
import { walkAll } from '../support/fagsystem-walk';
import { applyKeysetOrder, type OrderColumn } from '../../connectors/fagsystem/pagination';

/**
 * The fagsystem connector against real databases (embedded PGlite and a throw-away PostgreSQL database),
 * checked against the seeded rows filtered in plain JS (FagsystemOracle): every list filter, both ordering
 * directions, keyset walks over every page, counts, the access scope, loaders by key, one statement per batch.
 */
const ENGINES: FagsystemEngine[] = ['pglite', 'postgres'];

const ids = (rows: ReadonlyArray<{ id: number }>) => rows.map((r) => r.id);
const sortedIds = (rows: ReadonlyArray<{ id: number }>) => ids(rows).sort((a, b) => a - b);
const rowIds = <T>(rows: readonly T[], id: (r: T) => number) => rows.map(id).sort((a, b) => a - b);

const MATRIX = ENGINES.flatMap((engine) => FAGSYSTEM_DATASETS.map((dataset) => ({ engine, dataset })));

describe.each(MATRIX)('fagsystem connector on $engine with the $dataset data', ({ engine, dataset }) => {
  let tdb: FagsystemTestDb;
  let t: FagsystemTestData;
  let o: FagsystemOracle;
  let connector: FagsystemConnector;
  let statements: string[] = [];
  /** scopes derived from the data: one team; one organisation unit; a team list intersected with a unit; nothing */
  let scopes: Array<[string, AccessScope]>;

  beforeAll(async () => {
    t = await fagsystemTestData(dataset);
    tdb = await openFagsystemTestDb(engine);
    await t.seed(tdb.db);
    tdb.db.on('query', (q: { sql: string }) => statements.push(q.sql));
    connector = createFagsystemConnector({ db: tdb.db, clock: () => new Date(`${t.today}T10:00:00Z`) });
    o = new FagsystemOracle(t.data, t.today);
    const teams = t.data.teams.map((x) => x.team_id).sort((a, b) => a - b);
    const lastTeam = t.data.teams.find((x) => x.team_id === teams.at(-1))!;
    scopes = [
      ['unrestricted', UNRESTRICTED_SCOPE],
      ['one team', { teamIds: [teams[0]!], enhedIds: null }],
      ['one unit', { teamIds: null, enhedIds: [lastTeam.enhed_id] }],
      ['teams ∩ unit', { teamIds: [teams[0]!, lastTeam.team_id], enhedIds: [lastTeam.enhed_id] }],
      ['empty team list', { teamIds: [], enhedIds: null }],
    ];
  });

  afterAll(async () => {
    await connector?.close();
    await tdb?.dispose();
  });

  /** list statements must be exactly one SQL statement per page */
  async function counted<T>(run: () => Promise<T>): Promise<{ value: T; sql: string[] }> {
    statements = [];
    const value = await run();
    return { value, sql: statements };
  }

  // ---------- filter cases (values taken from the data, so they work on any seeded municipality) ----------

  function sagCases(): Array<[string, SagListFilter]> {
    const d = t.data;
    const dates = d.sager.map((s) => s.sag_aabnet).sort();
    return [
      ['no filter', {}],
      ['status AABEN', { status: 'AABEN' }],
      ['status LUKKET', { status: 'LUKKET' }],
      ['teamIds', { teamIds: [d.teams[0]!.team_id, d.teams.at(-1)!.team_id] }],
      ['sagsbehandlerIds', { sagsbehandlerIds: d.sagsbehandlere.slice(0, 3).map((s) => s.sagsbehandler_id) }],
      ['paragraffer', { paragraffer: ['SEL85', 'SEL104'] }],
      ['kommuner', { kommuner: [d.sager[0]!.handlekommune] }],
      ['maalgrupper main group (subgroups included, FYSISK not)', { maalgrupper: ['FYS'] }],
      ['maalgrupper subgroup', { maalgrupper: ['PSY.ANGST', 'SOC.MISBRUG'] }],
      ['aabnetFra', { aabnetFra: dates[Math.floor(dates.length / 2)] }],
      ['aabnetTil', { aabnetTil: dates[Math.floor(dates.length / 3)] }],
      ['aabnet period', { aabnetFra: dates[Math.floor(dates.length / 4)], aabnetTil: dates[Math.floor((dates.length * 3) / 4)] }],
      ['combined', { status: 'AABEN', paragraffer: ['SEL85', 'SEL107'], maalgrupper: ['PSY', 'FYS'] }],
      ['empty list matches nothing', { teamIds: [] }],
    ];
  }

  function indsatsCases(): Array<[string, IndsatsListFilter]> {
    const d = t.data;
    const starts = d.indsatser.map((i) => i.forventet_start).sort();
    return [
      ['no filter', {}],
      ['paragraffer', { paragraffer: ['SEL107', 'SEL108'] }],
      ['status', { status: ['AKTIV', 'BEVILGET'] }],
      ['tilbudstyper', { tilbudstyper: [d.indsatser[0]!.tilbudstype] }],
      ['leverandoerIds', { leverandoerIds: d.leverandoerer.slice(0, 2).map((l) => l.leverandoer_id) }],
      ['teamIds (the case team)', { teamIds: [d.teams[1]!.team_id] }],
      ['sagsbehandlerIds (the case caseworker)', { sagsbehandlerIds: d.sagsbehandlere.slice(0, 3).map((s) => s.sagsbehandler_id) }],
      ['maalgrupper', { maalgrupper: ['PSY'] }],
      ['kommuner (handlekommune)', { kommuner: [d.sager[1]!.handlekommune] }],
      ['periodeFra (open ends count as running)', { periodeFra: t.today }],
      ['periodeTil', { periodeTil: starts[Math.floor(starts.length / 3)] }],
      ['periode', { periodeFra: starts[Math.floor(starts.length / 3)], periodeTil: starts[Math.floor(starts.length / 2)] }],
      ['combined', { status: ['AKTIV'], paragraffer: ['SEL85', 'SEL107', 'SEL108'], periodeFra: t.today, periodeTil: t.today }],
      ['empty list matches nothing', { status: [] }],
    ];
  }

  function borgerCases(): Array<[string, BorgerListFilter]> {
    const d = t.data;
    return [
      ['no filter', {}],
      ['maalgrupper', { maalgrupper: ['FYS'] }],
      ['maalgrupper two', { maalgrupper: ['PSY.DEPRESSION', 'SOC'] }],
      ['teamIds (a case in the team)', { teamIds: [d.teams[0]!.team_id] }],
      ['kommuner (the citizen kommunekode)', { kommuner: [d.borgere[0]!.kommunekode] }],
      ['combined', { teamIds: [d.teams[0]!.team_id, d.teams[2]!.team_id], maalgrupper: ['PSY', 'FYS'] }],
      ['empty list matches nothing', { kommuner: [] }],
    ];
  }

  function opfoelgningCases(): Array<[string, OpfoelgningListFilter]> {
    const d = t.data;
    const idag = t.today;
    return [
      ['no filter', { idag }],
      ['teamIds (the case team)', { idag, teamIds: [d.teams[0]!.team_id] }],
      [
        'sagsbehandlerIds (the follow-up caseworker)',
        { idag, sagsbehandlerIds: [d.sagsbehandlere[1]!.sagsbehandler_id, d.sagsbehandlere[4]!.sagsbehandler_id] },
      ],
      ['forfaldenSenest', { idag, forfaldenSenest: idag }],
      ['udfoert true', { idag, udfoert: true }],
      ['udfoert false', { idag, udfoert: false }],
      ['overskredet true', { idag, overskredet: true }],
      ['overskredet false', { idag, overskredet: false }],
      ['type', { idag, type: 'MARKANT_AENDRING' }],
      ['combined (a caseworker due list)', { idag, udfoert: false, forfaldenSenest: idag, teamIds: [d.teams[0]!.team_id, d.teams[1]!.team_id] }],
      ['empty list matches nothing', { idag, sagsbehandlerIds: [] }],
    ];
  }

  // ---------- filters × scopes: ids, order, counts ----------

  describe('filters and scopes (walk every page, compare ids, count)', () => {
    it('sager', async () => {
      for (const [scopeName, scope] of scopes) {
        const req = connector.forRequest(scope);
        for (const [name, filter] of sagCases()) {
          const expected = sortByKey(
            o.sager(scope, filter),
            (s) => s.sag_aabnet,
            (s) => s.sag_id,
            'ASC',
          ).map((s) => s.sag_id);
          const { rows } = await walkAll((page) => req.listSager({ filter, order: { field: 'SAG_AABNET', direction: 'ASC' }, page }), 25);
          expect(ids(rows), `${scopeName} / ${name}`).toEqual(expected);
          expect(await req.countSager(filter), `${scopeName} / ${name} count`).toBe(expected.length);
        }
      }
    });

    it('indsatser', async () => {
      for (const [scopeName, scope] of scopes) {
        const req = connector.forRequest(scope);
        for (const [name, filter] of indsatsCases()) {
          const expected = o
            .indsatser(scope, filter)
            .map((i) => i.indsats_id)
            .sort((a, b) => a - b);
          const { rows } = await walkAll((page) => req.listIndsatser({ filter, order: { field: 'INDSATS_ID', direction: 'ASC' }, page }), 25);
          expect(ids(rows), `${scopeName} / ${name}`).toEqual(expected);
          expect(await req.countIndsatser(filter), `${scopeName} / ${name} count`).toBe(expected.length);
        }
      }
    });

    it('borgere', async () => {
      for (const [scopeName, scope] of scopes) {
        const req = connector.forRequest(scope);
        for (const [name, filter] of borgerCases()) {
          const expected = o
            .borgere(scope, filter)
            .map((b) => b.borger_id)
            .sort((a, b) => a - b);
          const { rows } = await walkAll((page) => req.listBorgere({ filter, order: { field: 'BORGER_ID', direction: 'ASC' }, page }), 25);
          expect(ids(rows), `${scopeName} / ${name}`).toEqual(expected);
          expect(await req.countBorgere(filter), `${scopeName} / ${name} count`).toBe(expected.length);
        }
      }
    });

    it('opfølgninger', async () => {
      for (const [scopeName, scope] of scopes) {
        const req = connector.forRequest(scope);
        for (const [name, filter] of opfoelgningCases()) {
          const expected = sortByKey(
            o.opfoelgninger(scope, filter),
            (x) => x.planlagt_dato,
            (x) => x.opfoelgning_id,
            'ASC',
          ).map((x) => x.opfoelgning_id);
          const { rows } = await walkAll((page) => req.listOpfoelgninger({ filter, order: { field: 'PLANLAGT_DATO', direction: 'ASC' }, page }), 25);
          expect(ids(rows), `${scopeName} / ${name}`).toEqual(expected);
          expect(await req.countOpfoelgninger(filter), `${scopeName} / ${name} count`).toBe(expected.length);
        }
      }
    });

    it('every filter case is meaningful on this data: it selects some rows and not all (unrestricted)', () => {
      const check = <F>(cases: Array<[string, F]>, run: (f: F) => unknown[], total: number) => {
        for (const [name, f] of cases) {
          const n = run(f).length;
          if (name === 'no filter') expect(n, name).toBe(total);
          else if (name.startsWith('empty list')) expect(n, name).toBe(0);
          // a small municipality may book every citizen and case on its own kommunekode: then "some" is "all"
          else if (name.startsWith('kommuner')) expect(n, name).toBeGreaterThan(0);
          else expect(n > 0 && n < total, `${name}: ${n} of ${total}`).toBe(true);
        }
      };
      check(sagCases(), (f) => o.sager(UNRESTRICTED_SCOPE, f), t.data.sager.length);
      check(indsatsCases(), (f) => o.indsatser(UNRESTRICTED_SCOPE, f), t.data.indsatser.length);
      check(borgerCases(), (f) => o.borgere(UNRESTRICTED_SCOPE, f), t.data.borgere.length);
      check(opfoelgningCases(), (f) => o.opfoelgninger(UNRESTRICTED_SCOPE, f), t.data.opfoelgninger.length);
    });

    it('målgruppe: a code matches itself and its subgroups through a membership active today, never a mere string prefix', async () => {
      const active = (m: { fra_dato: string; til_dato: string | null }) => m.fra_dato <= t.today && (m.til_dato === null || m.til_dato >= t.today);
      const fysFamily = (k: string) => k === 'FYS' || k.startsWith('FYS.');
      const traps = new Set(
        t.data.borgerMaalgrupper
          .filter((m) => (m.maalgruppe_kode.startsWith('FYS') && !fysFamily(m.maalgruppe_kode)) || (fysFamily(m.maalgruppe_kode) && !active(m)))
          .map((m) => m.borger_id)
          .filter((b) => !t.data.borgerMaalgrupper.some((m) => m.borger_id === b && fysFamily(m.maalgruppe_kode) && active(m))),
      );
      const subgroupOnly = t.data.borgerMaalgrupper.filter((m) => m.maalgruppe_kode.startsWith('FYS.') && active(m)).map((m) => m.borger_id);
      if (t.source === 'hand-written fixture') expect(traps.size).toBeGreaterThan(2);
      if (t.source === 'hand-written fixture') expect(subgroupOnly.length).toBeGreaterThan(0);
      const req = connector.forRequest(UNRESTRICTED_SCOPE);
      const got = new Set(
        ids((await walkAll((page) => req.listBorgere({ filter: { maalgrupper: ['FYS'] }, order: { field: 'BORGER_ID', direction: 'ASC' }, page }), 100)).rows),
      );
      for (const b of traps) expect(got.has(b), `borger ${b} has no active FYS membership`).toBe(false);
      for (const b of subgroupOnly) expect(got.has(b), `borger ${b} is in a FYS subgroup`).toBe(true);
    });
  });

  // ---------- ordering and keyset pagination ----------

  describe('ordering both directions, keyset walk with small pages', () => {
    it('sager by SAG_AABNET and SAGSNUMMER', async () => {
      for (const [, scope] of scopes.slice(0, 2)) {
        const req = connector.forRequest(scope);
        const all = o.sager(scope, {});
        for (const direction of ['ASC', 'DESC'] as const) {
          const byDate = await walkAll((page) => req.listSager({ filter: {}, order: { field: 'SAG_AABNET', direction }, page }), 7);
          expect(ids(byDate.rows)).toEqual(
            sortByKey(
              all,
              (s) => s.sag_aabnet,
              (s) => s.sag_id,
              direction,
            ).map((s) => s.sag_id),
          );
          const byNr = await walkAll((page) => req.listSager({ filter: {}, order: { field: 'SAGSNUMMER', direction }, page }), 7);
          expect(ids(byNr.rows)).toEqual(
            sortByKey(
              all,
              (s) => s.sagsnummer,
              (s) => s.sag_id,
              direction,
            ).map((s) => s.sag_id),
          );
        }
      }
    });

    it('indsatser by INDSATS_ID and FORVENTET_START', async () => {
      const req = connector.forRequest(scopes[1]![1]);
      const all = o.indsatser(scopes[1]![1], {});
      for (const direction of ['ASC', 'DESC'] as const) {
        const byId = await walkAll((page) => req.listIndsatser({ filter: {}, order: { field: 'INDSATS_ID', direction }, page }), 7);
        expect(ids(byId.rows)).toEqual(
          sortByKey(
            all,
            (i) => i.indsats_id,
            (i) => i.indsats_id,
            direction,
          ).map((i) => i.indsats_id),
        );
        const byStart = await walkAll((page) => req.listIndsatser({ filter: {}, order: { field: 'FORVENTET_START', direction }, page }), 7);
        expect(ids(byStart.rows)).toEqual(
          sortByKey(
            all,
            (i) => i.forventet_start,
            (i) => i.indsats_id,
            direction,
          ).map((i) => i.indsats_id),
        );
      }
    });

    it('borgere by EFTERNAVN (code-point order, ties by id) and BORGER_ID', async () => {
      const req = connector.forRequest(UNRESTRICTED_SCOPE);
      for (const direction of ['ASC', 'DESC'] as const) {
        const byName = await walkAll((page) => req.listBorgere({ filter: {}, order: { field: 'EFTERNAVN', direction }, page }), 7);
        expect(ids(byName.rows)).toEqual(
          sortByKey(
            t.data.borgere,
            (b) => b.efternavn,
            (b) => b.borger_id,
            direction,
          ).map((b) => b.borger_id),
        );
        const byId = await walkAll((page) => req.listBorgere({ filter: {}, order: { field: 'BORGER_ID', direction }, page }), 7);
        expect(ids(byId.rows)).toEqual(
          sortByKey(
            t.data.borgere,
            (b) => b.borger_id,
            (b) => b.borger_id,
            direction,
          ).map((b) => b.borger_id),
        );
      }
    });

    it('opfølgninger by PLANLAGT_DATO with ties', async () => {
      const req = connector.forRequest(UNRESTRICTED_SCOPE);
      for (const direction of ['ASC', 'DESC'] as const) {
        const r = await walkAll((page) => req.listOpfoelgninger({ filter: { idag: t.today }, order: { field: 'PLANLAGT_DATO', direction }, page }), 7);
        expect(ids(r.rows)).toEqual(
          sortByKey(
            t.data.opfoelgninger,
            (x) => x.planlagt_dato,
            (x) => x.opfoelgning_id,
            direction,
          ).map((x) => x.opfoelgning_id),
        );
      }
    });

    it('leverandører by id, and counted', async () => {
      const req = connector.forRequest(scopes[4]![1]); // providers are not personal data: not scoped
      for (const direction of ['ASC', 'DESC'] as const) {
        const r = await walkAll((page) => req.listLeverandoerer({ filter: {}, order: { field: 'LEVERANDOER_ID', direction }, page }), 4);
        expect(ids(r.rows)).toEqual(
          sortByKey(
            t.data.leverandoerer,
            (l) => l.leverandoer_id,
            (l) => l.leverandoer_id,
            direction,
          ).map((l) => l.leverandoer_id),
        );
      }
      expect(await req.countLeverandoerer()).toBe(t.data.leverandoerer.length);
    });

    it('a nullable ordering column: NULLs last in both directions, every row once across pages', async () => {
      // no ordering column of the fagsystem is nullable today; the keyset rule for one is tested on a probe table
      const db = tdb.db;
      await db.schema.createTable('keyset_probe', (tb) => {
        tb.integer('id').primary();
        tb.date('d');
      });
      try {
        const rows = Array.from({ length: 23 }, (_, i) => ({ id: i + 1, d: i % 4 === 0 ? null : `2026-01-${String((i % 5) + 1).padStart(2, '0')}` }));
        await db('keyset_probe').insert(rows);
        const order: OrderColumn<{ id: number; d: string | null }> = {
          column: 'keyset_probe.d',
          idColumn: 'keyset_probe.id',
          kind: 'date',
          nullable: true,
          key: (r) => ({ v: r.d, id: r.id }),
        };
        for (const direction of ['ASC', 'DESC'] as const) {
          const { rows: got } = await walkAll(async (page) => {
            const qb = applyKeysetOrder(db('keyset_probe').select('id', db.raw("to_char(d, 'YYYY-MM-DD') as d")), order, direction, page);
            const list = (await qb.limit(page.first + 1)) as Array<{ id: number; d: string | null }>;
            return { rows: list.slice(0, page.first), hasNextPage: list.length > page.first, keyOf: order.key };
          }, 4);
          const nonNull = sortByKey(
            rows.filter((r) => r.d !== null),
            (r) => r.d!,
            (r) => r.id,
            direction,
          );
          const nulls = sortByKey(
            rows.filter((r) => r.d === null),
            (r) => r.id,
            (r) => r.id,
            direction,
          );
          expect(
            got.map((r) => r.id),
            direction,
          ).toEqual([...nonNull, ...nulls].map((r) => r.id));
        }
      } finally {
        await db.schema.dropTable('keyset_probe');
      }
    });

    it('page edges: first = 0, first = total, first > total', async () => {
      const req = connector.forRequest(UNRESTRICTED_SCOPE);
      const n = t.data.sager.length;
      const zero = await req.listSager({ filter: {}, order: { field: 'SAGSNUMMER', direction: 'ASC' }, page: { first: 0, after: undefined } });
      expect(zero.rows).toEqual([]);
      expect(zero.hasNextPage).toBe(true);
      const exact = await req.listSager({ filter: {}, order: { field: 'SAGSNUMMER', direction: 'ASC' }, page: { first: n, after: undefined } });
      expect(exact.rows).toHaveLength(n);
      expect(exact.hasNextPage).toBe(false);
      const more = await req.listSager({ filter: {}, order: { field: 'SAGSNUMMER', direction: 'ASC' }, page: { first: n + 10, after: undefined } });
      expect(more.rows).toHaveLength(n);
      expect(more.hasNextPage).toBe(false);
    });

    it('each page and each count is one SQL statement', async () => {
      const req = connector.forRequest(scopes[3]![1]);
      const page = await counted(() =>
        req.listIndsatser({
          filter: { maalgrupper: ['PSY'], status: ['AKTIV'] },
          order: { field: 'FORVENTET_START', direction: 'DESC' },
          page: { first: 5, after: undefined },
        }),
      );
      expect(page.sql).toHaveLength(1);
      const next = await counted(() =>
        req.listIndsatser({
          filter: {},
          order: { field: 'FORVENTET_START', direction: 'DESC' },
          page: { first: 5, after: page.value.keyOf(page.value.rows.at(-1)!) },
        }),
      );
      expect(next.sql).toHaveLength(1);
      const count = await counted(() => req.countOpfoelgninger({ idag: t.today, overskredet: true, teamIds: [t.data.teams[0]!.team_id] }));
      expect(count.sql).toHaveLength(1);
      expect(count.sql[0]).toMatch(/count\(\*\)/i);
    });

    it('a cursor that does not fit the ordering is bad input, not a failed query', async () => {
      const req = connector.forRequest(UNRESTRICTED_SCOPE);
      await expect(
        req.listSager({ filter: {}, order: { field: 'SAG_AABNET', direction: 'ASC' }, page: { first: 5, after: { v: 'not-a-date', id: 3 } } }),
      ).rejects.toBeInstanceOf(CursorError);
      await expect(
        req.listIndsatser({ filter: {}, order: { field: 'INDSATS_ID', direction: 'ASC' }, page: { first: 5, after: { v: '2020-01-01', id: 3 } } }),
      ).rejects.toBeInstanceOf(CursorError);
    });

    it('overskredet follows the injected clock, not the database server date', async () => {
      const later = new Date(
        `${t.data.opfoelgninger
          .map((x) => x.planlagt_dato)
          .sort()
          .at(-1)}T12:00:00Z`,
      );
      later.setUTCDate(later.getUTCDate() + 1);
      const idag = later.toISOString().slice(0, 10);
      const req = connector.forRequest(UNRESTRICTED_SCOPE);
      const expected = t.data.opfoelgninger.filter((x) => x.udfoert_dato === null).length;
      expect(await req.countOpfoelgninger({ idag, overskredet: true })).toBe(expected);
      expect(await req.countOpfoelgninger({ idag: '2000-01-01', overskredet: true })).toBe(0);
    });
  });

  // ---------- loaders: by key, scoped, one statement per batch ----------

  describe('loaders', () => {
    type Spec = {
      name: keyof FagsystemRequest;
      keys: Array<number | string>;
      /** expected id (one-to-one) or sorted ids (one-to-many) for a key under a scope */
      expect: (key: number | string, scope: AccessScope) => number | null | number[];
    };

    /** a spread of real keys, out of order, with a duplicate and a key that does not exist */
    function pick<T>(rows: readonly T[], key: (r: T) => number | string, missing: number | string): Array<number | string> {
      const step = Math.max(1, Math.floor(rows.length / 7));
      const chosen = rows
        .filter((_, i) => i % step === 0)
        .slice(0, 7)
        .map(key);
      return [...chosen.reverse(), missing, chosen[0]!, chosen[chosen.length - 1]!, missing];
    }

    function specs(): Spec[] {
      const d = t.data;
      const M = 987_654;
      const sagVis = (scope: AccessScope, sagId: number) => o.sagIdVisible(scope, sagId);
      const indsatsSag = new Map(d.indsatser.map((i) => [i.indsats_id, i.sag_id]));
      const oneOf = <T>(rows: readonly T[], id: (r: T) => number, match: (r: T) => boolean, visible: (r: T) => boolean) => {
        const r = rows.find(match);
        return r && visible(r) ? id(r) : null;
      };
      const manyOf = <T>(rows: readonly T[], id: (r: T) => number, match: (r: T) => boolean, visible: (r: T) => boolean) =>
        rowIds(
          rows.filter((r) => match(r) && visible(r)),
          id,
        );
      const cprDashed = (c: string) => `${c.slice(0, 6)}-${c.slice(6)}`;
      return [
        {
          name: 'sag',
          keys: pick(d.sager, (s) => s.sag_id, M),
          expect: (k, sc) =>
            oneOf(
              d.sager,
              (s) => s.sag_id,
              (s) => s.sag_id === k,
              (s) => o.sagVisible(sc, s),
            ),
        },
        {
          name: 'sagBySagsnummer',
          keys: pick(d.sager, (s) => s.sagsnummer, 'S-NOPE'),
          expect: (k, sc) =>
            oneOf(
              d.sager,
              (s) => s.sag_id,
              (s) => s.sagsnummer === k,
              (s) => o.sagVisible(sc, s),
            ),
        },
        {
          name: 'sagerByBorger',
          keys: pick(d.borgere, (b) => b.borger_id, M),
          expect: (k, sc) =>
            manyOf(
              d.sager,
              (s) => s.sag_id,
              (s) => s.borger_id === k,
              (s) => o.sagVisible(sc, s),
            ),
        },
        {
          name: 'afgoerelse',
          keys: pick(d.afgoerelser, (a) => a.afgoerelse_id, M),
          expect: (k, sc) =>
            oneOf(
              d.afgoerelser,
              (a) => a.afgoerelse_id,
              (a) => a.afgoerelse_id === k,
              (a) => sagVis(sc, a.sag_id),
            ),
        },
        {
          name: 'afgoerelserBySag',
          keys: pick(d.sager, (s) => s.sag_id, M),
          expect: (k, sc) =>
            manyOf(
              d.afgoerelser,
              (a) => a.afgoerelse_id,
              (a) => a.sag_id === k,
              (a) => sagVis(sc, a.sag_id),
            ),
        },
        {
          name: 'indsats',
          keys: pick(d.indsatser, (i) => i.indsats_id, M),
          expect: (k, sc) =>
            oneOf(
              d.indsatser,
              (i) => i.indsats_id,
              (i) => i.indsats_id === k,
              (i) => sagVis(sc, i.sag_id),
            ),
        },
        {
          name: 'indsatserBySag',
          keys: pick(d.sager, (s) => s.sag_id, M),
          expect: (k, sc) =>
            manyOf(
              d.indsatser,
              (i) => i.indsats_id,
              (i) => i.sag_id === k,
              (i) => sagVis(sc, i.sag_id),
            ),
        },
        {
          name: 'indsatserByAfgoerelse',
          keys: pick(d.afgoerelser, (a) => a.afgoerelse_id, M),
          expect: (k, sc) =>
            manyOf(
              d.indsatser,
              (i) => i.indsats_id,
              (i) => i.afgoerelse_id === k,
              (i) => sagVis(sc, i.sag_id),
            ),
        },
        {
          name: 'ydelserByIndsats',
          keys: pick(d.indsatser, (i) => i.indsats_id, M),
          expect: (k, sc) =>
            manyOf(
              d.ydelser,
              (y) => y.ydelse_id,
              (y) => y.indsats_id === k,
              (y) => sagVis(sc, indsatsSag.get(y.indsats_id)!),
            ),
        },
        {
          name: 'bestilling',
          keys: pick(d.bestillinger, (b) => b.bestilling_id, M),
          expect: (k, sc) =>
            oneOf(
              d.bestillinger,
              (b) => b.bestilling_id,
              (b) => b.bestilling_id === k,
              (b) => sagVis(sc, indsatsSag.get(b.indsats_id)!),
            ),
        },
        {
          name: 'bestillingerByIndsats',
          keys: pick(d.indsatser, (i) => i.indsats_id, M),
          expect: (k, sc) =>
            manyOf(
              d.bestillinger,
              (b) => b.bestilling_id,
              (b) => b.indsats_id === k,
              (b) => sagVis(sc, indsatsSag.get(b.indsats_id)!),
            ),
        },
        {
          name: 'indsatsmaalByIndsats',
          keys: pick(d.indsatser, (i) => i.indsats_id, M),
          expect: (k, sc) =>
            manyOf(
              d.indsatsmaal,
              (m) => m.indsatsmaal_id,
              (m) => m.indsats_id === k,
              (m) => sagVis(sc, indsatsSag.get(m.indsats_id)!),
            ),
        },
        {
          name: 'opfoelgning',
          keys: pick(d.opfoelgninger, (x) => x.opfoelgning_id, M),
          expect: (k, sc) =>
            oneOf(
              d.opfoelgninger,
              (x) => x.opfoelgning_id,
              (x) => x.opfoelgning_id === k,
              (x) => sagVis(sc, indsatsSag.get(x.indsats_id)!),
            ),
        },
        {
          name: 'opfoelgningerByIndsats',
          keys: pick(d.indsatser, (i) => i.indsats_id, M),
          expect: (k, sc) =>
            manyOf(
              d.opfoelgninger,
              (x) => x.opfoelgning_id,
              (x) => x.indsats_id === k,
              (x) => sagVis(sc, indsatsSag.get(x.indsats_id)!),
            ),
        },
        {
          name: 'borger',
          keys: pick(d.borgere, (b) => b.borger_id, M),
          expect: (k, sc) =>
            oneOf(
              d.borgere,
              (b) => b.borger_id,
              (b) => b.borger_id === k,
              (b) => o.borgerVisible(sc, b.borger_id),
            ),
        },
        {
          name: 'borgerByCpr',
          // one key written with the dash, one that is not a CPR at all
          keys: [...pick(d.borgere, (b) => b.cpr, '0101010000'), cprDashed(d.borgere[1]!.cpr), 'not-a-cpr'],
          expect: (k, sc) =>
            oneOf(
              d.borgere,
              (b) => b.borger_id,
              (b) => b.cpr === String(k).replace('-', ''),
              (b) => o.borgerVisible(sc, b.borger_id),
            ),
        },
        {
          name: 'maalgrupperByBorger',
          keys: pick(d.borgere, (b) => b.borger_id, M),
          expect: (k, sc) =>
            manyOf(
              d.borgerMaalgrupper,
              (m) => m.borger_maalgruppe_id,
              (m) => m.borger_id === k,
              (m) => o.borgerVisible(sc, m.borger_id),
            ),
        },
        {
          name: 'funktionsevneByBorger',
          keys: pick(d.borgere, (b) => b.borger_id, M),
          expect: (k, sc) =>
            manyOf(
              d.funktionsevnevurderinger,
              (f) => f.vurdering_id,
              (f) => f.borger_id === k,
              (f) => sagVis(sc, f.sag_id),
            ),
        },
        {
          name: 'stoettebehovByBorger',
          keys: pick(d.borgere, (b) => b.borger_id, M),
          expect: (k, sc) =>
            manyOf(
              d.stoettebehov,
              (s) => s.stoettebehov_id,
              (s) => s.borger_id === k,
              (s) => sagVis(sc, s.sag_id),
            ),
        },
        {
          name: 'team',
          keys: pick(d.teams, (x) => x.team_id, M),
          expect: (k) =>
            oneOf(
              d.teams,
              (x) => x.team_id,
              (x) => x.team_id === k,
              () => true,
            ),
        },
        {
          name: 'teamsByEnhed',
          keys: pick(d.organisationsenheder, (e) => e.enhed_id, M),
          expect: (k) =>
            manyOf(
              d.teams,
              (x) => x.team_id,
              (x) => x.enhed_id === k,
              () => true,
            ),
        },
        {
          name: 'organisationsenhed',
          keys: pick(d.organisationsenheder, (e) => e.enhed_id, M),
          expect: (k) =>
            oneOf(
              d.organisationsenheder,
              (e) => e.enhed_id,
              (e) => e.enhed_id === k,
              () => true,
            ),
        },
        {
          name: 'sagsbehandler',
          keys: pick(d.sagsbehandlere, (s) => s.sagsbehandler_id, M),
          expect: (k) =>
            oneOf(
              d.sagsbehandlere,
              (s) => s.sagsbehandler_id,
              (s) => s.sagsbehandler_id === k,
              () => true,
            ),
        },
        {
          name: 'sagsbehandlereByTeam',
          keys: pick(d.teams, (x) => x.team_id, M),
          expect: (k) =>
            manyOf(
              d.sagsbehandlere,
              (s) => s.sagsbehandler_id,
              (s) => s.team_id === k,
              () => true,
            ),
        },
        {
          name: 'leverandoer',
          keys: pick(d.leverandoerer, (l) => l.leverandoer_id, M),
          expect: (k) =>
            oneOf(
              d.leverandoerer,
              (l) => l.leverandoer_id,
              (l) => l.leverandoer_id === k,
              () => true,
            ),
        },
      ];
    }

    it('covers every loader of the contract', () => {
      const req = connector.forRequest(UNRESTRICTED_SCOPE);
      // the loaders are lazy getters on a prototype: `for … in` lists inherited ones too
      const entries: Array<[string, unknown]> = [];
      for (const k in req) entries.push([k, (req as unknown as Record<string, unknown>)[k]]);
      const loaderNames = entries
        .filter(([, v]) => typeof v === 'object' && v !== null && 'loadMany' in v)
        .map(([k]) => k)
        .sort();
      expect(
        specs()
          .map((s) => s.name)
          .sort(),
      ).toEqual(loaderNames);
    });

    it('return by key (out of order, duplicated, missing), null / [] out of scope, one statement per batch', async () => {
      let sawHidden = 0;
      let sawVisible = 0;
      for (const [scopeName, scope] of scopes) {
        for (const spec of specs()) {
          const req = connector.forRequest(scope);
          const loader = req[spec.name] as unknown as { load(k: number | string): Promise<{ id: number } | Array<{ id: number }> | null> };
          const { value, sql } = await counted(() => Promise.all(spec.keys.map((k) => loader.load(k))));
          expect(sql, `${scopeName} / ${spec.name}: statements`).toHaveLength(1);
          value.forEach((got, i) => {
            const key = spec.keys[i]!;
            const want = spec.expect(key, scope);
            const actual = Array.isArray(got) ? sortedIds(got) : got === null ? null : got.id;
            expect(actual, `${scopeName} / ${spec.name}(${spec.name.toLowerCase().includes('cpr') ? 'cpr' : key})`).toEqual(want);
            if (spec.name === 'sag' && scope !== UNRESTRICTED_SCOPE && typeof key === 'number' && key < 987_654) want === null ? sawHidden++ : sawVisible++;
          });
        }
      }
      // the restricted scopes really hid some cases and showed others
      expect(sawHidden).toBeGreaterThan(0);
      expect(sawVisible).toBeGreaterThan(0);
    });

    it('maps rows completely (dates as ISO strings, money as two-decimal strings)', async () => {
      const req = connector.forRequest(UNRESTRICTED_SCOPE);
      const row = t.data.indsatser.find((i) => i.forventet_slut === null) ?? t.data.indsatser[0]!;
      const i = (await req.indsats.load(row.indsats_id))!;
      expect(i).toMatchObject({
        id: row.indsats_id,
        sagId: row.sag_id,
        afgoerelseId: row.afgoerelse_id,
        paragraf: row.paragraf,
        forventetStart: row.forventet_start,
        forventetSlut: row.forventet_slut,
        faktiskStart: row.faktisk_start,
        faktiskSlut: row.faktisk_slut,
        status: row.status,
        gentagelser: row.gentagelser,
        kontonummer: row.kontonummer,
        integrationsId: row.integrations_id,
      });
      expect(i.enhedspris).toMatch(/^\d+\.\d{2}$/);
      expect(Number(i.enhedspris)).toBe(Number(row.enhedspris));
      expect(Number(i.antalEnheder)).toBe(Number(row.antal_enheder));
      const b = t.data.bestillinger[0]!;
      const got = (await req.bestilling.load(b.bestilling_id))!;
      expect(got.kontraktprisPrMaaned).toMatch(/^\d+\.\d{2}$/);
      expect(got).toMatchObject({ gyldigFra: b.gyldig_fra, gyldigTil: b.gyldig_til, egenbetaling: b.egenbetaling, leverandoerId: b.leverandoer_id });
      const s = (await req.sag.load(t.data.sager[0]!.sag_id))!;
      expect(typeof s.sagAabnet).toBe('string');
      expect(s.sagAabnet).toBe(t.data.sager[0]!.sag_aabnet);
    });

    it('teams and organisationsenheder list whole tables', async () => {
      const req = connector.forRequest(scopes[4]![1]);
      expect(ids(await req.listTeams())).toEqual(rowIds(t.data.teams, (x) => x.team_id));
      expect(ids(await req.listOrganisationsenheder())).toEqual(rowIds(t.data.organisationsenheder, (e) => e.enhed_id));
    });
  });

  // ---------- job reads ----------

  describe('job reads (unscoped, batched by id keyset)', () => {
    it('indsatserForMatching: every indsats once, in id order, joined fields and the current bestilling', async () => {
      const batches: number[] = [];
      const all = [];
      statements = [];
      for await (const batch of connector.job.indsatserForMatching({ batchSize: 37 })) {
        batches.push(batch.length);
        all.push(...batch);
      }
      expect(all.map((m) => m.indsatsId)).toEqual(rowIds(t.data.indsatser, (i) => i.indsats_id));
      expect(statements.length).toBe(Math.floor(t.data.indsatser.length / 37) + 1);
      const sagById = new Map(t.data.sager.map((s) => [s.sag_id, s]));
      const borgerById = new Map(t.data.borgere.map((b) => [b.borger_id, b]));
      const levById = new Map(t.data.leverandoerer.map((l) => [l.leverandoer_id, l]));
      for (const m of all) {
        const i = t.data.indsatser.find((x) => x.indsats_id === m.indsatsId)!;
        const s = sagById.get(i.sag_id)!;
        const l = levById.get(i.leverandoer_id)!;
        const cb = o.currentBestilling(i.indsats_id, t.today);
        expect(m).toMatchObject({
          sagId: s.sag_id,
          borgerId: s.borger_id,
          cpr: borgerById.get(s.borger_id)!.cpr,
          teamId: s.team_id,
          paragraf: i.paragraf,
          kontonummer: i.kontonummer,
          leverandoerId: l.leverandoer_id,
          pnummer: l.pnummer,
          tilbudsid: l.tilbudsid,
          afdelingsid: l.afdelingsid,
          intern: l.intern,
          afregnesPrBorger: l.afregnes_pr_borger,
          status: i.status,
          start: i.faktisk_start ?? i.forventet_start,
          slut: i.faktisk_slut ?? i.forventet_slut,
          integrationsId: i.integrations_id,
        });
        expect(m.kontraktprisPrMaaned === null ? null : Number(m.kontraktprisPrMaaned)).toEqual(cb ? Number(cb.kontraktpris_pr_maaned) : null);
        expect(m.version).toMatch(/^[0-9a-f]{32}$/);
      }
    });

    it('version is stable across runs and changes when a field matching depends on changes', async () => {
      const collect = async () => {
        const m = new Map<number, string>();
        for await (const batch of connector.job.indsatserForMatching({ batchSize: 500 })) for (const x of batch) m.set(x.indsatsId, x.version);
        return m;
      };
      const first = await collect();
      expect(await collect()).toEqual(first);
      const target = t.data.indsatser[3]!;
      await tdb.db('indsats').where('indsats_id', target.indsats_id).update({ kontonummer: '5.38.99' });
      try {
        const changed = await collect();
        expect(first.has(target.indsats_id)).toBe(true);
        for (const [id, v] of first) {
          if (id === target.indsats_id) expect(changed.get(id)).not.toBe(v);
          else expect(changed.get(id)).toBe(v);
        }
      } finally {
        await tdb.db('indsats').where('indsats_id', target.indsats_id).update({ kontonummer: target.kontonummer });
      }
    });

    it('borgere in batches and leverandoerer', async () => {
      const seen: number[] = [];
      for await (const batch of connector.job.borgere({ batchSize: 9 })) seen.push(...ids(batch));
      expect(seen).toEqual(rowIds(t.data.borgere, (b) => b.borger_id));
      expect(ids(await connector.job.leverandoerer())).toEqual(rowIds(t.data.leverandoerer, (l) => l.leverandoer_id));
    });

    it('ping answers', async () => {
      await expect(connector.ping()).resolves.toBeUndefined();
    });
  });
});
