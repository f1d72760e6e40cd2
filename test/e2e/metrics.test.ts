import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestStack, TEST_ROLE, type TestStack } from '../support/gateway';
const TX = '0b8a2f6e-3c1d-4e5f-9a7b-1c2d3e4f5a6b';
import { startReconciliation } from '../../src/reconcile/job/scheduler';

/**
 * GET /metrics is scraped as Prometheus would, after real traffic and a reconciliation run, and the named
 * series exist with the labels an operator filters on. Log lines of a request carry the operation and role.
 */
let s: TestStack;
const lines: string[] = [];
beforeAll(async () => {
  s = await startTestStack({ logStream: { write: (m: string) => void lines.push(m) } });
}, 180_000);
afterAll(async () => s?.close());

describe('/metrics', () => {
  it('has requests by operation and engine, source latency, errors and breaker state, pools, access log, reconciliation, event-loop lag', async () => {
    const b = s.municipality.fagsystem.borgere[0]!;
    const res = await s.graphql('query Borgerkort($c: CPR!) { borger(cpr: $c) { fornavn cprRegister { status } } }', { c: b.cpr }, { 'x-transaction-id': TX });
    expect(res.body.errors).toBeUndefined();
    const lev = s.municipality.fagsystem.leverandoerer.find((l) => l.tilbudsid !== null)!;
    await s.graphql('query Leverandoer($id: ID!) { node(id: $id) { ... on Leverandoer { tilbud { tilbudsnavn } } } }', {
      id: Buffer.from(`Leverandoer:${lev.leverandoer_id}`).toString('base64url'),
    });
    const scheduler = startReconciliation({ db: s.store.db, connectors: s.connectors, runAtStart: false });
    await scheduler.runNow('FULD');
    await scheduler.stop();

    const scrape = await fetch(`${s.url}/metrics`);
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await scrape.text();
    const has = (re: RegExp) => expect(text, re.source).toMatch(re);
    has(/^gateway_graphql_requests_total\{operation="Borgerkort",engine="mercurius",status="2xx"\} 1$/m);
    has(/^gateway_graphql_request_duration_seconds_bucket\{le="[^"]+",operation="Borgerkort",engine="mercurius"\} \d+$/m);
    for (const source of ['fagsystem', 'tilbudsportalen', 'serviceplatformen', 'oekonomi']) {
      has(new RegExp(`^gateway_source_call_duration_seconds_count\\{source="${source}"\\} [1-9]\\d*$`, 'm'));
      has(new RegExp(`^gateway_source_breaker_state\\{source="${source}"\\} 0$`, 'm'));
      has(new RegExp(`^gateway_source_bulkhead_calls\\{source="${source}",state="limit"\\} [1-9]\\d*$`, 'm'));
    }
    has(/^# TYPE gateway_source_errors_total counter$/m);
    has(/^gateway_db_pool_connections\{pool="fagsystem",state="max"\} 10$/m);
    has(/^gateway_db_pool_connections\{pool="gateway-store",state="used"\} \d+$/m);
    has(/^gateway_access_log_write_duration_seconds_count [1-9]\d*$/m);
    has(/^gateway_reconciliation_runs\{type="FULD",status="OK"\} [1-9]\d*$/m);
    has(/^gateway_reconciliation_last_duration_seconds\{type="FULD"\} [\d.e+-]+$/m);
    has(/^gateway_reconciliation_last_matched\{count="matchet"\} [1-9]\d*$/m);
    has(/^nodejs_eventloop_lag_seconds [\d.e+-]+$/m);
    // nothing personal in a label
    expect(text).not.toContain(b.cpr);
    expect(text).not.toContain(TX);
  });

  it('each app has its own registry: the Apollo app of the same stack counts only its own requests, and sees the same sources', async () => {
    const apollo = await s.engine('apollo');
    const b = s.municipality.fagsystem.borgere[1]!;
    expect((await apollo.graphql('query Borgerkort($c: CPR!) { borger(cpr: $c) { fornavn } }', { c: b.cpr })).body.errors).toBeUndefined();
    const own = await (await fetch(`${apollo.url}/metrics`)).text();
    expect(own).toMatch(/^gateway_graphql_requests_total\{operation="Borgerkort",engine="apollo",status="2xx"\} 1$/m);
    expect(own).not.toMatch(/^gateway_graphql_requests_total\{[^}]*engine="mercurius"/m);
    expect(own).toMatch(/^gateway_source_breaker_state\{source="fagsystem"\} 0$/m);
    expect(own).toMatch(/^gateway_db_pool_connections\{pool="gateway-store",state="max"\} \d+$/m);
    const other = await (await fetch(`${s.url}/metrics`)).text();
    expect(other).not.toMatch(/^gateway_graphql_requests_total\{[^}]*engine="apollo"/m);
  });

  it('every log line of a request carries the transaction id, operation and role', () => {
    const mine = lines.map((l) => JSON.parse(l)).filter((l) => l.transactionId === TX);
    const completed = mine.find((l) => l.msg === 'request completed');
    expect(completed, JSON.stringify(mine)).toMatchObject({ operation: 'Borgerkort', role: TEST_ROLE });
  });
});
