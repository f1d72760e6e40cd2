/// <reference lib="dom" />
import { createServer, type Server } from 'node:http';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestStack, type TestStack } from '../support/gateway';
import { launchChromium, offlineContext } from '../support/browser';
import { loadExamples } from '../../src/server/graphiql/examples';

/**
 * GraphiQL and a cross-origin front-end, in real headless Chromium with no internet: GraphiQL loads from the
 * gateway alone, offers the example operations with their example variables, takes a token in its header
 * template, refetches the schema, runs an example, and leaves no token in browser storage. The example variables
 * are the embedded demo municipality's (what `npm start` serves), so the stack here is the demo preset.
 */
let stack: TestStack;
let browser: Browser;
let page: Server;
let pageOrigin: string;
let otherOrigin: Server;
let otherUrl: string;

/** A front-end page: calls the gateway with a token, as a browser app on its own origin does. */
const FRONTEND = (gateway: string) => `<!doctype html><html><body><script>
window.callGateway = async (token) => {
  try {
    const r = await fetch('${gateway}/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token }, body: JSON.stringify({ query: '{ teams { navn } }' }) });
    return { status: r.status, body: await r.json(), transactionId: r.headers.get('x-transaction-id') };
  } catch (e) { return { failed: String(e) }; }
};
</script></body></html>`;

async function servePage(html: () => string): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

let gatewayUrl = '';
beforeAll(async () => {
  const a = await servePage(() => FRONTEND(gatewayUrl));
  page = a.server;
  pageOrigin = a.url;
  const b = await servePage(() => FRONTEND(gatewayUrl));
  otherOrigin = b.server;
  otherUrl = b.url;
  stack = await startTestStack({ preset: 'demo', corsOrigins: [pageOrigin] });
  gatewayUrl = stack.url.replace(/\/$/, '');
  browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  page?.close();
  otherOrigin?.close();
  await stack?.close();
});

async function codeMirror(p: Page, selector: string, value?: string): Promise<string> {
  return p.evaluate(
    ([sel, v]) => {
      const el = document.querySelector(sel!) as (Element & { CodeMirror?: { setValue(s: string): void; getValue(): string } }) | null;
      if (!el?.CodeMirror) throw new Error(`no editor at ${sel}`);
      if (v !== undefined) el.CodeMirror.setValue(v);
      return el.CodeMirror.getValue();
    },
    [selector, value] as const,
  );
}

for (const engine of ['mercurius', 'apollo'] as const) {
  describe(`GraphiQL on ${engine}, offline`, () => {
    it('loads from the gateway alone, takes a token in the header template, refetches the schema, runs an example, keeps no token', async () => {
      const gw = await stack.engine(engine);
      const { context, blocked } = await offlineContext(browser);
      const p = await context.newPage();
      const team = stack.municipality.fagsystem.teams[0]!;
      const token = await stack.token({ roles: ['sagsbehandler'], team: team.team_id, enhed: team.enhed_id });
      try {
        await p.goto(`${gw.url}/graphiql`);
        await p.waitForSelector('.graphiql-container', { timeout: 30_000 });

        // one tab per example operation
        const examples = loadExamples();
        const tabs = await p.locator('.graphiql-tab').allInnerTexts();
        for (const name of ['Sagsoverblik', 'ForfaldneOpfoelgninger', 'KontraktVsFaktiskPrLeverandoer', 'IndsatserPrParagraf'])
          expect(tabs.join('|')).toContain(name);
        await p.locator('.graphiql-tab', { hasText: 'Sagsoverblik' }).click();
        const sagsoverblik = examples.find((x) => x.file.endsWith('sagsoverblik.graphql'))!;
        expect(JSON.parse(await codeMirror(p, '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror'))).toEqual(JSON.parse(sagsoverblik.variables));

        // the header template: the user pastes a token; the schema is fetched again with it
        await p.getByRole('button', { name: /headers/i }).click();
        const template = JSON.parse(await codeMirror(p, '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror')) as Record<string, string>;
        expect(Object.keys(template)).toEqual(['Authorization', 'x-formaal']);
        const introspected = p.waitForResponse(
          (r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('__schema') && r.status() === 200,
          { timeout: 30_000 },
        );
        await codeMirror(
          p,
          '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror',
          JSON.stringify({ ...template, Authorization: `Bearer ${token}` }),
        );
        await introspected;

        // run the example, read the result: the citizen behind the example CPR (ground truth: the generator)
        const cpr = JSON.parse(sagsoverblik.variables).cpr as string;
        const borger = stack.municipality.fagsystem.borgere.find((x) => x.cpr === cpr)!;
        await p.locator('.graphiql-execute-button').click();
        await p.waitForFunction(
          () => ((document.querySelector('.graphiql-response .CodeMirror') as any)?.CodeMirror?.getValue() ?? '').includes('"data"'),
          undefined,
          { timeout: 30_000 },
        );
        const result = JSON.parse(await codeMirror(p, '.graphiql-response .CodeMirror'));
        expect(result.errors).toBeUndefined();
        expect(result.data.borger.efternavn).toBe(borger.efternavn);

        // nothing from outside was needed, and no token is stored anywhere the browser keeps
        expect(blocked).toEqual([]);
        const stored = await p.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
        expect(stored).not.toContain(token);
        expect(stored).not.toContain(token.split('.')[1]!);
        await p.reload();
        await p.waitForSelector('.graphiql-container');
        const after = await p.evaluate(() => JSON.stringify({ ...localStorage }));
        expect(after).not.toContain(token.split('.')[1]!);
      } finally {
        await context.close();
      }
    }, 120_000);
  });
}

describe('CORS', () => {
  it('a page on a configured origin calls the gateway; a page on another origin cannot read the answer', async () => {
    const { context } = await offlineContext(browser);
    const token = await stack.token({ roles: ['bi'] });
    try {
      const p = await context.newPage();
      await p.goto(pageOrigin);
      const ok = (await p.evaluate((t) => (window as any).callGateway(t), token)) as { status: number; body: any; transactionId: string | null };
      expect(ok.status).toBe(200);
      expect(ok.body.data.teams.map((t: { navn: string }) => t.navn).sort()).toEqual(stack.municipality.fagsystem.teams.map((t) => t.navn).sort());
      expect(ok.transactionId).toBeTruthy(); // exposed to the page, for support cases

      const q = await context.newPage();
      await q.goto(otherUrl);
      const refused = (await q.evaluate((t) => (window as any).callGateway(t), token)) as { failed?: string };
      expect(refused.failed).toMatch(/Failed to fetch/);
    } finally {
      await context.close();
    }
  }, 120_000);
});

describe('example variables', () => {
  it('every example operation runs without errors on the demo municipality with its example variables', async () => {
    const team = stack.municipality.fagsystem.teams[0]!;
    const roleFor: Record<string, string[]> = { sagsbehandling: ['sagsbehandler'], frontend: ['sagsbehandler'], oekonomi: ['oekonomi'], bi: ['bi'] };
    for (const x of loadExamples()) {
      const token = await stack.token({ roles: roleFor[x.file.split('/')[0]!]!, team: team.team_id, enhed: team.enhed_id });
      const headers = JSON.parse(x.headers) as Record<string, string>;
      const res = await stack.graphql(x.query, JSON.parse(x.variables), { authorization: `Bearer ${token}`, 'x-formaal': headers['x-formaal']! });
      expect(res.body.errors, `${x.file}: ${JSON.stringify(res.body.errors)}`).toBeUndefined();
      const values = Object.values(res.body.data as Record<string, unknown>);
      expect(
        values.every((v) => v !== null),
        x.file,
      ).toBe(true);
      expect(JSON.stringify(res.body.data).length, `${x.file} returned almost nothing`).toBeGreaterThan(200);
    }
  }, 120_000);
});
