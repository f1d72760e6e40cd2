import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { SignJWT } from 'jose';
import { startTestStack, type TestStack } from '../support/gateway';
import { createDevKey, DEV_AUDIENCE, DEV_ISSUER } from '../../src/access/auth/dev-key';

/**
 * Abuse is refused before any source is touched (no SQL on any database, no HTTP/SOAP call), with a clear
 * error; bad tokens get 401 and a missing purpose 403; no stack trace, SQL or upstream body in any answer.
 */
let s: TestStack;
beforeAll(async () => {
  s = await startTestStack({});
}, 120_000);
afterAll(async () => s?.close());

const clean = (text: string) => {
  expect(text).not.toMatch(/\n\s+at |\.ts:\d+/);
  expect(text).not.toMatch(/\bselect\b[\s\S]*\bfrom\b/i);
};

async function refusedBeforeSources(engine: 'mercurius' | 'apollo', body: unknown, headers: Record<string, string> = {}) {
  const gw = await s.engine(engine);
  await s.resetCounts();
  const res = await fetch(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${s.defaultToken}`, 'x-formaal': 'SAGSBEHANDLING', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  clean(text);
  expect(s.sqlCount).toEqual({ fagsystem: 0, oekonomi: 0, store: 0 });
  expect(await s.httpCalls()).toEqual({ tilbudsportalen: 0, serviceplatformen: 0 });
  return { status: res.status, body: JSON.parse(text) as any };
}

for (const engine of ['mercurius', 'apollo'] as const) {
  describe(`abuse is refused before any source is touched (${engine})`, () => {
    it('deep nesting and recursive fragments', async () => {
      const deep = await refusedBeforeSources(engine, { query: '{ sager { nodes { indsatser { sag { indsatser { sag { indsatser { sag { sagsnummer } } } } } } } } }' });
      expect(deep.status).toBe(400);
      expect(deep.body.errors[0].message).toMatch(/depth limit of 7/);
      const cyclic = await refusedBeforeSources(engine, { query: 'query { sager { nodes { ...A } } } fragment A on Sag { indsatser { sag { ...A } } }' });
      expect(cyclic.status).toBe(400);
    });
    it('1000 aliases', async () => {
      const r = await refusedBeforeSources(engine, { query: `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}:teams{id}`).join(' ')} }` });
      expect(r.status).toBe(400);
      expect(r.body.errors[0].extensions.code).toBe('TOO_MANY_TOKENS');
      const twenty = await refusedBeforeSources(engine, { query: `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: teams { id }`).join(' ')} }` });
      expect(twenty.body.errors[0].message).toMatch(/[Aa]liases limit of 15/);
    });
    it('a huge document', async () => {
      const r = await refusedBeforeSources(engine, { query: `{ teams { id } } # ${'x'.repeat(100_000)}` });
      expect(r.status).toBe(400);
      expect(r.body.errors[0].extensions.code).toBe('DOCUMENT_TOO_LARGE');
    });
    it('a cost bomb (nested pages)', async () => {
      // shallow enough for the depth limit: only the cost estimate (500 × 500 × …) catches it
      const r = await refusedBeforeSources(engine, { query: '{ leverandoerer(first: 500) { nodes { indsatser(first: 500) { nodes { opfoelgninger { id } } } } } }' });
      expect(r.status).toBe(400);
      expect(r.body.errors.map((e: any) => e.extensions.code)).toEqual(['QUERY_TOO_COSTLY']);
      expect(r.body.errors[0].message).toMatch(/exceeds the limit of/);
    });
    it('alias enumeration of CPR numbers', async () => {
      const cprs = s.municipality.fagsystem.borgere.slice(0, 10).map((b) => b.cpr);
      const r = await refusedBeforeSources(engine, { query: `{ ${cprs.map((c, i) => `b${i}: borger(cpr: "${c}") { id }`).join(' ')} }` });
      expect(r.status).toBe(400);
      expect(r.body.errors[0].extensions.code).toBe('TOO_MANY_CPR_LOOKUPS');
      for (const c of cprs) expect(JSON.stringify(r.body)).not.toContain(c);
    });
    it('HTTP batching', async () => {
      const r = await refusedBeforeSources(engine, [{ query: '{ teams { id } }' }, { query: '{ teams { id } }' }]);
      expect(r.status).toBe(400);
      expect(r.body.errors[0].extensions.code).toBe('BATCHING_NOT_SUPPORTED');
    });
    it('a cross-site form post (CSRF)', async () => {
      const gw = await s.engine(engine);
      await s.resetCounts();
      const res = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${s.defaultToken}` }, body: JSON.stringify({ query: '{ teams { id } }' }) });
      expect(res.status).toBe(415); // a form/text POST is a browser's cross-site "simple" request: refused
      expect(s.sqlCount.fagsystem).toBe(0);
    });
  });

  describe(`tokens and purpose (${engine})`, () => {
    const ask = async (headers: Record<string, string>, query = '{ teams { id } }', variables?: unknown) => {
      const gw = await s.engine(engine);
      await s.resetCounts();
      const res = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
      const text = await res.text();
      clean(text);
      return { status: res.status, body: JSON.parse(text) as any, wwwAuthenticate: res.headers.get('www-authenticate') };
    };
    it('missing, malformed, expired, forged and wrong-audience tokens get 401 with a clear message and touch no source', async () => {
      const team = s.municipality.fagsystem.teams[0]!.team_id;
      const cases: Array<[string, Record<string, string>, RegExp]> = [
        ['missing', {}, /missing bearer token/],
        ['not bearer', { authorization: 'Basic abc' }, /must be "Bearer <token>"/],
        ['expired', { authorization: `Bearer ${await s.token({ roles: ['bi'] }, { expiresIn: '-1m' })}` }, /expired/],
        ['forged', { authorization: `Bearer ${await new SignJWT({ roles: ['bi'], sub: 'x' }).setProtectedHeader({ alg: 'ES256', kid: 'dev-1' }).setIssuer(DEV_ISSUER).setAudience(DEV_AUDIENCE).setExpirationTime('1h').sign((await createDevKey()).privateKey)}` }, /signature/],
        ['wrong issuer', { authorization: `Bearer ${await s.token({ roles: ['bi'] }, { issuer: 'urn:someone-else' })}` }, /"iss" claim/],
        ['unknown role', { authorization: `Bearer ${await s.token({ roles: ['superuser'] })}` }, /no known role/],
        ['role without its claim', { authorization: `Bearer ${await s.token({ roles: ['sagsbehandler'] })}` }, /needs a "team" claim/],
        ['garbage', { authorization: 'Bearer not.a.token' }, /malformed|not valid/],
      ];
      for (const [name, headers, message] of cases) {
        const r = await ask(headers);
        expect(r.status, name).toBe(401);
        expect(r.body.errors[0].extensions.code, name).toBe('UNAUTHENTICATED');
        expect(r.body.errors[0].message, name).toMatch(message);
        expect(r.wwwAuthenticate, name).toMatch(/^Bearer/);
        expect(s.sqlCount.fagsystem + s.sqlCount.store, name).toBe(0);
      }
      expect(team).toBeGreaterThan(0);
    });
    it('citizen data without a purpose gets 403 for roles that need one; non-personal queries and bi work without', async () => {
      const first = s.municipality.fagsystem.teams[0]!;
      const caseworker = await s.token({ roles: ['sagsbehandler'], team: first.team_id });
      const citizenQuery = '{ sager(first: 2) { nodes { borger { fornavn } } } }';
      const refused = await ask({ authorization: `Bearer ${caseworker}` }, citizenQuery);
      expect(refused.status).toBe(403);
      expect(refused.body.errors[0].extensions.code).toBe('PURPOSE_REQUIRED');
      expect(s.sqlCount.fagsystem).toBe(0);
      const teams = await ask({ authorization: `Bearer ${caseworker}` });
      expect(teams.status).toBe(200);
      const withPurpose = await ask({ authorization: `Bearer ${caseworker}`, 'x-formaal': 'sagsbehandling' }, citizenQuery);
      expect(withPurpose.status).toBe(200);
      const bi = await ask({ authorization: `Bearer ${await s.token({ roles: ['bi'] })}` }, '{ sager(first: 2) { nodes { borger { pseudonym } } } }');
      expect(bi.status).toBe(200);
      const bad = await ask({ authorization: `Bearer ${caseworker}`, 'x-formaal': 'nysgerrighed' }, citizenQuery);
      expect(bad.status).toBe(400);
    });
    it('reconciliation decisions are refused for roles without that right', async () => {
      const bi = await s.token({ roles: ['bi'] });
      const r = await ask({ authorization: `Bearer ${bi}` }, '{ adgangslog(cpr: "0707614285") { tidspunkt } }');
      expect(r.body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(r.body.errors[0].message).toMatch(/may not use Query\.adgangslog/);
    });
  });
}

describe('production hardening', () => {
  let p: TestStack;
  beforeAll(async () => {
    p = await startTestStack({ production: true });
  }, 120_000);
  afterAll(async () => p?.close());
  for (const engine of ['mercurius', 'apollo'] as const) {
    it(`no introspection, no GraphiQL, no field suggestions (${engine})`, async () => {
      const gw = await p.engine(engine);
      const intro = await gw.graphql('{ __schema { types { name } } }');
      expect(intro.status).toBe(400);
      expect(intro.body.data ?? null).toBeNull();
      const typo = await gw.graphql('{ sagr { sagsnummer } }');
      expect(typo.body.errors![0].message).toMatch(/Cannot query field "sagr"/);
      expect(typo.body.errors![0].message).not.toMatch(/Did you mean/);
      expect((await fetch(`${gw.url}/graphiql`)).status).toBe(404);
    });
  }
});
