import type { Knex } from 'knex';
import { ADVISORY_LOCKS } from './advisory-locks';

/**
 * The gateway's own schema (reconciliation results, manual decisions, access log) evolves by ordered,
 * named migrations applied once each, inside a transaction, recorded in gw_migration. Several replicas may
 * start at once: a PostgreSQL advisory lock makes one apply while the others wait.
 */
export interface Migration {
  name: string;
  up(db: Knex): Promise<void>;
}

export async function migrateStore(db: Knex, migrations: readonly Migration[]): Promise<string[]> {
  const applied: string[] = [];
  await db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [ADVISORY_LOCKS.migration]);
    if (!(await trx.schema.hasTable('gw_migration'))) {
      await trx.schema.createTable('gw_migration', (t) => {
        t.string('name', 200).primary();
        t.timestamp('applied_at', { useTz: true }).notNullable().defaultTo(trx.fn.now());
      });
    }
    const done = new Set((await trx('gw_migration').select('name')).map((r: { name: string }) => r.name));
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      await m.up(trx);
      await trx('gw_migration').insert({ name: m.name });
      applied.push(m.name);
    }
  });
  return applied;
}
