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
  // each seed leaves planner statistics on what it loaded (simulators/oekonomi/fast-load), as `npm run seed` does
  const [fagsystem, oekonomi] = await Promise.all([seedFagsystem(dbs.fagsystem, m.fagsystem), seedOekonomi(dbs.oekonomi, m.oekonomi)]);
  return { fagsystem, oekonomi };
}
