import { AsyncLocalStorage } from 'node:async_hooks';
import type { Knex } from 'knex';

/**
 * The request a source call is made for, carried implicitly (AsyncLocalStorage) from the HTTP request into
 * every connector, so the transaction id reaches each source without threading it through every loader:
 * an `x-transaction-id` header to Tilbudsportalen and Serviceplatformen, and an SQL comment on the
 * fagsystem's and economy system's statements (sqlcommenter style, visible in pg_stat_activity and the
 * server's logs). Only the transaction id and the operation name travel — never a CPR or a token.
 */
export interface CallContext {
  transactionId: string;
  /** the GraphQL operation, once the guards have read it */
  readonly operationName?: string;
}

const storage = new AsyncLocalStorage<CallContext>();

export function runWithCallContext<T>(ctx: CallContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function currentCallContext(): CallContext | undefined {
  return storage.getStore();
}

export const TRANSACTION_ID_HEADER = 'x-transaction-id';

// the server only accepts well-formed ids (src/server/transaction-id), checked again because it ends up in SQL text
const SAFE = /^[A-Za-z0-9._-]{1,64}$/;

/** A fetch that adds the current transaction id as a header. */
export function withTransactionHeader<F extends (url: string, init: any) => Promise<Response>>(fetchImpl: F): F {
  return (async (url: string, init: { headers?: Record<string, string> } = {}) => {
    const id = currentCallContext()?.transactionId;
    if (!id || !SAFE.test(id)) return fetchImpl(url, init);
    return fetchImpl(url, { ...init, headers: { ...(init.headers ?? {}), [TRANSACTION_ID_HEADER]: id } });
  }) as F;
}

/** Tags a statement with the transaction id as an SQL comment; raw statements are left as they are. */
export function withTransactionComment<Q extends Knex.QueryBuilder | Knex.Raw>(query: Q): Q {
  const id = currentCallContext()?.transactionId;
  const builder = query as unknown as { comment?: (text: string) => unknown; _comments?: Array<{ comment: string }> };
  if (!id || !SAFE.test(id) || typeof builder.comment !== 'function') return query;
  const text = `transaction_id='${id}'`;
  if (!builder._comments?.some((c) => c.comment === text)) builder.comment(text);
  return query;
}
