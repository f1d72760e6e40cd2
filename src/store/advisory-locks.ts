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
