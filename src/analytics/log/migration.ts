import type { Knex } from 'knex';

/**
 * The access log of aggregate questions: ONE row per question (not per citizen — the answer holds groups,
 * never a citizen), with who asked (the access log's employee key), the purpose, the operation, the subject
 * and how many citizens the answer covered. Kept apart from `adgangslog`, whose rows are per citizen and
 * answer a citizen's insight request; an aggregate names no citizen to list there.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('analyse_adgangslog', (t) => {
    t.bigIncrements('analyse_adgangslog_id').primary();
    t.timestamp('tidspunkt', { useTz: true }).notNullable();
    t.string('organisation', 200).notNullable();
    t.string('rolle', 100).notNullable();
    t.string('formaal', 40);
    t.string('operation', 200).notNullable();
    t.string('transaktions_id', 64).notNullable();
    t.string('medarbejder_ref', 64).notNullable().references('medarbejder_ref').inTable('adgangslog_medarbejder');
    /** the subject or named question, e.g. INDSATS, budgetopfoelgning, export:posteringer */
    t.string('emne', 60).notNullable();
    t.string('kilde', 20).notNullable();
    t.integer('antal_grupper').notNullable();
    /** distinct citizens the answer covers (null when not counted) */
    t.integer('antal_borgere');
    t.integer('antal_undertrykte').notNullable().defaultTo(0);
    t.index(['tidspunkt']);
    t.index(['transaktions_id']);
  });
}
