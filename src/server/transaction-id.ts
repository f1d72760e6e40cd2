import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Every request carries a transaction id (KOMBIT convention): taken from the caller's `x-transaction-id`
 * header when it is well-formed, else generated. It is fastify's request id, so every log line carries it,
 * it goes back in the response header, and the access log records it — the one way to find a request
 * without ever logging a CPR number.
 */
export const TRANSACTION_HEADER = 'x-transaction-id';
const WELL_FORMED = /^[A-Za-z0-9._-]{8,64}$/;

export function transactionIdOf(req: IncomingMessage): string {
  const incoming = req.headers[TRANSACTION_HEADER];
  return typeof incoming === 'string' && WELL_FORMED.test(incoming) ? incoming : randomUUID();
}
