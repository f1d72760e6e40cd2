import type { Knex } from 'knex';
import type { HeldLock } from './lock';

/**
 * A run owns its writes by a fencing token (issue 13 point 1): its koersel_id, recorded as the store's
 * holder in `afstemning_indehaver` when the run takes over (migration 003). Every write transaction of
 * the run starts by reading the holder FOR SHARE and writes only if it is still this run; a later run's
 * take-over (an UPDATE of that row) waits for write transactions in flight and, once committed, makes
 * every later write of the old run fail. So a run whose lock was lost can never delete or overwrite what
 * the next run wrote, whether or not it has noticed yet.
 *
 * The run also notices: the lock's session ending, or its heartbeat failing or seeing another holder,
 * aborts it (`signal`), and the heartbeat renews the run's lease, so a run that died stops looking
 * "running" once its lease is over (read/koersler.ts).
 */
export class LostLockError extends Error {
  constructor(reason: string) {
    super(`the run lost the store: ${reason}`);
    this.name = 'LostLockError';
  }
}

/** The run was asked to stop (the gateway shuts down): it stops at the next write, everything written stands. */
export class RunStoppedError extends Error {
  constructor(reason: string) {
    super(`the run was stopped: ${reason}`);
    this.name = 'RunStoppedError';
  }
}

export interface LeaseOptions {
  /** how long a run counts as alive without a heartbeat (default 60 s) */
  ttlMs?: number;
  /** how often the heartbeat renews the lease and checks the lock (default ttl / 4) */
  heartbeatMs?: number;
}

export interface RunFence {
  readonly koerselId: number;
  /** aborted (with a LostLockError, or a RunStoppedError after `stop`) when the run must not go on */
  readonly signal: AbortSignal;
  /** stops the run before its next write (a shutdown); its committed batches stand */
  stop(reason: string): void;
  /** one write transaction, refused unless this run still holds the store */
  write<T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T>;
  /** throws why the run must not go on, if it must not */
  throwIfLost(): void;
  /** stops the heartbeat */
  close(): void;
}

interface FenceOptions {
  db: Knex;
  lock: HeldLock;
  koerselId: number;
  lease?: LeaseOptions;
  log?: { warn(obj: object, msg: string): void };
}

const seconds = (ms: number) => ms / 1000;

/**
 * Makes run `koerselId` the store's holder and the other runs still marked running failed (this process
 * holds the lock, so they are dead or fenced). Refuses if a later run holds it already: tokens only grow.
 */
export async function takeOver(o: FenceOptions): Promise<RunFence> {
  await claimStore(o.db, o.koerselId);
  return fenceOf({ ...o, onLost: (l) => o.lock.onLost(l), query: (sql, b) => o.lock.query(sql, b) });
}

/**
 * The holder's row update of `takeOver`, without a lock: a queued run (queue/) takes the store when it is
 * begun, under the advisory lock its starter holds for that moment only.
 */
export async function claimStore(db: Knex, koerselId: number): Promise<void> {
  await db.transaction(async (trx) => {
    const n = await trx('afstemning_indehaver').where('id', 1).where('koersel_id', '<', koerselId).update({ koersel_id: koerselId, overtaget: trx.fn.now() });
    if (!n) throw new LostLockError('a later run holds the store');
    await trx('afstemning_koersel')
      .where({ status: 'KOERER' })
      .whereNot({ koersel_id: koerselId })
      .update({ status: 'FEJL', afsluttet: trx.fn.now(), fejl: 'stopped before finishing: another run took over the store (this run lost its lock or died)' });
  });
}

/**
 * A fence for one job of a queued run (a partition, its start or its end) on any replica: the same
 * holder check on every write, and a heartbeat on the pool that renews the run's lease while the job
 * works and aborts it once another run holds the store. No lock: the queue gives the job to one worker,
 * and the holder row is what keeps a run that lost the store from writing.
 */
export async function joinRun(o: { db: Knex; koerselId: number; lease?: LeaseOptions; log?: { warn(obj: object, msg: string): void } }): Promise<RunFence> {
  const fence = await fenceOf({
    ...o,
    onLost: () => undefined,
    query: async (sql, b) => ((await o.db.raw(sql, b as Knex.RawBinding[])) as { rows: Array<Record<string, unknown>> }).rows,
  });
  return fence;
}

interface FenceParts {
  db: Knex;
  koerselId: number;
  lease?: LeaseOptions;
  log?: { warn(obj: object, msg: string): void };
  onLost(listener: (reason: string) => void): void;
  query(sql: string, bindings: readonly unknown[]): Promise<Array<Record<string, unknown>>>;
}

async function fenceOf(o: FenceParts): Promise<RunFence> {
  const ttlMs = o.lease?.ttlMs ?? 60_000;
  const controller = new AbortController();
  const lose = (reason: string) => {
    if (controller.signal.aborted) return;
    o.log?.warn({ koerselId: o.koerselId, reason }, 'reconciliation run lost the store; aborting');
    controller.abort(new LostLockError(reason));
  };
  o.onLost(lose);

  let beating = false;
  const heartbeat = async () => {
    if (beating || controller.signal.aborted) return;
    beating = true;
    try {
      // on the lock's own session: it fails when that session is gone
      const rows = await o.query(
        `update afstemning_koersel set lease_til = now() + make_interval(secs => ?) where koersel_id = ? and status = 'KOERER'
           and exists (select 1 from afstemning_indehaver where id = 1 and koersel_id = ?) returning koersel_id`,
        [seconds(ttlMs), o.koerselId, o.koerselId],
      );
      if (!rows.length) lose('another run took over the store');
    } catch {
      lose('the heartbeat on the lock connection failed');
    } finally {
      beating = false;
    }
  };
  await heartbeat();
  const timer = setInterval(() => void heartbeat(), o.lease?.heartbeatMs ?? Math.max(50, Math.floor(ttlMs / 4)));
  timer.unref();

  let wrote = false;
  const throwIfLost = () => {
    if (controller.signal.aborted) throw controller.signal.reason as Error;
  };
  return {
    koerselId: o.koerselId,
    signal: controller.signal,
    throwIfLost,
    async write(fn) {
      throwIfLost();
      const result = await o.db.transaction(async (trx) => {
        const holder = await trx('afstemning_indehaver').where('id', 1).forShare().first('koersel_id');
        if (Number(holder?.koersel_id) !== o.koerselId) {
          lose('another run took over the store');
          throwIfLost();
        }
        // the first committed write marks the run: if it then fails, the next run must be a full one
        if (!wrote) await trx('afstemning_koersel').where({ koersel_id: o.koerselId }).update({ skrevet: true });
        return fn(trx);
      });
      wrote = true;
      return result;
    },
    stop(reason) {
      if (!controller.signal.aborted) controller.abort(new RunStoppedError(reason));
    },
    close() {
      clearInterval(timer);
    },
  };
}
