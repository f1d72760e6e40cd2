import type { EventEmitter } from 'node:events';
import type { Knex } from 'knex';
import { ADVISORY_LOCKS } from '../../store/advisory-locks';

/**
 * One reconciliation at a time across replicas (ARCHITECTURE: "the reconciliation job takes a PostgreSQL
 * advisory lock so one replica runs it"). A session-level `pg_try_advisory_lock` never waits: a replica
 * that does not get it skips the run, it does not queue behind it. The lock must be released on the very
 * session that took it, so on a pooled PostgreSQL the job holds one dedicated connection for the lock;
 * PGlite has a single session shared by every query (knex-pglite's pool of one), so holding its
 * connection would stall all requests — there the lock is taken and released on that one session.
 *
 * The lock is lost when its session ends (a dropped connection, pg_terminate_backend): PostgreSQL then
 * releases it while this process may still be running. `onLost` tells; the run's fence (fence.ts) is what
 * keeps a run that has not noticed yet from writing.
 */
export const RECONCILE_LOCK_KEY = ADVISORY_LOCKS.reconciliation;

export interface HeldLock {
  /** a statement on the lock's own session (the heartbeat: it fails when that session is gone) */
  query(sql: string, bindings: readonly unknown[]): Promise<Array<Record<string, unknown>>>;
  /** called once if the lock's session ends before release */
  onLost(listener: (reason: string) => void): void;
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
      query: async (sql, bindings) => rowsOf(await db.raw(sql, bindings as Knex.RawBinding[])),
      // the one session is the process's own: it cannot drop without the process noticing
      onLost: () => undefined,
      async release() {
        await db.raw('select pg_advisory_unlock(?)', [key]);
      },
    };
  }
  const conn = (await db.client.acquireConnection()) as EventEmitter;
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
  let released = false;
  let lost: string | null = null;
  const listeners: Array<(reason: string) => void> = [];
  const lose = (reason: string) => {
    if (released || lost) return;
    lost = reason;
    for (const l of listeners) l(reason);
  };
  // node-postgres emits 'error' when the server ends the session (57P01 after pg_terminate_backend) and 'end' when the socket closes
  const onError = () => lose('the connection holding the reconciliation lock dropped');
  const onEnd = () => lose('the connection holding the reconciliation lock closed');
  conn.on('error', onError);
  conn.on('end', onEnd);
  return {
    query: async (sql, bindings) => rowsOf(await db.raw(sql, bindings as Knex.RawBinding[]).connection(conn)),
    onLost(listener) {
      if (lost) listener(lost);
      else listeners.push(listener);
    },
    async release() {
      released = true;
      conn.off('error', onError);
      conn.off('end', onEnd);
      try {
        // a lost session has released the lock already; its connection is discarded by the pool
        if (!lost) await db.raw('select pg_advisory_unlock(?)', [key]).connection(conn);
      } finally {
        await db.client.releaseConnection(conn);
      }
    },
  };
}

function rowsOf(r: unknown): Array<Record<string, unknown>> {
  return ((r as { rows?: Array<Record<string, unknown>> }).rows ?? []) as Array<Record<string, unknown>>;
}
