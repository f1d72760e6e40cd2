import type { Knex } from 'knex';

/**
 * Every PostgreSQL advisory lock the gateway takes on its store, in one table, so two uses can never pick
 * the same key by accident. The numbers are arbitrary but fixed: replicas of different versions must agree.
 */
export const ADVISORY_LOCKS = {
  /** schema migrations at start (transaction-level: other replicas wait) */
  migration: 7_310_001,
  /** one reconciliation run at a time across replicas (session-level: the loser skips) */
  reconciliation: 7_310_002,
  /** one manual decision per posting at a time (transaction-level, second key = posting id) */
  manualDecision: 7_310_003,
} as const;

/**
 * Whether any session holds the lock right now. Advisory locks belong to a database, but pg_locks lists
 * the whole server's: only this store's database counts.
 */
export async function isAdvisoryLockHeld(db: Knex, key: number): Promise<boolean> {
  const r = await db.raw(
    `select count(*)::int as n from pg_locks where locktype = 'advisory' and granted and objid = ? and classid = 0
       and database = (select oid from pg_database where datname = current_database())`,
    [key],
  );
  const rows = (r as { rows?: Array<Record<string, unknown>> }).rows ?? [];
  return Number(rows[0]?.n ?? 0) > 0;
}
