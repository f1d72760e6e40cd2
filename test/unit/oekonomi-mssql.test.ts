import { describe, it, expect, beforeAll } from 'vitest';
import knex from 'knex';
import { mssqlCompiler } from '../../src/db/open';
import { oekonomiSchemaBuilder } from '../../simulators/oekonomi/schema';
import { OEKONOMI_COLUMNS, oekonomiTables } from '../../simulators/oekonomi/seed';
import {
  dialectOf,
  mssqlInsertBuilders,
  mssqlChunkRows,
  MSSQL_MAX_PARAMETERS,
  MSSQL_MAX_VALUES_ROWS,
  pgArrayLiteral,
} from '../../simulators/oekonomi/bulk-insert';
import { generateMunicipality } from '../../simulators/generator';
import type { OekonomiData } from '../../simulators/model';

/**
 * The economy system runs on SQL Server in production. Without a SQL Server on this machine, the DDL and
 * the seeder's INSERTs are compiled with knex's mssql dialect and checked for what SQL Server needs:
 * exact decimals, datetime2, bracket quoting, and requests within its 2,100-parameter and 1,000-row limits.
 */
let data: OekonomiData;
let ddl: string[];

beforeAll(async () => {
  data = generateMunicipality({ preset: 'test', seed: 3 }).oekonomi;
  const commands = await oekonomiSchemaBuilder(mssqlCompiler()).generateDdlCommands();
  // typed as strings, returned as { sql, bindings } objects by knex 3
  ddl = [...commands.pre, ...commands.sql, ...commands.post].map((c: unknown) => (typeof c === 'string' ? c : (c as { sql: string }).sql));
});

describe('economy DDL on SQL Server', () => {
  it('creates every table with bracket-quoted names, exact decimals for money and datetime2 for registreret', () => {
    const create = (table: string) => ddl.find((s) => s.startsWith(`CREATE TABLE [${table}]`))!;
    for (const t of ['konto', 'kreditor', 'kontrakt', 'postering', 'budget']) expect(create(t), t).toBeDefined();
    expect(create('postering')).toContain('[beloeb] decimal(14, 2) not null');
    expect(create('postering')).toContain('[registreret] datetime2 not null');
    expect(create('postering')).toContain('[postering_id] bigint');
    expect(create('postering')).toMatch(/FOREIGN KEY \(\[konto\]\) REFERENCES \[konto\] \(\[konto\]\)/);
    expect(create('kontrakt')).toContain('[beloeb_pr_maaned] decimal(14, 2) not null');
    expect(create('budget')).toContain('[beloeb] decimal(16, 2) not null');
    expect(ddl.join('\n')).not.toMatch(/\b(float|real|money|timestamptz|serial)\b/i);
  });

  it('indexes the columns the gateway filters on and keeps bilagsnr unique', () => {
    const all = ddl.join('\n');
    expect(all).toContain('CREATE UNIQUE INDEX [postering_bilagsnr_unique] ON [postering] ([bilagsnr])');
    for (const cols of ['[cpr]', '[konto], [periode_fra]', '[kreditor_nr]', '[registreret]', '[integrations_id]'])
      expect(all).toContain(`ON [postering] (${cols})`);
  });
});

describe('economy seeder on SQL Server', () => {
  it('is recognised as SQL Server (and PostgreSQL as PostgreSQL)', () => {
    expect(dialectOf(mssqlCompiler())).toBe('mssql');
    expect(dialectOf(knex({ client: 'pg' }))).toBe('postgres');
  });

  it('compiles every table into multi-row INSERTs within SQL Server limits that together carry every row', () => {
    const db = mssqlCompiler();
    for (const [table, rows] of oekonomiTables(data)) {
      const columns = OEKONOMI_COLUMNS[table];
      const statements = mssqlInsertBuilders(db, table, columns, rows).map((q) => q.toSQL());
      let carried = 0;
      for (const s of statements) {
        expect(s.bindings.length, table).toBeLessThanOrEqual(MSSQL_MAX_PARAMETERS);
        const valueRows = s.bindings.length / columns.length;
        expect(valueRows).toBeLessThanOrEqual(MSSQL_MAX_VALUES_ROWS);
        // knex lists the columns in its own (sorted) order; every column is there exactly once
        const listed = /^insert into \[(\w+)\] \(([^)]*)\) values \(/.exec(s.sql)!;
        expect(listed[1]).toBe(table);
        expect(
          listed[2]!
            .split(', ')
            .map((c) => c.slice(1, -1))
            .sort(),
        ).toEqual([...columns].sort());
        carried += valueRows;
      }
      expect(carried, table).toBe(rows.length);
    }
  });

  it('fills a chunk as far as the limits allow, for wide and narrow tables', () => {
    for (const n of [OEKONOMI_COLUMNS.postering.length, OEKONOMI_COLUMNS.konto.length, 1, 3000]) {
      const rows = mssqlChunkRows(n);
      expect(rows * n <= MSSQL_MAX_PARAMETERS || rows === 1).toBe(true);
      expect(rows).toBeLessThanOrEqual(MSSQL_MAX_VALUES_ROWS);
      // one more row would break a limit
      expect((rows + 1) * n > MSSQL_MAX_PARAMETERS || rows + 1 > MSSQL_MAX_VALUES_ROWS).toBe(true);
    }
  });

  it('passes amounts as exact decimal strings and nulls as NULL, never as JS floats', () => {
    const db = mssqlCompiler();
    const posting = data.posteringer.find((p) => p.cpr === null && p.kreditor_nr !== null)!;
    const [q] = mssqlInsertBuilders(db, 'postering', OEKONOMI_COLUMNS.postering, [posting]);
    const sql = q!.toSQL();
    const listed = /\(([^)]*)\) values/
      .exec(sql.sql)![1]!
      .split(', ')
      .map((c) => c.slice(1, -1));
    const bound = Object.fromEntries(listed.map((c, k) => [c, sql.bindings[k]]));
    expect(bound.beloeb).toBe(posting.beloeb);
    expect(typeof bound.beloeb).toBe('string');
    expect(bound.cpr).toBeNull();
    expect(bound.registreret).toBe(posting.registreret);
    expect(q!.toString()).toContain(`'${posting.beloeb}'`);
    expect(q!.toString()).toContain('NULL');
  });
});

describe('PostgreSQL array literals for unnest loading', () => {
  it('quotes text, escapes quotes and backslashes, and keeps NULL distinct from the string "NULL"', () => {
    expect(pgArrayLiteral([1, null, 'a "b"', 'c\\d', '', 'NULL', true])).toBe('{1,NULL,"a \\"b\\"","c\\\\d","","NULL",t}');
  });
});
