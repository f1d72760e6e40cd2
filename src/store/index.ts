import type { Knex } from 'knex';
import { openDatabase, type DatabaseTarget } from '../db/open';
import { ACCESS_LOG_MIGRATIONS } from '../access/access-log/migrations';
import { ANALYSE_MIGRATIONS } from '../analytics/log/migrations';
import { SourceError, classifyTransportError } from '../../connectors/shared/source-error';
import { MIGRATIONS } from './migrations';
import { migrateStore } from './migrate';

/** The gateway's own PostgreSQL schema: embedded PGlite by default, a real server when GATEWAY_STORE_URL is set. */
export interface GatewayStore {
  db: Knex;
  close(): Promise<void>;
}

export async function openStore(target: DatabaseTarget): Promise<GatewayStore> {
  const db = openDatabase(target);
  try {
    await migrateStore(db, [...MIGRATIONS, ...ACCESS_LOG_MIGRATIONS, ...ANALYSE_MIGRATIONS]);
  } catch (e) {
    await db.destroy().catch(() => undefined);
    throw new SourceError({ source: 'gateway-store', code: classifyTransportError(e) ?? 'SOURCE_QUERY_FAILED', cause: e });
  }
  return { db, close: () => db.destroy() };
}
