import type { Knex } from 'knex';

/**
 * Fencing for the reconciliation job (issue 13 point 1). The advisory lock alone is not enough: when the
 * connection holding it drops, PostgreSQL releases it while the run goes on writing through its other
 * connections, and a second replica starts. So the store records which run holds it — `afstemning_indehaver`,
 * one row, the holder's koersel_id (a serial, so the token only grows) — and every write transaction of a
 * run first reads that row FOR SHARE and refuses to write unless it is still the holder. A new holder's
 * UPDATE of the row waits for the old holder's write transactions in flight, so after the take-over no old
 * write can commit.
 *
 * `lease_til` is renewed by the running run's heartbeat: a row still KOERER after its lease is a run that
 * died (a killed process, a lost lock) and is reported as failed. `skrevet` says a run committed writes:
 * after such a run failed, the next run is a full one (an incremental run cannot know what it left half done).
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('afstemning_indehaver', (t) => {
    t.smallint('id').primary();
    t.integer('koersel_id').notNullable().defaultTo(0);
    t.timestamp('overtaget', { useTz: true });
  });
  await db.raw('alter table afstemning_indehaver add constraint afstemning_indehaver_en_raekke check (id = 1)');
  await db('afstemning_indehaver').insert({ id: 1, koersel_id: 0 });
  await db.schema.alterTable('afstemning_koersel', (t) => {
    t.timestamp('lease_til', { useTz: true });
    t.boolean('skrevet').notNullable().defaultTo(false);
  });
}
