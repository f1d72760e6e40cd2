import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { auditServer } from 'graphql-http';
import { startTestStack, type TestStack } from '../support/gateway';

/**
 * GraphQL over HTTP (the spec's server audit from the `graphql-http` package) on both engines: zero errors.
 * The audit's requests carry the caller's token (everything here needs authentication).
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({});
}, 180_000);
afterAll(async () => stack?.close());

const ENGINES = ['mercurius', 'apollo'] as const;

for (const engine of ENGINES) {
  describe(`GraphQL over HTTP on ${engine}`, () => {
    it('passes the graphql-http server audit with zero errors', async () => {
      const gw = await stack.engine(engine);
      const authed: typeof fetch = (input, init) => {
        const headers = new Headers(init?.headers);
        headers.set('authorization', `Bearer ${stack.defaultToken}`);
        // the audit's GETs are plain; this gateway's CSRF rule asks for the README's header on GET
        if ((init?.method ?? 'GET') === 'GET') headers.set('x-graphql-csrf', '1');
        return fetch(input, { ...init, headers });
      };
      const results = await auditServer({ url: `${gw.url}/graphql`, fetchFn: authed });
      const summary = (status: string) => results.filter((r) => r.status === status).map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`);
      expect(summary('error')).toEqual([]);
      expect(summary('notice')).toEqual([]);
      // the only warnings: request errors answer 400 under application/json too (a deliberate choice, README → Decisions)
      expect(results.filter((r) => r.status === 'warn').map((r) => r.id).sort()).toEqual(['572B', '7B9B', 'FDE2']);
    });
  });
}

/** Requests a client might send by mistake (or an attacker on purpose): each is refused with a 4xx in GraphQL shape. */
const BAD: Array<{ name: string; method: 'GET' | 'POST'; path?: string; contentType?: string; body?: string; csrf?: boolean; status: number; code: string }> = [
  { name: 'malformed JSON', method: 'POST', body: '{"query": "{ teams { id } }"', status: 400, code: 'BAD_REQUEST' },
  { name: 'empty JSON body', method: 'POST', body: '', status: 400, code: 'BAD_REQUEST' },
  { name: 'a JSON string instead of an object', method: 'POST', body: '"{ teams { id } }"', status: 400, code: 'BAD_REQUEST' },
  { name: 'query not a string', method: 'POST', body: '{"query": 42}', status: 400, code: 'BAD_REQUEST' },
  { name: 'variables an array', method: 'POST', body: '{"query": "{ teams { id } }", "variables": [1]}', status: 400, code: 'BAD_REQUEST' },
  { name: 'prototype poisoning', method: 'POST', body: '{"query": "{ teams { id } }", "__proto__": {"x": 1}}', status: 400, code: 'BAD_REQUEST' },
  { name: 'a batch', method: 'POST', body: '[{"query": "{ teams { id } }"}]', status: 400, code: 'BATCHING_NOT_SUPPORTED' },
  { name: 'a form post', method: 'POST', contentType: 'application/x-www-form-urlencoded', body: 'query=%7B%20teams%20%7B%20id%20%7D%20%7D', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'a text/plain post', method: 'POST', contentType: 'text/plain', body: '{"query": "{ teams { id } }"}', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'no query', method: 'POST', body: '{"variables": {}}', status: 400, code: 'BAD_REQUEST' },
  { name: 'a syntax error', method: 'POST', body: '{"query": "{ teams { id }"}', status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'an unknown field', method: 'POST', body: '{"query": "{ teams { gibtsnicht } }"}', status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a variable of the wrong type', method: 'POST', body: '{"query": "query($n: Int) { sager(first: $n) { totalCount } }", "variables": {"n": "ten"}}', status: 400, code: 'BAD_USER_INPUT' },
  { name: 'an unknown operation name', method: 'POST', body: '{"query": "query A { teams { id } }", "operationName": "B"}', status: 400, code: 'BAD_REQUEST' },
  { name: 'GET with an invalid %-escape', method: 'GET', path: '/graphql?query=%7B%20teams%20%7B%20id%20%7D%20%7D%ZZ', status: 400, code: 'BAD_REQUEST' },
  { name: 'GET with truncated UTF-8', method: 'GET', path: '/graphql?query=%7B%20__typename%20%E2%82%7D', status: 400, code: 'BAD_REQUEST' },
  { name: 'GET with the query twice', method: 'GET', path: '/graphql?query=%7B__typename%7D&query=%7Bteams%7Bid%7D%7D', status: 400, code: 'BAD_REQUEST' },
  { name: 'GET with variables not JSON', method: 'GET', path: '/graphql?query=%7B__typename%7D&variables=%7Bx', status: 400, code: 'BAD_REQUEST' },
  { name: 'GET running a mutation', method: 'GET', path: `/graphql?query=${encodeURIComponent('mutation { koerAfstemning(type: FULD) { startet } }')}`, status: 405, code: 'METHOD_NOT_ALLOWED' },
  { name: 'GET without the CSRF header', method: 'GET', path: '/graphql?query=%7B__typename%7D', csrf: false, status: 400, code: 'CSRF_PROTECTION' },
];

describe('malformed requests', () => {
  for (const bad of BAD) {
    it(`${bad.name}: ${bad.status} ${bad.code}, the same body on both engines`, async () => {
      const answers = [];
      for (const engine of ENGINES) {
        const gw = await stack.engine(engine);
        const headers: Record<string, string> = { authorization: `Bearer ${stack.defaultToken}` };
        if (bad.method === 'POST') headers['content-type'] = bad.contentType ?? 'application/json';
        if (bad.method === 'GET' && bad.csrf !== false) headers['x-graphql-csrf'] = '1';
        const res = await fetch(`${gw.url}${bad.path ?? '/graphql'}`, { method: bad.method, headers, body: bad.body });
        const text = await res.text();
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        const body = JSON.parse(text);
        expect(body).not.toHaveProperty('data'); // a request error: nothing was executed
        expect(body.errors[0].extensions.code, text).toBe(bad.code);
        expect(text).not.toMatch(/invariant|at .*\.(ts|js):\d+|"http"/);
        answers.push({ status: res.status, body });
      }
      expect(answers[0]!.status).toBe(bad.status);
      expect(answers[1]).toEqual(answers[0]);
    });
  }
});

describe("the README's GET instructions", () => {
  for (const engine of ENGINES) {
    it(`a GET with the x-graphql-csrf header runs a query on ${engine} (Apollo's own CSRF check accepts it)`, async () => {
      const gw = await stack.engine(engine);
      const res = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ teams { navn } }')}`, { headers: { authorization: `Bearer ${stack.defaultToken}`, 'x-graphql-csrf': '1' } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: { teams: Array<{ navn: string }> } };
      expect(body.data.teams.map((t) => t.navn).sort()).toEqual(stack.municipality.fagsystem.teams.map((t) => t.navn).sort());
    });
  }
});

describe('persisted documents from the standard manifest', () => {
  for (const engine of ENGINES) {
    it(`the app role runs Sagsoverblik by the manifest's sha256 on ${engine}, a wrong hash is refused`, async () => {
      const { readFileSync } = await import('node:fs');
      const { MANIFEST } = await import('../../scripts/persisted-manifest');
      const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { operations: Array<{ id: string; name: string; body: string }> };
      const op = manifest.operations.find((o) => o.name === 'Sagsoverblik')!;
      const team = stack.municipality.fagsystem.teams[0]!;
      const token = await stack.token({ roles: ['app'], team: team.team_id, enhed: team.enhed_id, scope: 'operation:Sagsoverblik' });
      const sag = stack.municipality.fagsystem.sager.find((s) => s.team_id === team.team_id)!;
      const cpr = stack.municipality.fagsystem.borgere.find((b) => b.borger_id === sag.borger_id)!.cpr;
      const gw = await stack.engine(engine);
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-formaal': 'SAGSBEHANDLING' };
      const send = (body: unknown) => fetch(`${gw.url}/graphql`, { method: 'POST', headers, body: JSON.stringify(body) });
      // as an APQ / graphql-codegen client sends it: the hash alone
      const byHash = await send({ variables: { cpr }, extensions: { persistedQuery: { version: 1, sha256Hash: op.id } } });
      const body = (await byHash.json()) as { data: { borger: { sager: Array<{ sagsnummer: string }> } } };
      expect(byHash.status).toBe(200);
      expect(body.data.borger.sager.map((s) => s.sagsnummer)).toContain(sag.sagsnummer);
      // the text with its hash (an APQ client's retry) runs too; a hash of something else is refused
      expect((await send({ query: op.body, variables: { cpr }, extensions: { persistedQuery: { version: 1, sha256Hash: op.id } } })).status).toBe(200);
      const mismatch = await send({ query: '{ teams { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: op.id } } });
      expect(mismatch.status).toBe(400);
      expect(((await mismatch.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('PERSISTED_QUERY_MISMATCH');
    });
  }
});
