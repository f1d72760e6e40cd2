import type { Knex } from 'knex';

/**
 * The access log (logning af opslag): one row per citizen per request. The citizen-facing part (when, which
 * organisation, for what purpose, which operation) is in `adgangslog`; who the employee was is held
 * separately in `adgangslog_medarbejder`, referenced by an opaque key, so a citizen's insight request can be
 * answered without handing out employee identities and the two can be governed apart.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('adgangslog_medarbejder', (t) => {
    t.string('medarbejder_ref', 64).primary();
    t.string('bruger_id', 200).notNullable();
    t.string('roller', 200).notNullable();
    t.integer('team_id');
    t.integer('enhed_id');
  });
  await db.schema.createTable('adgangslog', (t) => {
    t.bigIncrements('adgangslog_id').primary();
    t.timestamp('tidspunkt', { useTz: true }).notNullable();
    t.string('cpr', 10).notNullable();
    t.string('organisation', 200).notNullable();
    t.string('rolle', 100).notNullable();
    t.string('formaal', 40).notNullable();
    t.string('operation', 200).notNullable();
    t.string('transaktions_id', 64).notNullable();
    t.string('medarbejder_ref', 64).notNullable().references('medarbejder_ref').inTable('adgangslog_medarbejder');
    t.index(['cpr', 'tidspunkt']);
    t.index(['transaktions_id']);
  });
}
