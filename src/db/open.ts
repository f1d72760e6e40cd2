import { mkdirSync } from 'node:fs';
import knex, { type Knex } from 'knex';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import ClientPgLite from 'knex-pglite';

/**
 * Where a database lives. The same knex code runs on all three: embedded PGlite (the default when nothing
 * is configured), a real PostgreSQL server, or SQL Server (the economy system's production engine).
 */
export type DatabaseTarget =
  | { kind: 'pglite'; /** directory for a persistent database; in memory when absent */ dataDir?: string }
  | { kind: 'postgres'; url: string; /** pool size */ poolMax?: number }
  | { kind: 'mssql'; connection: Knex.MsSqlConnectionConfig; poolMax?: number };

// OIDs: 20 int8, 1082 date, 1114 timestamp, 1184 timestamptz. Dates stay ISO strings so no time zone can
// move them; ids/counts fit a JS number; numeric (money) already arrives as an exact string.
const INT8 = 20;
const DATE = 1082;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;
const asIsoTimestamp = (v: string) => (v.includes('T') ? v : v.replace(' ', 'T'));

let pgTypesConfigured = false;
function configurePgTypes(): void {
  if (pgTypesConfigured) return;
  pg.types.setTypeParser(INT8, (v: string) => Number(v));
  pg.types.setTypeParser(DATE, (v: string) => v);
  pg.types.setTypeParser(TIMESTAMP, asIsoTimestamp);
  pgTypesConfigured = true;
}

const PGLITE_PARSERS = {
  [INT8]: (v: string) => Number(v),
  [DATE]: (v: string) => v,
  [TIMESTAMP]: asIsoTimestamp,
  [TIMESTAMPTZ]: (v: string) => new Date(v).toISOString(),
};

export function openDatabase(target: DatabaseTarget): Knex {
  switch (target.kind) {
    case 'pglite': {
      // a fresh clone has no .data/: PGlite creates only the last path segment itself
      if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
      // the options-object form: with an undefined first argument PGlite ignores a second one
      const instance = new PGlite({ dataDir: target.dataDir, parsers: PGLITE_PARSERS });
      // knex-pglite runs one connection over one PGlite instance (PGlite is single-connection by design)
      return knex({ client: ClientPgLite as unknown as typeof knex.Client, dialect: 'postgres', connection: { pglite: instance } as never });
    }
    case 'postgres':
      configurePgTypes();
      return knex({ client: 'pg', connection: target.url, pool: { min: 0, max: target.poolMax ?? 10 } });
    case 'mssql':
      return knex({ client: 'mssql', connection: target.connection, pool: { min: 0, max: target.poolMax ?? 10 } });
  }
}

/** A knex that only compiles SQL Server statements (`.toSQL()`), for tests on machines without SQL Server. */
export function mssqlCompiler(): Knex {
  return knex({ client: 'mssql' });
}

export function describeTarget(target: DatabaseTarget): string {
  switch (target.kind) {
    case 'pglite':
      return target.dataDir ? `embedded PGlite (${target.dataDir})` : 'embedded PGlite (in memory)';
    case 'postgres': {
      const u = new URL(target.url);
      return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
    }
    case 'mssql':
      return `SQL Server ${target.connection.server}:${target.connection.port ?? 1433}/${target.connection.database ?? ''}`;
  }
}
