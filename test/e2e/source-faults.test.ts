import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { startTestStack, type TestStack } from '../support/gateway';
import { createServiceplatformenConnector } from '../../connectors/serviceplatformen';
import { createTilbudsportalenConnector } from '../../connectors/tilbudsportalen';
import { createSourcePolicy } from '../../connectors/shared/resilience-policy';
import { EMBEDDED_INVOCATION_CONTEXT, EMBEDDED_TP_CREDENTIALS } from '../../src/server/embedded-municipality';
import { preflight } from '../../src/server/preflight';
import { isSourceError } from '../../connectors/shared/source-error';

/**
 * Faults at a source, injected by a real HTTP proxy in front of each stand-in (test/support/fault-proxy):
 * HTTP 500 → retried, then the circuit opens (no more calls reach the source) and closes again through a
 * half-open probe; not answering (the proxy holds every call) → the answer comes within the budget, which
 * counts the wait for a slot, and calls beyond the bounded queue fail at once as SOURCE_OVERLOADED; a source
 * down at start → start-up continues degraded and /readyz stays 200. One error per failing source per response.
 * The assertions are counts and orders of events at the proxy, never durations.
 */
let s: TestStack;
/** long, so an open circuit stays open however slow the machine; the tests move the clock past it instead */
const HALF_OPEN_MS = 10 * 60_000;

/**
 * The breaker (cockatiel) reads `Date.now()` to know when its half-open delay is over. The gateway runs in
 * this process, so moving the clock past the delay is the injected clock — no sleep, no race with a timer.
 */
async function afterHalfOpenDelay<T>(fn: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + HALF_OPEN_MS + 1_000 });
  try {
    return await fn();
  } finally {
    vi.useRealTimers();
  }
}
const lev = () => s.municipality.fagsystem.leverandoerer.find((l) => l.tilbudsid !== null)!;
const leverandoerQuery =
  'query Leverandoerkort($id: ID!) { node(id: $id) { ... on Leverandoer { navn tilbud { tilbudsnavn } indsatser(first: 20) { nodes { priser { takst } } } } } }';
const idOf = (n: number) => Buffer.from(`Leverandoer:${n}`).toString('base64url');

beforeAll(async () => {
  s = await startTestStack({
    faults: true,
    configure: (c) => ({
      ...c,
      resilience: { ...c.resilience, breakerFailures: 3, halfOpenAfterMs: HALF_OPEN_MS },
      serviceplatformen: { ...c.serviceplatformen!, timeoutMs: 1000 },
      serviceplatformenLimits: { ...c.serviceplatformenLimits, cacheTtlSeconds: 0, timeoutMs: 1000 },
    }),
  });
}, 180_000);
afterAll(async () => s?.close());

async function metric(name: string, labels: string): Promise<number | undefined> {
  const text = await (await fetch(`${s.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

describe('Tilbudsportalen answers HTTP 500', () => {
  it('retries, then opens the circuit (the source is not called), then closes it through a half-open probe', async () => {
    const tp = s.faults!.tilbudsportalen;
    const id = idOf(lev().leverandoer_id);
    expect((await s.graphql(leverandoerQuery, { id })).body.errors).toBeUndefined();

    tp.set({ kind: 'status', status: 500 });
    const before = tp.calls;
    const failed = await s.graphql(leverandoerQuery, { id });
    expect(failed.status).toBe(200);
    expect(failed.body.data.node.navn).toBe(lev().navn);
    expect(failed.body.data.node.tilbud).toBeNull();
    // one error for the source, however many fields it nulled, and a transient 500 is retryable
    expect(failed.body.errors).toHaveLength(1);
    expect(failed.body.errors![0].extensions).toMatchObject({ source: 'tilbudsportalen', retryable: true });
    expect(tp.calls - before).toBe(3); // the call and two retries
    expect(await metric('gateway_source_breaker_state', 'source="tilbudsportalen"')).toBe(2);

    // open: the next request does not reach Tilbudsportalen (counted at the proxy, not timed)
    const fast = await s.graphql(leverandoerQuery, { id });
    expect(tp.calls - before).toBe(3);
    expect(fast.body.errors).toHaveLength(1);
    expect(fast.body.errors![0].extensions).toMatchObject({ source: 'tilbudsportalen', code: 'SOURCE_UNAVAILABLE', retryable: true });
    const health = (await (await fetch(`${s.url}/healthz/sources`)).json()) as any;
    expect(health.sources.tilbudsportalen.breaker).toBe('open');

    // the source recovers; after the half-open delay one probe goes through and the circuit closes
    tp.set({ kind: 'pass' });
    expect((await s.graphql(leverandoerQuery, { id })).body.errors).toHaveLength(1); // still open: not asked
    expect(tp.calls - before).toBe(3);
    const back = await afterHalfOpenDelay(() => s.graphql(leverandoerQuery, { id }));
    expect(back.body.errors).toBeUndefined();
    expect(tp.calls - before).toBe(4); // the one probe
    expect(back.body.data.node.tilbud).not.toBeNull();
    expect(await metric('gateway_source_breaker_state', 'source="tilbudsportalen"')).toBe(0);
    expect(await metric('gateway_source_errors_total', 'source="tilbudsportalen"')).toBeGreaterThan(0);
  });
});

describe('Tilbudsportalen does not answer', () => {
  it('a call the policy gave up on is abandoned at the source and frees its slot, not left running to the client timeout', async () => {
    const tp = s.faults!.tilbudsportalen;
    tp.set({ kind: 'hold' });
    const connector = createTilbudsportalenConnector({
      url: tp.url,
      ...EMBEDDED_TP_CREDENTIALS,
      // the client's own timeout outlasts the policy's budget: the call must end when the policy gives up on it
      timeoutMs: 60_000,
      policy: createSourcePolicy('tilbudsportalen', { timeoutMs: 500, concurrency: 2, queue: 2, retries: 0 }),
    });
    try {
      const loaders = connector.forRequest({ transactionId: 'tp-budget-test' });
      const err = await loaders.afdeling.load(`${lev().tilbudsid}:${lev().afdelingsid}`).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isSourceError(err) && err.code).toBe('SOURCE_TIMEOUT');
      expect(tp.transactionIds.filter((id) => id === 'tp-budget-test').length).toBe(1); // it was sent
      // before the signal reached the HTTP call, the held call (and its slot) stayed for the client's 60 s
      await vi.waitFor(() => expect(tp.held).toBe(0));
      expect(connector.policy.health().active).toBe(0);
    } finally {
      tp.set({ kind: 'pass' });
      tp.release();
      await connector.close();
    }
  });
});

describe('Serviceplatformen does not answer', () => {
  it('a page of citizens answers within the budget (queueing included), with one error for the source', async () => {
    const sp = s.faults!.serviceplatformen;
    // the source answers nothing until released, and it is released only after the page has come back
    sp.set({ kind: 'hold' });
    let res: { status: number; body: { data?: any; errors?: any[] } };
    // this request's calls, told from any other (the reconciliation job's look-ups) by its transaction id
    const tx = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const mine = () => sp.transactionIds.filter((id) => id === tx).length;
    let atAnswer = -1;
    try {
      res = await s.graphql('query Borgerliste { borgere(first: 30) { nodes { fornavn cprRegister { status } } } }', undefined, { 'x-transaction-id': tx });
      atAnswer = mine();
    } finally {
      sp.set({ kind: 'pass' });
      sp.release();
      // look-ups that got a slot just as the budget ran out are still on their way (the client's own timeout ends
      // them): wait until none is in flight, so every call this page made is counted (and none leaks into the next test)
      await vi.waitFor(() => expect(s.connectors.serviceplatformen.policy.health().active).toBe(0), { timeout: 10_000, interval: 20 });
    }
    expect(res.status).toBe(200);
    const nodes = res.body.data.borgere.nodes;
    expect(nodes).toHaveLength(30);
    for (const n of nodes) {
      expect(n.fornavn).toBeTruthy();
      expect(n.cprRegister).toBeNull();
    }
    const spErrors = res.body.errors!.filter((e: any) => e.extensions.source === 'serviceplatformen');
    expect(spErrors).toHaveLength(1);
    expect(spErrors[0].extensions.code).toBe('SOURCE_TIMEOUT');
    expect(spErrors[0].extensions.antal).toBe(nodes.length);
    // 30 look-ups behind 8 slots: the 1 s budget counts the wait for a slot, so most look-ups gave up in the
    // queue and never reached the source (with a budget per slot, all 30 would have been sent, 8 at a time,
    // before the page could answer). Counted at the proxy, not timed.
    const reached = mine();
    expect(reached).toBeGreaterThan(0);
    expect(reached).toBeLessThan(nodes.length);
    // and a look-up whose budget is spent is not sent afterwards (the policy's signal reaches the HTTP call):
    // nothing the page gave up on reaches the platform — billed — after the page has answered
    expect(mine()).toBe(atAnswer);
  });

  it('calls beyond the bounded queue fail at once as SOURCE_OVERLOADED; queued calls time out in the queue', async () => {
    const sp = s.faults!.serviceplatformen;
    sp.set({ kind: 'hold' });
    const connector = createServiceplatformenConnector({
      url: sp.url,
      invocationContext: EMBEDDED_INVOCATION_CONTEXT,
      // the client's own timeout outlasts the policy's budget: a call ends when the policy gives up on it
      timeoutMs: 60_000,
      concurrency: 2,
      cacheTtlSeconds: 0,
      policy: createSourcePolicy('serviceplatformen', { timeoutMs: 1000, concurrency: 2, queue: 2, retries: 0 }),
    });
    try {
      const cprs = s.municipality.fagsystem.borgere.slice(0, 10).map((b) => b.cpr);
      // this test's calls, told from the gateway's own (its reconciliation job's look-ups) by a transaction id
      const loaders = connector.forRequest({ transactionId: 'overload-test' });
      const mine = () => sp.transactionIds.filter((id) => id === 'overload-test').length;
      const settled = await Promise.all(
        cprs.map((c) =>
          loaders.person.load(c).then(
            () => ({ ok: true }),
            (e: unknown) => ({ ok: false, code: isSourceError(e) ? e.code : String(e) }),
          ),
        ),
      );
      const codes = (code: string) => settled.filter((r) => !r.ok && (r as { code: string }).code === code);
      expect(codes('SOURCE_OVERLOADED')).toHaveLength(6); // 2 running + 2 waiting; the rest refused
      // the two with a slot and the two that waited all ran out of the one budget, which counts the queue (with a
      // budget that started at the slot, the waiting two would have had a full second of their own)
      expect(codes('SOURCE_TIMEOUT')).toHaveLength(4);
      // the policy's signal reaches the HTTP call: the calls it gave up on are abandoned at the source, not left
      // holding a connection (a held call whose caller hung up is no longer held). Counted at the proxy, not timed.
      await vi.waitFor(() => expect(sp.held).toBe(0));
      expect(mine()).toBeGreaterThanOrEqual(2);
      expect(mine()).toBeLessThanOrEqual(4);

      // the refusal itself is immediate (the per-request loader above answers its batch together): every refusal
      // settles before any call that got a slot or a place in the queue (an order of events, not a clock)
      const policy = createSourcePolicy('serviceplatformen', { timeoutMs: 1000, concurrency: 2, queue: 2, retries: 0 });
      let settledSoFar = 0;
      const direct = await Promise.all(
        cprs.map(() =>
          policy
            .execute((signal) => fetch(`${sp.url}/admin/calls`, { signal }).then((r) => r.text()))
            .then(
              () => ({ code: 'ok', order: ++settledSoFar }),
              (e: unknown) => ({ code: isSourceError(e) ? e.code : String(e), order: ++settledSoFar }),
            ),
        ),
      );
      const refused = direct.filter((r) => r.code === 'SOURCE_OVERLOADED');
      expect(refused).toHaveLength(6);
      expect(refused.map((r) => r.order).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6]);
    } finally {
      sp.set({ kind: 'pass' });
      sp.release();
      await connector.close();
    }
  });
});

describe('a source down at start', () => {
  it('start-up goes on degraded, /readyz stays 200, /healthz/sources names the source, and it recovers', async () => {
    const tp = s.faults!.tilbudsportalen;
    await tp.kill();
    try {
      const config = { serviceplatformen: { certFile: undefined } } as never;
      const degraded = await preflight(s.connectors, config);
      expect(degraded.map((d) => [d.source, d.variable])).toEqual([['tilbudsportalen', 'TILBUDSPORTALEN_URL']]);
      const ready = await fetch(`${s.url}/readyz`);
      expect(ready.status).toBe(200);
      const sources = await fetch(`${s.url}/healthz/sources`);
      expect(sources.status).toBe(207);
      expect(((await sources.json()) as any).sources.tilbudsportalen.status).toBe('SOURCE_UNAVAILABLE');
      const res = await s.graphql(leverandoerQuery, { id: idOf(lev().leverandoer_id) });
      expect(res.body.data.node.navn).toBe(lev().navn);
      expect(res.body.errors).toHaveLength(1);
    } finally {
      await tp.revive();
    }
    // it recovers: past the half-open delay (if the outage opened the circuit) the next request is answered
    const ok = await afterHalfOpenDelay(() => s.graphql(leverandoerQuery, { id: idOf(lev().leverandoer_id) }));
    expect(ok.body.errors).toBeUndefined();
  });
});
