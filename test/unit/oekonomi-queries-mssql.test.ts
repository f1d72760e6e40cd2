import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { MAX_KEYS_PER_STATEMENT, MSSQL_MAX_PARAMETERS } from '../../connectors/oekonomi/config';
import * as q from '../../connectors/oekonomi/queries';
import { mssqlCompiler } from '../../src/db/open';

/**
 * Every statement the economy connector sends, compiled for SQL Server (the ERP's production engine) with
 * no server: what a SQL Server DBA would check — bracket quoting, TOP instead of LIMIT/OFFSET, amounts
 * CAST to text (tedious reads DECIMAL as a float), registreret as ISO text, sargable predicates (bare
 * columns, parameters on the other side), keyset paging, and the 2,100-parameter limit per request.
 */
const db = mssqlCompiler();
type Compiled = { sql: string; bindings: readonly unknown[]; native: { sql: string; bindings: readonly unknown[] } };

function compile(b: Knex.QueryBuilder | Knex.Raw): Compiled {
  const s = b.toSQL();
  const native = s.toNative();
  return { sql: s.sql, bindings: s.bindings, native: { sql: native.sql, bindings: native.bindings } };
}

const keys = (n: number) => Array.from({ length: n }, (_, i) => String(1_000_000_000 + i));
const ids = (n: number) => Array.from({ length: n }, (_, i) => 100_000 + i);
const T = '2024-03-01T08:15:00.1234567';

/** One case per exported builder; the last test fails if a builder is added without one. */
const CASES: Record<string, () => Knex.QueryBuilder | Knex.Raw> = {
  kreditorerByNr: () => q.kreditorerByNr(db, ['K1', 'K2']),
  kreditorerByCvr: () => q.kreditorerByCvr(db, ['12345678', '87654321']),
  kontrakterByCpr: () => q.kontrakterByCpr(db, ['0101801234', '0202801234']),
  posteringerById: () => q.posteringerById(db, [1, 2, 3]),
  budgetForAar: () => q.budgetForAar(db, 2024),
  forbrugPrKonto: () => q.forbrugPrKonto(db, { aar: 2024, prMaaned: true, konti: ['5.38.52'], datogrundlag: 'BILAGSDATO' }),
  forbrugOgBudget: () => q.forbrugOgBudget(db, 2024),
  posteringBatch: () => q.posteringBatch(db, { after: { registreret: T, postingId: 42 }, limit: 5000 }),
  allePosteringIds: () => q.allePosteringIds(db),
  posteringOptaelling: () => q.posteringOptaelling(db),
  posteringBlokke: () => q.posteringBlokke(db, 10_000),
  posteringIdsMellem: () => q.posteringIdsMellem(db, 10_000, 19_999),
  referenceMarkoer: () => q.referenceMarkoer(db, 'kontrakt'),
  alleKontrakter: () => q.alleKontrakter(db),
  alleKreditorer: () => q.alleKreditorer(db),
  ping: () => q.ping(db),
};

describe('oekonomi queries on SQL Server: every statement', () => {
  it.each(Object.entries(CASES))('%s is T-SQL: brackets, no PostgreSQL syntax, no select *, no LIMIT/OFFSET', (_name, build) => {
    const { sql, native } = compile(build());
    expect(sql).not.toMatch(/"/); // identifiers in [brackets], never ANSI double quotes
    expect(sql).not.toMatch(/::|\bilike\b|\blimit\b|\boffset\b|\breturning\b|\bnulls (first|last)\b|\bto_char\b|\bextract\s*\(/i);
    expect(sql).not.toMatch(/\*\s+from/i);
    expect(sql).not.toMatch(/select\s+\*/i);
    // tedious sends named parameters @p0…; every ? became one
    expect(native.sql.match(/@p\d+/g)?.length ?? 0).toBe(native.bindings.length);
    // no JS Date binding: knex types it DATETIME (1/300 s), which would round a DATETIME2 watermark
    expect(native.bindings.some((b) => b instanceof Date)).toBe(false);
    // no fractional number binding: knex types it FLOAT
    expect(native.bindings.some((b) => typeof b === 'number' && !Number.isInteger(b))).toBe(false);
  });

  it('covers every exported query builder', () => {
    const builders = Object.entries(q)
      .filter(([, v]) => typeof v === 'function')
      .map(([k]) => k)
      .sort();
    expect(Object.keys(CASES).sort()).toEqual(builders);
  });
});

describe('money is CAST to text on SQL Server', () => {
  it.each([
    ['posteringerById', 'beloeb', 'beloeb'],
    ['posteringBatch', 'beloeb', 'beloeb'],
    ['kontrakterByCpr', 'beloeb_pr_maaned', 'beloeb_pr_maaned'],
    ['alleKontrakter', 'beloeb_pr_maaned', 'beloeb_pr_maaned'],
    ['budgetForAar', 'beloeb', 'beloeb'],
  ])('%s selects [%s] only as CAST(... AS VARCHAR(40))', (name, column, alias) => {
    const { sql } = compile(CASES[name]!());
    expect(sql).toContain(`CAST([${column}] AS VARCHAR(40)) AS [${alias}]`);
    // the column appears exactly twice — inside the CAST and as its alias — so no second, uncast copy
    // of the amount is selected (it would arrive as a float)
    expect(sql.split(`[${column}]`).length - 1).toBe(2);
  });

  it('sums are CAST after SUM (DECIMAL(38,2)), never summed from text', () => {
    const { sql } = compile(CASES.forbrugPrKonto!());
    expect(sql).toContain('CAST(SUM([beloeb]) AS VARCHAR(40)) AS [beloeb]');
    expect(sql).not.toMatch(/SUM\(CAST/i);
  });

  it('forbrugOgBudget casts both sides of the FULL OUTER JOIN and orders by the key expression', () => {
    const { sql, bindings } = compile(CASES.forbrugOgBudget!());
    expect(sql).toContain('CAST([b].[beloeb] AS VARCHAR(40)) AS [budget]');
    expect(sql).toContain('CAST([f].[forbrug] AS VARCHAR(40)) AS [forbrug]');
    expect(sql).toContain('full outer join');
    expect(sql).toContain('sum([beloeb]) as [forbrug]');
    expect(sql).toMatch(/order by COALESCE\(\[b\]\.\[konto\], \[f\]\.\[konto\]\)$/);
    expect(bindings).toEqual([2024, '2024-01-01', '2025-01-01']);
  });
});

describe('keyset paging of postings on SQL Server', () => {
  it('first batch: TOP (@p0), ordered by the columns (registreret, postering_id), no predicate', () => {
    const { sql, bindings } = compile(q.posteringBatch(db, { limit: 5000 }));
    expect(sql).toMatch(/^select top \(\?\) /);
    expect(sql).not.toContain('where');
    expect(sql).toMatch(/order by \[registreret\] asc, \[postering_id\] asc$/);
    expect(bindings).toEqual([5000]);
  });

  it('resume: registreret >= t AND (registreret > t OR postering_id > id), with a seekable leading range', () => {
    const { sql, bindings } = compile(CASES.posteringBatch!());
    expect(sql).toContain('where [registreret] >= ? and ([registreret] > ? or [postering_id] > ?)');
    expect(bindings).toEqual([5000, T, T, 42]);
    // the watermark travels as text (NVARCHAR), which SQL Server converts to DATETIME2 (higher precedence),
    // so the column is never converted and the index on registreret seeks
    expect(typeof bindings[1]).toBe('string');
  });

  it('strictly after a timestamp only (a watermark without id)', () => {
    const { sql, bindings } = compile(q.posteringBatch(db, { after: { registreret: T }, limit: 10 }));
    expect(sql).toContain('where [registreret] > ? order by');
    expect(bindings).toEqual([10, T]);
  });

  it('registreret leaves as ISO text (style 126) under an alias that does not shadow the ORDER BY column', () => {
    const { sql } = compile(CASES.posteringBatch!());
    expect(sql).toContain('CONVERT(VARCHAR(27), [registreret], 126) AS [registreret_iso]');
    expect(sql).not.toMatch(/AS \[registreret\]/);
  });
});

describe('IN lists and the 2,100-parameter limit', () => {
  const chunked: Array<[string, (n: number) => Knex.QueryBuilder, string]> = [
    ['kreditorerByNr', (n) => q.kreditorerByNr(db, keys(n)), '[kreditor_nr] in ('],
    ['kreditorerByCvr', (n) => q.kreditorerByCvr(db, keys(n)), '[cvr] in ('],
    ['kontrakterByCpr', (n) => q.kontrakterByCpr(db, keys(n)), '[cpr] in ('],
    ['posteringerById', (n) => q.posteringerById(db, ids(n)), '[postering_id] in ('],
    ['forbrugPrKonto', (n) => q.forbrugPrKonto(db, { aar: 2024, prMaaned: true, konti: keys(n), datogrundlag: 'PERIODE_FRA' }), '[konto] in ('],
  ];

  it.each(chunked)('%s with a maximal chunk stays under 2,100 parameters', (_name, build, inList) => {
    const { sql, native } = compile(build(MAX_KEYS_PER_STATEMENT));
    expect(sql).toContain(inList);
    expect(native.bindings.length).toBeGreaterThanOrEqual(MAX_KEYS_PER_STATEMENT);
    expect(native.bindings.length).toBeLessThanOrEqual(MSSQL_MAX_PARAMETERS);
    expect(native.sql).toContain(`@p${native.bindings.length - 1}`);
  });

  it.each(chunked)('%s refuses one key more than a chunk, and an empty list (IN () is a syntax error)', (_name, build) => {
    expect(() => build(MAX_KEYS_PER_STATEMENT + 1)).toThrow(RangeError);
    expect(() => build(0)).toThrow(RangeError);
  });

  it('ids bind as integers (INT/BIGINT), keys as strings (NVARCHAR, matching the nvarchar columns knex creates)', () => {
    const p = compile(q.posteringerById(db, [1, 2_147_483_648]));
    expect(p.bindings).toEqual([1, 2_147_483_648]);
    const k = compile(q.kontrakterByCpr(db, ['0101801234']));
    expect(k.bindings).toEqual(['0101801234']);
  });
});

describe('spending per konto on SQL Server', () => {
  it('year as a half-open ISO date range on the bare column (sargable), month via MONTH() in SELECT and GROUP BY alike', () => {
    const { sql, bindings } = compile(q.forbrugPrKonto(db, { aar: 2024, prMaaned: true, datogrundlag: 'PERIODE_FRA' }));
    expect(sql).toContain('where [periode_fra] >= ? and [periode_fra] < ?');
    expect(sql).not.toMatch(/YEAR\(|MONTH\(\[periode_fra\]\) = /);
    expect(sql).toContain('MONTH([periode_fra]) AS [maaned]');
    expect(sql).toContain('group by [konto], MONTH([periode_fra])');
    expect(sql).toContain('count(*) as [antal]');
    expect(sql).toMatch(/order by \[konto\] asc, \[maaned\] asc$/);
    // 'YYYY-MM-DD' converts to DATE identically under every SET LANGUAGE / DATEFORMAT
    expect(bindings).toEqual(['2024-01-01', '2025-01-01']);
  });

  it('per konto only: no month expression, grouped by konto; bilagsdato by default', () => {
    const { sql } = compile(q.forbrugPrKonto(db, { aar: 2024, prMaaned: false, datogrundlag: 'BILAGSDATO' }));
    expect(sql).not.toContain('MONTH(');
    expect(sql).toContain('where [bilagsdato] >= ? and [bilagsdato] < ?');
    expect(sql).toMatch(/group by \[konto\] order by \[konto\] asc$/);
  });
});

describe('point reads', () => {
  it('budget is filtered by year with an integer parameter', () => {
    const { sql, bindings } = compile(CASES.budgetForAar!());
    expect(sql).toBe('select [konto], [aar], CAST([beloeb] AS VARCHAR(40)) AS [beloeb] from [budget] where [aar] = ? order by [konto] asc');
    expect(bindings).toEqual([2024]);
  });

  it('posting ids read only the primary key, in key order', () => {
    expect(compile(CASES.allePosteringIds!()).sql).toBe('select [postering_id] from [postering] order by [postering_id] asc');
  });

  it('kreditor reads name every column and never the table with *', () => {
    expect(compile(CASES.kreditorerByCvr!()).sql).toBe(
      'select [kreditor_nr], [navn], [cvr], [ean], [adresse], [postnummer], [bynavn] from [kreditor] where [cvr] in (?, ?) order by [kreditor_nr] asc',
    );
  });
});
