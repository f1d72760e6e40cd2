import type { Knex } from 'knex';

/**
 * Manual decisions by economy staff on payment matches: the gateway's own data (not derived), so a full
 * re-run of the reconciliation never touches these tables. The history is append-only (every decision
 * with who, when and why); `manuel_beslutning` is the current state per posting, folded from the history
 * in the same transaction, and what every run applies before its rules.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('manuel_beslutning_historik', (t) => {
    t.bigIncrements('beslutning_id').primary();
    t.bigInteger('postering_id').notNullable();
    t.string('bilagsnr', 40).notNullable();
    t.string('handling', 12).notNullable(); // BEKRAEFT | AFVIS | TILDEL
    t.integer('indsats_id');
    /** the match the posting had when the decision was made (null = unmatched) */
    t.integer('tidligere_indsats_id');
    t.string('tidligere_regel', 40);
    t.string('begrundelse', 1000).notNullable();
    t.string('aktoer', 200).notNullable();
    t.timestamp('tidspunkt', { useTz: true }).notNullable();
    t.index(['postering_id']);
  });
  await db.schema.createTable('manuel_beslutning', (t) => {
    t.bigInteger('postering_id').primary();
    t.string('bilagsnr', 40).notNullable();
    /** BEKRAEFT/TILDEL: the posting belongs to this indsats, whatever the rules say */
    t.integer('tildelt_indsats_id');
    /** AFVIS: indsatser the posting must not be matched to */
    t.specificType('afviste_indsatser', 'integer[]').notNullable().defaultTo('{}');
    t.bigInteger('seneste_beslutning_id').notNullable();
    /** AKTIV | POSTERING_FORSVUNDET | INDSATS_FORSVUNDET: a decision is never dropped, only reported */
    t.string('status', 24).notNullable();
    t.timestamp('status_tidspunkt', { useTz: true }).notNullable();
  });
}
