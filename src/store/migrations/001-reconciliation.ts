import type { Knex } from 'knex';

/**
 * Derived reconciliation results. Nothing here is a copy of a source: a posting is referenced by its ERP id
 * and bilagsnr, an indsats by its fagsystem id, and money is the matched amount in øre. No CPR is stored.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('afstemning_koersel', (t) => {
    t.increments('koersel_id').primary();
    t.string('type', 20).notNullable(); // FULD | INKREMENTEL
    t.timestamp('startet', { useTz: true }).notNullable();
    t.timestamp('afsluttet', { useTz: true });
    t.string('status', 20).notNullable(); // KOERER | OK | FEJL
    /** postings registered up to and including this ERP timestamp are reconciled */
    t.string('posteringer_til', 40);
    t.integer('antal_posteringer').notNullable().defaultTo(0);
    t.integer('antal_indsatser').notNullable().defaultTo(0);
    t.string('fejl', 400);
  });
  await db.schema.createTable('postering_match', (t) => {
    t.bigInteger('postering_id').primary();
    t.string('bilagsnr', 40).notNullable();
    /** null = explicitly unmatched (a first-class result) */
    t.integer('indsats_id');
    t.string('regel', 40).notNullable();
    t.decimal('confidence', 4, 3).notNullable();
    t.bigInteger('beloeb_oere').notNullable();
    t.date('periode_fra').notNullable();
    t.date('periode_til').notNullable();
    t.string('konto', 20).notNullable();
    t.string('kreditor_nr', 20);
    t.string('registreret', 40).notNullable();
    t.integer('koersel_id').notNullable();
    t.index(['indsats_id']);
    t.index(['bilagsnr']);
  });
}
