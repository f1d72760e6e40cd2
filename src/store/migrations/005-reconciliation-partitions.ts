import type { Knex } from 'knex';

/**
 * A partitioned reconciliation run (issue 13: "the job can be partitioned and picked up by any replica
 * through a real queue"). On a PostgreSQL store a full run is one parent row in `afstemning_koersel` and N
 * partitions of the ledger, each a job on pg-boss's queue that any replica may take. A partition is a run of
 * consecutive posting batches in the ledger's (registreret, postering_id) order: it starts after a keyset
 * position and takes `antal_batches` batches (null: to the end), so its batches are exactly the batches a
 * single full run would match. A partition marked OK is a checkpoint: a retried job finds it done and
 * goes on from there. `partitioner_i_alt` is null for a run done in one process (PGlite, incremental runs).
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('afstemning_koersel', (t) => {
    t.integer('partitioner_i_alt');
    t.integer('partitioner_faerdige').notNullable().defaultTo(0);
  });
  await db.schema.createTable('afstemning_partition', (t) => {
    t.integer('koersel_id').notNullable().references('koersel_id').inTable('afstemning_koersel').onDelete('CASCADE');
    t.integer('nr').notNullable();
    t.text('fra_registreret');
    t.bigInteger('fra_postering_id');
    t.integer('antal_batches');
    t.text('status').notNullable().defaultTo('VENTER');
    t.integer('antal_posteringer').notNullable().defaultTo(0);
    t.integer('antal_matchet').notNullable().defaultTo(0);
    t.integer('forsoeg').notNullable().defaultTo(0);
    t.timestamp('faerdig', { useTz: true });
    t.primary(['koersel_id', 'nr']);
  });
  await db.raw("alter table afstemning_partition add constraint afstemning_partition_status check (status in ('VENTER', 'OK'))");
}
