import type { IncomingMessage } from 'node:http';
import { describe, it, expect } from 'vitest';
import { SignJWT } from 'jose';
import { buildSchema } from '../../src/graphql/schema';
import { checkDocument, documentVerdicts } from '../../src/access/limits/document-checks';
import { ROLE_BUDGETS } from '../../src/access/limits/numbers';
import { findCprNumbers, containsCprNumber } from '../../src/domain/identifiers/cpr-in-text';
import { principalFromClaims, ClaimsError, RoleChoiceError } from '../../src/access/principal';
import { createDevKey, DEV_AUDIENCE, DEV_ISSUER } from '../../src/access/auth/dev-key';
import { createVerifier, AuthError } from '../../src/access/auth/verifier';
import { transactionIdOf } from '../../src/server/transaction-id';
import { cleanOperationName } from '../../src/access/operation-name';
import { sealedCursors, CursorError } from '../../src/pagination/cursor';
import { addressWithholding } from '../../src/access/address-protection';
import { POLICY, FIELD_RULES } from '../../src/access/policy';

/** Unit-level checks of issue 8's afvigelser (each fails on cc1bf10); the e2e side is test/e2e/privacy-issue8.test.ts. */
const schema = buildSchema();
// with a verdict cache, as the guards run it: a remembered verdict must never answer for other variables or budgets
const verdicts = documentVerdicts();
const codes = (query: string, variables?: Record<string, unknown>, maxCost = ROLE_BUDGETS.sagsbehandler.maxCost) =>
  checkDocument({ schema, query, variables, maxCost, production: false, verdicts }).errors.map((e) => e.extensions.code);

describe('point 7: cost-rule bypasses', () => {
  it('counts an operation variable default like a value sent', () => {
    const q = 'query($n: Int = 500) { indsatser(first: $n) { nodes { ydelser { kode } opfoelgninger { id } } } }';
    expect(codes(q)).toContain('QUERY_TOO_COSTLY');
    expect(codes(q, { n: 5 })).toEqual([]);
  });
  it('a negative page size in a branch that never runs does not make the estimate small', () => {
    const q =
      'query { a: indsatser(first: 500) { nodes { ydelser { kode } opfoelgninger { id } } } b: sager(first: -100000) @skip(if: true) { nodes { indsatser { opfoelgninger { id } } } } }';
    expect(codes(q)).toContain('QUERY_TOO_COSTLY');
  });
  it('costs nodes(ids:) per id and refuses more than 100 ids', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `"id${i}"`).join(',');
    expect(codes(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array.from({ length: 20_000 }, (_, i) => `x${i}`) })).toContain('TOO_MANY_IDS');
    expect(codes(`query { nodes(ids: [${ids.split(',').slice(0, 101).join(',')}]) { id } }`)).toContain('TOO_MANY_IDS');
    // 100 citizens with their cases is 100 × children, not 1 × children
    expect(
      codes('query($ids: [ID!]!) { nodes(ids: $ids) { ... on Borger { sager { indsatser { opfoelgninger { id } } } } } }', {
        ids: Array.from({ length: 100 }, (_, i) => `x${i}`),
      }),
    ).toContain('QUERY_TOO_COSTLY');
  });
});

describe('point 9: one CPR detector for free text, every common spelling', () => {
  const cpr = '0101801234';
  it.each([
    ['0101801234'],
    ['010180-1234'],
    ['010180 1234'],
    ['010180–1234'],
    ['010180—1234'],
    ['010180 - 1234'],
    ['01.01.80-1234'],
    ['01-01-80-1234'],
    ['01 01 80 1234'],
    ['cpr.nr. 010180-1234'],
    ['CPR: 010180 1234.'],
    ['borger 010180‐1234 (hyphen)'],
    ['０１０１８０-１２３４'],
  ])('finds %s', (text) => {
    expect(findCprNumbers(text)).toEqual([cpr]);
  });
  it('does not take account numbers, amounts or invalid dates for a CPR', () => {
    expect(containsCprNumber('konto 12345678901 beløb 1234,50')).toBe(false);
    expect(containsCprNumber('faktura 3213801234')).toBe(false); // 32nd day
    expect(containsCprNumber('bilag 2024-01-15 1234')).toBe(false);
  });
  it('the free-text reason of a manual decision is a free-text field', () => {
    expect(FIELD_RULES['ManuelBeslutning.begrundelse']).toBe('fritekst');
    expect(POLICY.bi.sees.has('fritekst')).toBe(false);
    expect(POLICY.leder.sees.has('fritekst')).toBe(false);
  });
});

describe('point 3 and 10: one active role; token claims', () => {
  it('refuses a multi-role token without an active role, and takes only the chosen role', () => {
    const claims = { sub: 'u', roles: ['sagsbehandler', 'bi'], team: 2 };
    expect(() => principalFromClaims(claims)).toThrow(RoleChoiceError);
    const bi = principalFromClaims(claims, 'bi');
    expect(bi.policy).toBe(POLICY.bi);
    expect(bi.policy.sees.has('cpr')).toBe(false);
    expect(principalFromClaims(claims, 'sagsbehandler').policy.rows).toBe('team');
    expect(() => principalFromClaims(claims, 'oekonomi')).toThrow(/does not grant/);
    expect(() => principalFromClaims(claims, ['bi', 'sagsbehandler'])).toThrow(RoleChoiceError);
  });
  it('takes team and unit only as plain integers', () => {
    expect(() => principalFromClaims({ sub: 'u', roles: ['sagsbehandler'], team: '0x2' })).toThrow(ClaimsError);
    expect(() => principalFromClaims({ sub: 'u', roles: ['sagsbehandler'], team: '2e0' })).toThrow(ClaimsError);
    expect(() => principalFromClaims({ sub: 'u', roles: ['sagsbehandler'], team: ' 2' })).toThrow(ClaimsError);
    expect(() => principalFromClaims({ sub: 'u', roles: ['sagsbehandler'], team: 2.5 })).toThrow(ClaimsError);
    expect(principalFromClaims({ sub: 'u', roles: ['sagsbehandler'], team: 2 }).teamId).toBe(2);
  });
  it('refuses tokens without exp and tokens issued in the future', async () => {
    const key = await createDevKey();
    const verify = createVerifier({ localJwks: [key.publicJwk], issuer: DEV_ISSUER, audience: DEV_AUDIENCE });
    const sign = (f: (j: SignJWT) => SignJWT) =>
      f(
        new SignJWT({ sub: 'u', roles: ['bi'] }).setProtectedHeader({ alg: 'ES256', kid: key.publicJwk.kid }).setIssuer(DEV_ISSUER).setAudience(DEV_AUDIENCE),
      ).sign(key.privateKey);
    await expect(verify(`Bearer ${await sign((j) => j.setIssuedAt())}`)).rejects.toThrow(/exp/);
    const future = Math.floor(Date.now() / 1000) + 3600;
    await expect(verify(`Bearer ${await sign((j) => j.setIssuedAt(future).setExpirationTime(future + 3600))}`)).rejects.toThrow(/iat/);
    await expect(verify(`Bearer ${await sign((j) => j.setIssuedAt(Math.floor(Date.now() / 1000) + 20).setExpirationTime('1h'))}`)).resolves.toBeTruthy(); // small skew
    await expect(verify(`Bearer ${await sign((j) => j.setIssuedAt().setExpirationTime('1h'))}`)).resolves.toBeTruthy();
    await expect(verify(undefined)).rejects.toBeInstanceOf(AuthError);
  });
});

describe("point 12: what a caller can write into a citizen's access log", () => {
  const req = (id: string) => ({ headers: { 'x-transaction-id': id } }) as unknown as IncomingMessage;
  it('accepts only a UUID as transaction id', () => {
    expect(transactionIdOf(req('3f2b9c1e-8a4d-4c6e-9f00-1234567890ab'))).toBe('3f2b9c1e-8a4d-4c6e-9f00-1234567890ab');
    for (const bad of ['Hansen-kiggede-her', '0101801234-abcdefgh', 'x'.repeat(40)]) expect(transactionIdOf(req(bad))).not.toBe(bad);
  });
  it('keeps operation names short GraphQL names', () => {
    expect(cleanOperationName('Sagsoverblik')).toBe('Sagsoverblik');
    expect(cleanOperationName('Kiggede paa naboen 0101801234')).toBe('anonymous');
    expect(cleanOperationName('A'.repeat(65))).toBe('anonymous');
  });
  it('withholds an address when the CPR register does not know the citizen', () => {
    expect(addressWithholding(null)).toBe('UKENDT_I_CPR');
    expect(addressWithholding(undefined, true)).toBe('CPR_UTILGAENGELIG');
  });
});

describe('point 1: sealed cursors', () => {
  const key = Buffer.alloc(32, 7);
  const c = sealedCursors(key, 'bi|borgere|EFTERNAVN|ASC');
  it('reveal nothing and round-trip', () => {
    const s = c.encode({ v: 'Andersen', id: 3 });
    expect(Buffer.from(s, 'base64url').toString('latin1')).not.toContain('Andersen');
    expect(c.decode(s)).toEqual({ v: 'Andersen', id: 3 });
    expect(c.encode({ v: 'Andersen', id: 3 })).toBe(s); // one row, one cursor
  });
  it('cannot be forged, edited or moved to another ordering or role', () => {
    const s = c.encode({ v: 'Andersen', id: 3 });
    const forged = Buffer.from(JSON.stringify(['Andersen', 3])).toString('base64url');
    expect(() => c.decode(forged)).toThrow(CursorError);
    const raw = Buffer.from(s, 'base64url');
    raw[14] = raw[14]! ^ 1;
    expect(() => c.decode(raw.toString('base64url'))).toThrow(CursorError);
    expect(() => sealedCursors(key, 'bi|borgere|BORGER_ID|ASC').decode(s)).toThrow(CursorError);
    expect(() => sealedCursors(key, 'sagsbehandler|borgere|EFTERNAVN|ASC').decode(s)).toThrow(CursorError);
    expect(() => sealedCursors(Buffer.alloc(32, 8), 'bi|borgere|EFTERNAVN|ASC').decode(s)).toThrow(CursorError);
  });
});

describe('point 12: production never runs on the synthetic municipality', () => {
  it('refuses to start in production when a source is not configured', async () => {
    const { loadConfig, ConfigError } = await import('../../src/config');
    const base = {
      NODE_ENV: 'production',
      AUTH_JWKS_URL: 'https://idp.example/jwks',
      AUTH_ISSUER: 'https://idp.example',
      PSEUDONYM_SECRET_SAGSBEHANDLING: 's'.repeat(40),
      PSEUDONYM_SECRET_OEKONOMI: 'o'.repeat(40),
      PSEUDONYM_SECRET_ANALYSE: 'a'.repeat(40),
    };
    expect(() => loadConfig(base)).toThrow(ConfigError);
    expect(() => loadConfig(base)).toThrow(/FAGSYSTEM_DATABASE_URL/);
    expect(() =>
      loadConfig({
        ...base,
        FAGSYSTEM_DATABASE_URL: 'postgres://x@h/db',
        OEKONOMI_DATABASE_URL: 'postgres://x@h/db2',
        TILBUDSPORTALEN_URL: 'https://tp.example',
        TILBUDSPORTALEN_USERNAME: 'u',
        TILBUDSPORTALEN_PASSWORD: 'p',
      }),
    ).toThrow(/SERVICEPLATFORMEN_URL/);
  });
});
