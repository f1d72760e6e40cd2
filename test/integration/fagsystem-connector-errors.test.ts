import { createServer } from 'node:net';
import knex from 'knex';
import { describe, expect, it, vi } from 'vitest';
import { createFagsystemConnector } from '../../connectors/fagsystem';
import { createOekonomiConnector } from '../../connectors/oekonomi';
import { SourceError } from '../../connectors/shared/source-error';
import { UNRESTRICTED_SCOPE } from '../../src/access/scope';
import { openDatabase } from '../../src/db/open';
import { openFagsystemTestDb } from '../support/fagsystem-db';
import { POSTGRES_ADMIN_URL } from '../support/postgres';

/**
 * "Source down" must never look like "no data": a fagsystem that cannot be reached fails every call with a
 * SourceError naming the fagsystem, and no message carries SQL, a value or a CPR.
 */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function expectSafe(e: unknown, code: SourceError['code']): void {
  expect(e).toBeInstanceOf(SourceError);
  const err = e as SourceError;
  expect(err.source).toBe('fagsystem');
  expect(err.code).toBe(code);
  expect(err.message).not.toMatch(/select|from|where|"sag"|\$\d|\d{10}/i);
  // the operator keeps the driver's codes, not its message (which knex prefixes with the SQL)
  expect(JSON.stringify(err.cause ?? null)).not.toMatch(/select/i);
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

describe('fagsystem connector when the database is unreachable', () => {
  it('PostgreSQL on a closed port: SOURCE_UNAVAILABLE from ping, loaders, lists, counts and job reads', async () => {
    const port = await closedPort();
    const db = openDatabase({ kind: 'postgres', url: `postgres://postgres@127.0.0.1:${port}/test`, poolMax: 1 });
    const connector = createFagsystemConnector({ db });
    try {
      const req = connector.forRequest(UNRESTRICTED_SCOPE);
      expectSafe(await failure(connector.ping()), 'SOURCE_UNAVAILABLE');
      expectSafe(await failure(req.sag.load(1)), 'SOURCE_UNAVAILABLE');
      expectSafe(await failure(req.borgerByCpr.load('0101901234')), 'SOURCE_UNAVAILABLE');
      expectSafe(
        await failure(
          req.listSager({ filter: { kommuner: ['846'] }, order: { field: 'SAG_AABNET', direction: 'ASC' }, page: { first: 10, after: undefined } }),
        ),
        'SOURCE_UNAVAILABLE',
      );
      expectSafe(await failure(req.countIndsatser({ paragraffer: ['SEL85'] })), 'SOURCE_UNAVAILABLE');
      const it = connector.job.indsatserForMatching()[Symbol.asyncIterator]();
      expectSafe(await failure(it.next()), 'SOURCE_UNAVAILABLE');
    } finally {
      await connector.close();
    }
  });

  it('credentials the server rejects (a role it does not know): SOURCE_AUTH_FAILED, as the economy connector says', async () => {
    // the local server trusts every known role, so a wrong password cannot be shown here; an unknown role is
    // the same SQLSTATE class 28 (invalid authorization) that a wrong password raises (28P01)
    const role = `no_such_role_${process.pid}`;
    for (const make of [createFagsystemConnector, createOekonomiConnector]) {
      const url = new URL(POSTGRES_ADMIN_URL);
      url.username = role;
      url.password = 'wrong';
      const db = openDatabase({ kind: 'postgres', url: url.toString(), poolMax: 1 });
      const connector = make({ db });
      try {
        const e = await failure(connector.ping());
        expect(e).toBeInstanceOf(SourceError);
        expect((e as SourceError).code).toBe('SOURCE_AUTH_FAILED');
        expect((e as SourceError).cause).toEqual({ driverCode: '28000' });
        expect((e as SourceError).message).not.toContain(role);
      } finally {
        await connector.close();
      }
    }
  });

  it('an embedded database that was closed: SOURCE_UNAVAILABLE', async () => {
    const t = await openFagsystemTestDb('pglite');
    const connector = createFagsystemConnector({ db: t.db });
    await connector.ping();
    await connector.close();
    expectSafe(await failure(connector.ping()), 'SOURCE_UNAVAILABLE');
    expectSafe(await failure(connector.forRequest(UNRESTRICTED_SCOPE).indsats.load(1)), 'SOURCE_UNAVAILABLE');
    await t.dispose();
  });

  it('a query the database rejects (schema missing): SOURCE_QUERY_FAILED, message without SQL', async () => {
    const db = openDatabase({ kind: 'pglite' });
    const connector = createFagsystemConnector({ db });
    try {
      const e = await failure(connector.forRequest({ teamIds: [1], enhedIds: null }).borgerByCpr.load('010190-1234'));
      expectSafe(e, 'SOURCE_QUERY_FAILED');
      expect((e as SourceError).retryable).toBe(false);
      expect((e as SourceError).cause).toMatchObject({ driverCode: '42P01' });
    } finally {
      await connector.close();
    }
  });

  it('a statement over its time limit (PostgreSQL, table locked by another session): SOURCE_TIMEOUT, cancelled in the server', async () => {
    const pg = await openFagsystemTestDb('postgres');
    const blocker = openDatabase({ kind: 'postgres', url: pg.url!, poolMax: 1 });
    const connector = createFagsystemConnector({ db: pg.db, queryTimeoutMs: 300 });
    try {
      await blocker.transaction(async (trx) => {
        await trx.raw('LOCK TABLE sag IN ACCESS EXCLUSIVE MODE');
        const e = await failure(connector.forRequest({ teamIds: [1], enhedIds: null }).sag.load(1));
        expectSafe(e, 'SOURCE_TIMEOUT');
        expect((e as SourceError).retryable).toBe(true);
        // the cancelled statement no longer waits on the lock: the server's cancel can land a moment after the
        // client saw the error, so wait for it (bounded) — a statement never cancelled would wait here for ever
        const waitingOnLock = async () =>
          (await trx.raw("select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")).rows[0]
            .n as number;
        await vi.waitFor(async () => expect(await waitingOnLock()).toBe(0), { timeout: 30_000, interval: 50 });
      });
    } finally {
      await blocker.destroy();
      await connector.close();
      await pg.dispose();
    }
  });

  it('bad options stop creation with one clear error', () => {
    expect(() => createFagsystemConnector({ db: undefined as never })).toThrow(TypeError);
    expect(() => createFagsystemConnector({ db: knex({ client: 'pg' }), queryTimeoutMs: -1 })).toThrow(RangeError);
  });
});
