import type { Knex } from 'knex';

/**
 * The evidence of each posting's match (issue 11): per candidate the level of agreement of every field
 * with its weight, the amount deviation, and the score of "belongs to no indsats" — compact JSON written
 * by the reconciliation job (src/reconcile/rules/linkage/evidence-codec.ts), expanded by the API. Derived data.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('postering_match', (t) => {
    t.jsonb('evidens');
  });
}
