import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestStack, type TestStack } from '../support/gateway';

/**
 * One log line per request (fastify's own "incoming request" + "request completed" are off): the line carries
 * the transaction id, method, path, status and response time — and, as every log line, no query or variables.
 */
const lines: string[] = [];
let s: TestStack;
beforeAll(async () => {
  s = await startTestStack({ logStream: { write: (m: string) => void lines.push(m) } });
}, 120_000);
afterAll(async () => s?.close());

describe('request log', () => {
  for (const engine of ['mercurius', 'apollo'] as const) {
    it(`writes exactly one line per request (${engine})`, async () => {
      const gw = await s.engine(engine);
      const ids: string[] = [];
      for (const query of ['{ paragraffer { kode } }', '{ sager(first: 3) { nodes { sagsnummer } } }', '{ nosuchfield }']) {
        const res = await fetch(`${gw.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${s.defaultToken}`, 'x-formaal': 'SAGSBEHANDLING' },
          body: JSON.stringify({ query }),
        });
        ids.push(res.headers.get('x-transaction-id')!);
      }
      // the line is written when the response has finished, which can be just after the client read it
      await vi.waitFor(() => expect(ids.filter((id) => !lines.some((l) => l.includes(id)))).toEqual([]), { timeout: 30_000 });
      for (const id of ids) {
        const mine = lines.filter((l) => l.includes(id)).map((l) => JSON.parse(l) as Record<string, any>);
        expect(mine, id).toHaveLength(1);
        expect(mine[0]).toMatchObject({ transactionId: id, req: { method: 'POST', path: '/graphql' }, msg: 'request completed' });
        expect(typeof mine[0]!.res.statusCode).toBe('number');
        expect(typeof mine[0]!.responseTime).toBe('number');
        expect(JSON.stringify(mine[0])).not.toMatch(/paragraffer|sagsnummer|nosuchfield/);
      }
    });
  }
});
