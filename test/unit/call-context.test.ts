import { describe, it, expect } from 'vitest';
import knex from 'knex';
import { withTransactionComment, withTransactionHeaders } from '../../connectors/shared/call-context';
import { collapseSourceErrors } from '../../src/graphql/collapse-source-errors';

/** The transaction id travels to SQL sources as a comment and to HTTP sources as a header; only a well-formed id. */
const pgCompiler = knex({ client: 'pg' });

describe('transaction id to the sources', () => {
  it('prefixes a statement with the transaction id as an SQL comment, once', () => {
    const call = { transactionId: 'abc-123_x.y' };
    const q = withTransactionComment(pgCompiler('sag').select('sag_id'), call);
    withTransactionComment(q, call); // a retry does not add it twice
    expect(q.toSQL().sql).toBe(`/* transaction_id='abc-123_x.y' */ select "sag_id" from "sag"`);
  });

  it('leaves statements alone outside a request, and refuses an id that could break out of the comment', () => {
    expect(withTransactionComment(pgCompiler('sag').select('sag_id'), undefined).toSQL().sql).toBe('select "sag_id" from "sag"');
    const sql = withTransactionComment(pgCompiler('sag').select('sag_id'), { transactionId: 'x*/ drop table sag; --' }).toSQL().sql;
    expect(sql).toBe('select "sag_id" from "sag"');
  });

  it('adds the x-transaction-id header to HTTP calls, only for a well-formed id', () => {
    expect(withTransactionHeaders({ accept: 'application/json' }, { transactionId: 'tx-00000001' })).toEqual({
      accept: 'application/json',
      'x-transaction-id': 'tx-00000001',
    });
    expect(withTransactionHeaders({ accept: 'application/json' }, { transactionId: 'a\r\nb' })).toEqual({ accept: 'application/json' });
    expect(withTransactionHeaders({ accept: 'application/json' }, undefined)).toEqual({ accept: 'application/json' });
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
