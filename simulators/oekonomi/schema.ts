import type { Knex } from 'knex';

/**
 * The simulated economy system's schema. Written with knex's schema builder only (no dialect SQL) so the
 * same DDL runs on SQL Server (the production engine of KMD Opus/Prisme-like ERPs), PostgreSQL and PGlite.
 * Table and column names follow simulators/model/oekonomi.ts one to one.
 */
export const OEKONOMI_TABLES = ['budget_korrektion', 'postering', 'kontrakt', 'budget', 'kreditor', 'konto'] as const;

export async function dropOekonomiSchema(db: Knex): Promise<void> {
  for (const t of OEKONOMI_TABLES) await db.schema.dropTableIfExists(t);
}

export function oekonomiSchemaBuilder(db: Knex): Knex.SchemaBuilder {
  return (
    db.schema
      .createTable('konto', (t) => {
        t.string('konto', 20).primary();
        t.string('tekst', 200).notNullable();
      })
      .createTable('kreditor', (t) => {
        t.string('kreditor_nr', 20).primary();
        t.string('navn', 200).notNullable();
        t.string('cvr', 8);
        t.string('ean', 13);
        t.string('adresse', 200).notNullable();
        t.string('postnummer', 4).notNullable();
        t.string('bynavn', 100).notNullable();
        t.index(['cvr']);
      })
      .createTable('kontrakt', (t) => {
        t.string('kontrakt_nr', 20).primary();
        t.string('kreditor_nr', 20).notNullable().references('kreditor_nr').inTable('kreditor');
        t.string('cpr', 10);
        t.string('konto', 20).notNullable().references('konto').inTable('konto');
        t.decimal('beloeb_pr_maaned', 14, 2).notNullable();
        t.date('gyldig_fra').notNullable();
        t.date('gyldig_til');
        t.string('sagsreference', 60);
        t.index(['cpr']);
        t.index(['kreditor_nr']);
      })
      .createTable('postering', (t) => {
        t.bigInteger('postering_id').primary();
        t.string('bilagsnr', 20).notNullable().unique();
        t.date('bilagsdato').notNullable();
        t.string('konto', 20).notNullable().references('konto').inTable('konto');
        t.string('art', 10).notNullable();
        t.string('kreditor_nr', 20).references('kreditor_nr').inTable('kreditor');
        t.decimal('beloeb', 14, 2).notNullable();
        t.date('periode_fra').notNullable();
        t.date('periode_til').notNullable();
        t.string('cpr', 10);
        t.string('tekst', 400).notNullable();
        t.string('integrations_id', 40);
        t.timestamp('registreret', { useTz: false }).notNullable();
        t.index(['cpr']);
        t.index(['konto', 'periode_fra']);
        t.index(['kreditor_nr']);
        t.index(['registreret']);
        t.index(['integrations_id']);
      })
      .createTable('budget', (t) => {
        t.string('konto', 20).notNullable().references('konto').inTable('konto');
        t.integer('aar').notNullable();
        t.decimal('beloeb', 16, 2).notNullable();
        t.primary(['konto', 'aar']);
      })
      // korrigeret budget = budget + corrections dated up to the day asked (tillægsbevillinger, omplaceringer)
      .createTable('budget_korrektion', (t) => {
        t.string('korrektion_nr', 20).primary();
        t.string('konto', 20).notNullable().references('konto').inTable('konto');
        t.integer('aar').notNullable();
        t.date('dato').notNullable();
        t.string('art', 20).notNullable();
        t.decimal('beloeb', 16, 2).notNullable();
        t.string('tekst', 200).notNullable();
        t.index(['konto', 'aar']);
      })
  );
}

export async function createOekonomiSchema(db: Knex): Promise<void> {
  await oekonomiSchemaBuilder(db);
}
