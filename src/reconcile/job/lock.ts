import type { Knex } from 'knex';
import { ADVISORY_LOCKS } from '../../store/advisory-locks';

/**
 * One reconciliation at a time across replicas (ARCHITECTURE: "the reconciliation job takes a PostgreSQL
 * advisory lock so one replica runs it"). A session-level `pg_try_advisory_lock` never waits: a replica
 * that does not get it skips the run, it does not queue behind it. The lock must be released on the very
 * session that took it, so on a pooled PostgreSQL the job holds one dedicated connection for the lock;
 * PGlite has a single session shared by every query (knex-pglite's pool of one), so holding its
 * connection would stall all requests — there the lock is taken and released on that one session.
 */
export const RECONCILE_LOCK_KEY = ADVISORY_LOCKS.reconciliation;

export interface HeldLock {
  release(): Promise<void>;
}

function isSingleSession(db: Knex): boolean {
  return 'pglite' in (db.client as object);
}

/**
 * Session-level advisory locks are re-entrant within a session, so on PGlite's one session a second
 * `pg_try_advisory_lock` would succeed: one statement asks whether the lock is held already (on PGlite
 * every holder is this session; pg_locks shows no pid there) and takes it only if not — a statement on one
 * session is atomic, so two callers in this process cannot both win.
 */
const TAKE_UNLESS_HELD = `select case when exists (select 1 from pg_locks where locktype = 'advisory' and granted and classid = 0 and objid = ? and objsubid = 1)
  then false else pg_try_advisory_lock(?) end as ok`;

export async function tryAdvisoryLock(db: Knex, key: number = RECONCILE_LOCK_KEY): Promise<HeldLock | null> {
  if (isSingleSession(db)) {
    const got = await db.raw(TAKE_UNLESS_HELD, [key, key]);
    if (!rowsOf(got)[0]?.ok) return null;
    return {
      async release() {
        await db.raw('select pg_advisory_unlock(?)', [key]);
      },
    };
  }
  const conn = await db.client.acquireConnection();
  try {
    const got = await db.raw('select pg_try_advisory_lock(?) as ok', [key]).connection(conn);
    if (!rowsOf(got)[0]?.ok) {
      await db.client.releaseConnection(conn);
      return null;
    }
  } catch (e) {
    await db.client.releaseConnection(conn);
    throw e;
  }
  return {
    async release() {
      try {
        await db.raw('select pg_advisory_unlock(?)', [key]).connection(conn);
      } finally {
        await db.client.releaseConnection(conn);
      }
    },
  };
}

function rowsOf(r: unknown): Array<Record<string, unknown>> {
  return ((r as { rows?: Array<Record<string, unknown>> }).rows ?? []) as Array<Record<string, unknown>>;
}
