import { createHash } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { createPseudonymizer } from '../../src/access/pseudonym';
import { principalFromClaims, scopeFor, ClaimsError } from '../../src/access/principal';
import { POLICY, ROLES, FIELD_RULES } from '../../src/access/policy';
import { applyAccessPolicy } from '../../src/access/field-policy';
import { buildSchema } from '../../src/graphql/schema';

describe('keyed pseudonyms', () => {
  const p = createPseudonymizer({ sagsbehandling: 'a'.repeat(40), oekonomi: 'b'.repeat(40), analyse: 'c'.repeat(40) });
  it('is stable within a domain and differs across domains', () => {
    expect(p.pseudonym('analyse', '0707614285')).toBe(p.pseudonym('analyse', '0707614285'));
    expect(p.pseudonym('analyse', '0707614285')).not.toBe(p.pseudonym('oekonomi', '0707614285'));
    expect(p.pseudonym('analyse', '0707614285')).not.toBe(p.pseudonym('analyse', '0707614286'));
  });
  it('is not a plain hash of the CPR number', () => {
    const plain = createHash('sha256').update('0707614285').digest('base64url').slice(0, 22);
    expect(p.pseudonym('analyse', '0707614285')).not.toBe(plain);
    expect(p.pseudonym('analyse', '0707614285')).not.toContain('0707614285');
  });
  it('refuses short secrets', () => {
    expect(() => createPseudonymizer({ sagsbehandling: 'short', oekonomi: 'b'.repeat(40), analyse: 'c'.repeat(40) })).toThrow(/32 characters/);
  });
});

describe('principal and row scope from claims', () => {
  it('scopes a caseworker to their team and a leader to their unit', () => {
    expect(scopeFor(principalFromClaims({ sub: 'u', roles: ['sagsbehandler'], team: 3 }))).toEqual({ teamIds: [3], enhedIds: null });
    expect(scopeFor(principalFromClaims({ sub: 'u', roles: ['leder'], enhed: 2 }))).toEqual({ teamIds: null, enhedIds: [2] });
    expect(scopeFor(principalFromClaims({ sub: 'u', roles: ['bi'] }))).toEqual({ teamIds: null, enhedIds: null });
    expect(scopeFor(principalFromClaims({ sub: 'u', roles: ['borgerindsigt'] }))).toEqual({ teamIds: [], enhedIds: null });
  });
  it('rejects tokens without a known role or without the claim the role needs', () => {
    expect(() => principalFromClaims({ sub: 'u', roles: ['admin'] })).toThrow(ClaimsError);
    expect(() => principalFromClaims({ sub: 'u', roles: ['sagsbehandler'] })).toThrow(/team/);
    expect(() => principalFromClaims({ roles: ['bi'] })).toThrow(/sub/);
  });
});

describe('the policy table', () => {
  it('has a row for every role, and bi sees no names, addresses, CPR or free text', () => {
    for (const r of ROLES) expect(POLICY[r]).toBeDefined();
    for (const c of ['cpr', 'navn', 'adresse', 'fritekst'] as const) expect(POLICY.bi.sees.has(c)).toBe(false);
    expect(POLICY.oekonomi.sees.has('cpr')).toBe(false);
    expect(POLICY.sagsbehandler.sees.has('cpr')).toBe(true);
  });
  it('only masks fields that exist and are nullable (checked when the schema is built)', () => {
    expect(() => applyAccessPolicy(buildSchema())).not.toThrow();
    expect(Object.keys(FIELD_RULES).length).toBeGreaterThan(5);
  });
});

describe('token verification cache', () => {
  it('never serves a token past its own expiry', async () => {
    const { createDevKey, signDevToken, DEV_ISSUER, DEV_AUDIENCE } = await import('../../src/access/auth/dev-key');
    const { createVerifier, AuthError } = await import('../../src/access/auth/verifier');
    const key = await createDevKey();
    // an injected clock, moved past the expiry: no real sleep
    let now = Date.now();
    const verify = createVerifier({ localJwks: [key.publicJwk], issuer: DEV_ISSUER, audience: DEV_AUDIENCE, clock: () => now });
    const token = await signDevToken(key, { sub: 'u', roles: ['bi'] }, { expiresIn: '2s' });
    expect((await verify(`Bearer ${token}`)).roles).toEqual(['bi']);
    now += 1000;
    expect((await verify(`Bearer ${token}`)).roles).toEqual(['bi']); // from the cache, still valid
    now += 1100 + 1000; // past exp (whole seconds) on the verifier's clock
    await expect(verify(`Bearer ${token}`)).rejects.toThrow(/expired/);
    await expect(verify(`Bearer ${token}`)).rejects.toBeInstanceOf(AuthError);
  });
});
