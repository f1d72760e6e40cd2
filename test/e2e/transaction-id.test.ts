import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/gateway';

/**
 * The transaction id reaches every source a request reads (issue 13): as an SQL comment on the fagsystem's and
 * the economy system's statements, as an `x-transaction-id` header to Tilbudsportalen and Serviceplatformen.
 * The context hands it to each connector's `forRequest`; statements and calls made outside a request (the
 * reconciliation job) carry none.
 */
let s: TestStack;
const seen = { fagsystem: [] as string[], oekonomi: [] as string[] };

beforeAll(async () => {
  s = await startTestStack({ faults: true });
  s.fagsystemDb.on('query', (q: { sql: string }) => seen.fagsystem.push(q.sql));
  s.oekonomiDb.on('query', (q: { sql: string }) => seen.oekonomi.push(q.sql));
});

afterAll(async () => {
  await s?.close();
});

describe('the transaction id at the sources', () => {
  it('one request: tagged statements at both databases, the header at both HTTP sources — and only its own id', async () => {
    const lev = s.municipality.fagsystem.leverandoerer.find((l) => l.tilbudsid !== null)!;
    const borger = s.municipality.fagsystem.borgere[0]!;
    const tx = '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
    const other = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
    const query =
      'query Opslag($id: ID!, $cpr: CPR!) { node(id: $id) { ... on Leverandoer { navn tilbud { tilbudsnavn } kreditorer { kreditorNr } } } borger(cpr: $cpr) { cprRegister { status } } }';
    const vars = { id: Buffer.from(`Leverandoer:${lev.leverandoer_id}`).toString('base64url'), cpr: borger.cpr };
    // two requests at once with different ids: each source call carries the id of the request it was made for
    const [a, b] = await Promise.all([s.graphql(query, vars, { 'x-transaction-id': tx }), s.graphql(query, vars, { 'x-transaction-id': other })]);
    for (const r of [a, b]) {
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.node.tilbud).not.toBeNull();
      expect(r.body.data.node.kreditorer.length).toBeGreaterThan(0);
    }
    const tagged = (id: string) => (sql: string) => sql.includes(`/* transaction_id='${id}' */`);
    expect(seen.fagsystem.filter(tagged(tx)).length).toBeGreaterThan(0);
    expect(seen.oekonomi.filter(tagged(tx)).length).toBeGreaterThan(0);
    expect(seen.fagsystem.filter(tagged(other)).length).toBeGreaterThan(0);
    expect(s.faults!.tilbudsportalen.transactionIds).toContain(tx);
    expect(s.faults!.tilbudsportalen.transactionIds).toContain(other);
    // Serviceplatformen's look-up is shared between requests asking at the same moment: one call, with the id of
    // the request that started it
    expect(s.faults!.serviceplatformen.transactionIds.filter((id) => id === tx || id === other).length).toBeGreaterThan(0);
    // nothing but well-formed ids of requests travels
    for (const id of [...s.faults!.tilbudsportalen.transactionIds, ...s.faults!.serviceplatformen.transactionIds]) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
