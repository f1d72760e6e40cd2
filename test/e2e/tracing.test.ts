import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTracing, type TracingHandle } from '../../src/observability/tracing';
import type { TestStack } from '../support/gateway';

/**
 * One request through two sources (the fagsystem on PostgreSQL and Tilbudsportalen over HTTP) is one trace:
 * the incoming request, the GraphQL execution, the SQL statement and the outgoing HTTP call share a trace id,
 * exported to an in-memory exporter. Tracing starts before the gateway's modules load, as in production
 * (src/observability/tracing-preload), so the stack is imported afterwards.
 */
const exporter = new InMemorySpanExporter();
let tracing: TracingHandle;
let s: TestStack;
beforeAll(async () => {
  tracing = startTracing({ exporter, batch: false });
  const { startTestStack } = await import('../support/gateway');
  s = await startTestStack({ faults: true });
}, 180_000);
afterAll(async () => {
  await s?.close();
  await tracing?.shutdown();
});

describe('tracing', () => {
  it('exports one trace for a request that reads the fagsystem and Tilbudsportalen, and passes the transaction id on', async () => {
    const lev = s.municipality.fagsystem.leverandoerer.find((l) => l.tilbudsid !== null)!;
    const id = Buffer.from(`Leverandoer:${lev.leverandoer_id}`).toString('base64url');
    exporter.reset();
    const tx = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f'; // the gateway takes only a UUID from the caller
    const res = await s.graphql(
      'query Leverandoerkort($id: ID!) { node(id: $id) { ... on Leverandoer { navn tilbud { tilbudsnavn } } } }',
      { id },
      { 'x-transaction-id': tx },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.node.tilbud).not.toBeNull();
    await tracing.provider.forceFlush();
    const spans = exporter.getFinishedSpans();
    const server = spans.find(
      (sp) => sp.kind === 1 /* SERVER */ && String(sp.attributes['url.path'] ?? sp.attributes['http.target'] ?? sp.name).includes('graphql'),
    );
    expect(server, spans.map((sp) => sp.name).join(', ')).toBeDefined();
    const trace = spans.filter((sp) => sp.spanContext().traceId === server!.spanContext().traceId);
    const names = trace.map((sp) => sp.name);
    // the SQL statement to the fagsystem (pg), the call to Tilbudsportalen (fetch/undici), GraphQL execution
    expect(
      trace.some((sp) => sp.attributes['db.system'] === 'postgresql' || sp.attributes['db.system.name'] === 'postgresql'),
      names.join(', '),
    ).toBe(true);
    expect(
      trace.some((sp) => sp.kind === 2 /* CLIENT */ && String(sp.attributes['url.full'] ?? '').startsWith(s.faults!.tilbudsportalen.url)),
      names.join(', '),
    ).toBe(true);
    expect(names.some((n) => n.startsWith('graphql.execute') || n.includes('query'))).toBe(true);
    // no attribute of any span carries the variables
    expect(JSON.stringify(trace.map((sp) => sp.attributes))).not.toContain(id);
    // the transaction id reached the source
    expect(s.faults!.tilbudsportalen.transactionIds).toContain(tx);
  });
});
