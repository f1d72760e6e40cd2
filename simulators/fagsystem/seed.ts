import type { Knex } from 'knex';
import type { FagsystemData } from '../model';
import { bulkInsert } from '../oekonomi/bulk-insert';
import { FAGSYSTEM_COLUMNS, type FagsystemTable } from '../../connectors/fagsystem/columns';
import { fastLoad } from '../oekonomi/fast-load';
import { createFagsystemSchema, dropFagsystemSchema } from './schema';

/** Table → rows, parents before children. */
export function fagsystemTables(data: FagsystemData): [FagsystemTable, readonly object[]][] {
  return [
    ['organisationsenhed', data.organisationsenheder],
    ['team', data.teams],
    ['sagsbehandler', data.sagsbehandlere],
    ['borger', data.borgere],
    ['borger_maalgruppe', data.borgerMaalgrupper],
    ['leverandoer', data.leverandoerer],
    ['sag', data.sager],
    ['afgoerelse', data.afgoerelser],
    ['indsats', data.indsatser],
    ['ydelse', data.ydelser],
    ['bestilling', data.bestillinger],
    ['funktionsevnevurdering', data.funktionsevnevurderinger],
    ['stoettebehov', data.stoettebehov],
    ['indsatsmaal', data.indsatsmaal],
    ['opfoelgning', data.opfoelgninger],
  ];
}

/**
 * Loads the fagsystem (PostgreSQL or PGlite): drops and recreates its schema, then inserts every row in
 * foreign-key order inside one transaction (see ../oekonomi/fast-load.ts), by the connector's own column
 * catalogue (connectors/fagsystem/columns.ts), so the simulator writes exactly the columns the gateway reads.
 */
export async function seedFagsystem(db: Knex, data: FagsystemData): Promise<Record<string, number>> {
  await dropFagsystemSchema(db);
  await createFagsystemSchema(db);
  const counts: Record<string, number> = {};
  const tables = fagsystemTables(data);
  await fastLoad(
    db,
    tables.map(([t]) => t),
    async (trx) => {
      for (const [table, rows] of tables) {
        await bulkInsert(trx, table, FAGSYSTEM_COLUMNS[table], rows);
        counts[table] = rows.length;
      }
    },
  );
  return counts;
}
