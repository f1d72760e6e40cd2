import type { Knex } from 'knex';

/**
 * The request a source call is made for. The context factory hands it to each connector's `forRequest`, so
 * the transaction id reaches every source the request reads: an `x-transaction-id` header to Tilbudsportalen
 * and Serviceplatformen, and an SQL comment on the fagsystem's and economy system's statements (sqlcommenter
 * style, visible in pg_stat_activity and the server's logs). Only the transaction id travels — never a CPR or
 * a token.
 *
 * Passed explicitly rather than through AsyncLocalStorage: on Node 20 an active AsyncLocalStorage switches on
 * promise hooks for every promise of the process, measured at 10–15 % of the gateway's CPU on the bench's
 * single-case and nested-page paths (README Performance).
 */
export interface CallContext {
  readonly transactionId: string;
}

export const TRANSACTION_ID_HEADER = 'x-transaction-id';

// the server only accepts well-formed ids (src/server/transaction-id), checked again because it ends up in SQL text
const SAFE = /^[A-Za-z0-9._-]{1,64}$/;

function safeId(call: CallContext | undefined): string | undefined {
  const id = call?.transactionId;
  return id && SAFE.test(id) ? id : undefined;
}

/** Headers carrying the transaction id, merged into `headers` (unchanged without a well-formed id). */
export function withTransactionHeaders(headers: Record<string, string>, call: CallContext | undefined): Record<string, string> {
  const id = safeId(call);
  return id ? { ...headers, [TRANSACTION_ID_HEADER]: id } : headers;
}

/** Tags a statement with the transaction id as an SQL comment, once; raw statements are left as they are. */
export function withTransactionComment<Q extends Knex.QueryBuilder | Knex.Raw>(query: Q, call: CallContext | undefined): Q {
  const id = safeId(call);
  const builder = query as unknown as { comment?: (text: string) => unknown; _comments?: Array<{ comment: string }> };
  if (!id || typeof builder.comment !== 'function') return query;
  const text = `transaction_id='${id}'`;
  if (!builder._comments?.some((c) => c.comment === text)) builder.comment(text);
  return query;
}
