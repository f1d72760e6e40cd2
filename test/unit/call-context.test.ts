import { describe, it, expect } from 'vitest';
import knex from 'knex';
import { runWithCallContext, withTransactionComment, withTransactionHeader } from '../../connectors/shared/call-context';
import { collapseSourceErrors } from '../../src/graphql/collapse-source-errors';

/** The transaction id travels to SQL sources as a comment and to HTTP sources as a header; only a well-formed id. */
const pgCompiler = knex({ client: 'pg' });

describe('transaction id to the sources', () => {
  it('prefixes a statement with the transaction id as an SQL comment, once', () => {
    const sql = runWithCallContext({ transactionId: 'abc-123_x.y' }, () => {
      const q = withTransactionComment(pgCompiler('sag').select('sag_id'));
      withTransactionComment(q); // a retry does not add it twice
      return q.toSQL().sql;
    });
    expect(sql).toBe(`/* transaction_id='abc-123_x.y' */ select "sag_id" from "sag"`);
  });

  it('leaves statements alone outside a request, and refuses an id that could break out of the comment', () => {
    expect(withTransactionComment(pgCompiler('sag').select('sag_id')).toSQL().sql).toBe('select "sag_id" from "sag"');
    const sql = runWithCallContext({ transactionId: 'x*/ drop table sag; --' }, () => withTransactionComment(pgCompiler('sag').select('sag_id')).toSQL().sql);
    expect(sql).toBe('select "sag_id" from "sag"');
  });

  it('adds the x-transaction-id header to HTTP calls', async () => {
    let seen: Record<string, string> | undefined;
    const f = withTransactionHeader(async (_url: string, init: { headers?: Record<string, string> }) => {
      seen = init.headers;
      return new Response('ok');
    });
    await runWithCallContext({ transactionId: 'tx-00000001' }, () => f('http://x', { headers: { accept: 'application/json' } }));
    expect(seen).toEqual({ accept: 'application/json', 'x-transaction-id': 'tx-00000001' });
  });
});

describe('one error per failing source', () => {
  it('folds a source’s errors into one with the count and paths, keeping other errors', () => {
    const e = (path: (string | number)[], source?: string) => ({
      message: 'm',
      path,
      extensions: source ? { code: 'SOURCE_UNAVAILABLE', source } : { code: 'BAD_USER_INPUT' },
    });
    const out = collapseSourceErrors([
      e(['a', 0, 'takst'], 'tilbudsportalen'),
      e(['x']),
      e(['a', 1, 'takst'], 'tilbudsportalen'),
      e(['tilbud'], 'tilbudsportalen'),
      e(['b'], 'serviceplatformen'),
    ]);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({
      path: ['tilbud'],
      extensions: { source: 'tilbudsportalen', antal: 3, paths: [['a', 0, 'takst'], ['a', 1, 'takst'], ['tilbud']] },
    });
    expect(out[1]).toMatchObject({ path: ['x'] });
    expect(out[2]).toMatchObject({ path: ['b'], extensions: { source: 'serviceplatformen' } });
    expect(out[2]!.extensions).not.toHaveProperty('antal');
  });
});
