import type { Knex } from 'knex';
import type { Municipality } from './model';
import { seedFagsystem } from './fagsystem/seed';
import { seedOekonomi } from './oekonomi/seed';

/**
 * Seeds a generated municipality into the fagsystem and economy databases (they may be the same database:
 * their table names do not overlap). Tilbudsportalen and Serviceplatformen are served by their stand-ins.
 */
export interface LoadReport {
  fagsystem: Record<string, number>;
  oekonomi: Record<string, number>;
}

export async function loadMunicipality(dbs: { fagsystem: Knex; oekonomi: Knex }, m: Municipality): Promise<LoadReport> {
  // the two loads are independent: on PostgreSQL the servers work in parallel while this process feeds them
  const [fagsystem, oekonomi] = await Promise.all([seedFagsystem(dbs.fagsystem, m.fagsystem), seedOekonomi(dbs.oekonomi, m.oekonomi)]);
  // fresh tables have no planner statistics: without them PostgreSQL mis-plans (and JIT-compiles) the gateway's
  // batch queries — a real source database has statistics, so a seeded one should too
  await Promise.all([analyze(dbs.fagsystem), analyze(dbs.oekonomi)]);
  return { fagsystem, oekonomi };
}

async function analyze(db: Knex): Promise<void> {
  const client = String((db.client as { config?: { client?: unknown } }).config?.client ?? '');
  if (client === 'mssql') return; // SQL Server keeps its statistics up to date by itself
  await db.raw('analyze');
}
