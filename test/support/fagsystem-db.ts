import type { Knex } from 'knex';
import { openDatabase } from '../../src/db/open';
import { createFagsystemSchema } from '../../simulators/fagsystem/schema';
import type { FagsystemData } from '../../simulators/model/fagsystem';
import { createTempDatabase } from './postgres';

/** A fagsystem database for connector tests: embedded PGlite, or a throw-away database on the real server. */
export type FagsystemEngine = 'pglite' | 'postgres';

export interface FagsystemTestDb {
  engine: FagsystemEngine;
  db: Knex;
  /** the throw-away database's URL (postgres only) */
  url?: string;
  /** destroys the knex (if still open) and drops the throw-away database */
  dispose(): Promise<void>;
}

/**
 * simulators/fagsystem/schema.ts keeps one `db.schema` builder and awaits it once per table, so each await
 * re-runs every earlier CREATE TABLE ("relation already exists"). Until that lands fixed, hand it a knex
 * whose `schema` is a fresh builder per call — the DDL itself is used unchanged.
 */
async function createSchema(db: Knex): Promise<void> {
  const freshPerCall = { get schema() { return { createTable: (name: string, cb: (t: Knex.CreateTableBuilder) => void) => db.schema.createTable(name, cb) }; } };
  await createFagsystemSchema(freshPerCall as unknown as Knex);
}

export async function openFagsystemTestDb(engine: FagsystemEngine): Promise<FagsystemTestDb> {
  if (engine === 'pglite') {
    const db = openDatabase({ kind: 'pglite' });
    await createSchema(db);
    return { engine, db, dispose: () => db.destroy().catch(() => undefined) };
  }
  const temp = await createTempDatabase('fagsystem');
  const db = openDatabase({ kind: 'postgres', url: temp.url, poolMax: 4 });
  await createSchema(db);
  return {
    engine,
    db,
    url: temp.url,
    async dispose() {
      await db.destroy().catch(() => undefined);
      await temp.drop();
    },
  };
}

/** Parents before children (the FK order of simulators/fagsystem/schema.ts). */
const INSERT_ORDER: Array<[string, keyof FagsystemData]> = [
  ['organisationsenhed', 'organisationsenheder'], ['team', 'teams'], ['sagsbehandler', 'sagsbehandlere'], ['borger', 'borgere'],
  ['borger_maalgruppe', 'borgerMaalgrupper'], ['leverandoer', 'leverandoerer'], ['sag', 'sager'], ['afgoerelse', 'afgoerelser'],
  ['indsats', 'indsatser'], ['ydelse', 'ydelser'], ['bestilling', 'bestillinger'], ['funktionsevnevurdering', 'funktionsevnevurderinger'],
  ['stoettebehov', 'stoettebehov'], ['indsatsmaal', 'indsatsmaal'], ['opfoelgning', 'opfoelgninger'],
];

/** Inserts hand-written fixture rows (the generator's own seeder is used for generated municipalities). */
export async function insertFagsystemRows(db: Knex, data: FagsystemData): Promise<void> {
  for (const [table, key] of INSERT_ORDER) {
    const rows = data[key] as unknown as Record<string, unknown>[];
    if (rows.length) await db.batchInsert(table, rows, 500);
  }
}
