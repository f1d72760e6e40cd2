import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Every request carries a transaction id (KOMBIT convention): taken from the caller's `x-transaction-id`
 * header when it is a UUID, else generated. It is fastify's request id, so every log line carries it,
 * it goes back in the response header, and the access log records it — the one way to find a request
 * without ever logging a CPR number.
 */
export const TRANSACTION_HEADER = 'x-transaction-id';
// only a UUID is taken from the caller: the id ends up in the citizen's access log, so a caller must not be
// able to write words (or a CPR number) there; anything else gets a fresh id
const WELL_FORMED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function transactionIdOf(req: IncomingMessage): string {
  const incoming = req.headers[TRANSACTION_HEADER];
  return typeof incoming === 'string' && WELL_FORMED.test(incoming) ? incoming : randomUUID();
}
