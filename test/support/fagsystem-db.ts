import type { Knex } from 'knex';
import { openDatabase } from '../../src/db/open';
import { createFagsystemSchema } from '../../simulators/fagsystem/schema';
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

/** Opens an empty fagsystem (schema created, no rows); seedFagsystem recreates the schema before loading. */
export async function openFagsystemTestDb(engine: FagsystemEngine): Promise<FagsystemTestDb> {
  if (engine === 'pglite') {
    const db = openDatabase({ kind: 'pglite' });
    await createFagsystemSchema(db);
    return { engine, db, dispose: () => db.destroy().catch(() => undefined) };
  }
  const temp = await createTempDatabase('fagsystem');
  const db = openDatabase({ kind: 'postgres', url: temp.url, poolMax: 4 });
  await createFagsystemSchema(db);
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
