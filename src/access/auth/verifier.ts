import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, errors, type JWK, type JWTPayload } from 'jose';
import { principalFromClaims, ClaimsError, ROLE_DEFINITIONS, type Principal, type RoleDefinition } from '../principal';
import { Lru } from '../lru';

/**
 * Bearer JWT verification with `jose`: signature against the identity provider's JWKS (remote URL in
 * production, the local dev key when embedded), issuer and audience checked, expiry enforced. Every failure
 * is an AuthError with a message fit for a 401 — it never echoes the token.
 */
export class AuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthError';
  }
}

export interface VerifierOptions {
  jwksUrl?: string;
  localJwks?: JWK[];
  issuer: string;
  audience: string;
  /** role definitions (the policy table); tests may add a role of their own, a token never can */
  roles?: Readonly<Record<string, RoleDefinition>>;
}

/** Clock skew tolerated between the identity provider and the gateway for `iat` (seconds). */
export const CLOCK_SKEW_SECONDS = 60;

/**
 * `authorization` is the header; `activeRole` the `x-aktiv-rolle` header (required when the token grants
 * several roles: a request acts in exactly one). Throws AuthError (401) or RoleChoiceError (400/403).
 */
export type Verifier = (authorization: string | undefined, activeRole?: string | string[]) => Promise<Principal>;

export function createVerifier(opts: VerifierOptions & { clock?: () => number }): Verifier {
  // A token verified once is not verified again until it expires (signature checks cost ~0.6 ms a request);
  // the cache holds principals, keyed by the token itself, and never outlives a token's own `exp`.
  const verified = new Lru<string, { payload: JWTPayload; exp: number }>(10_000);
  const roles = opts.roles ?? ROLE_DEFINITIONS;
  const now = opts.clock ?? Date.now;
  const jwks = opts.jwksUrl
    ? createRemoteJWKSet(new URL(opts.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 })
    : createLocalJWKSet({ keys: opts.localJwks ?? [] });
  return async (authorization, activeRole) => {
    if (!authorization) throw new AuthError('missing bearer token: send "Authorization: Bearer <token>"');
    const m = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(authorization.trim());
    if (!m) throw new AuthError('the Authorization header must be "Bearer <token>"');
    const cached = verified.get(m[1]!);
    if (cached && cached.exp > now()) return toPrincipal(cached.payload, activeRole, roles);
    let payload: JWTPayload;
    try {
      // jose checks exp/nbf against the same injected clock as the cache, so tests move time instead of sleeping
      ({ payload } = await jwtVerify(m[1]!, jwks, {
        issuer: opts.issuer,
        audience: opts.audience,
        algorithms: ['ES256', 'RS256', 'PS256', 'EdDSA'],
        currentDate: new Date(now()),
      }));
    } catch (e) {
      if (e instanceof errors.JWTExpired) throw new AuthError('the token has expired');
      if (e instanceof errors.JWTClaimValidationFailed) throw new AuthError(`the token's "${e.claim}" claim is not accepted here`);
      if (e instanceof errors.JWSSignatureVerificationFailed || e instanceof errors.JWKSNoMatchingKey)
        throw new AuthError('the token signature is not valid for this gateway');
      if (e instanceof errors.JWKSTimeout || (e instanceof errors.JOSEError && e.code === 'ERR_JWKS_INVALID'))
        throw new AuthError('the identity provider could not be reached to verify the token');
      throw new AuthError('the token is malformed or not valid');
    }
    // a token without expiry would be valid forever; one issued in the future was minted with a wrong clock
    // (or to outlive its own lifetime): both are refused
    if (typeof payload.exp !== 'number') throw new AuthError('the token has no "exp" claim: tokens must expire');
    if (payload.iat !== undefined && (typeof payload.iat !== 'number' || payload.iat * 1000 > now() + CLOCK_SKEW_SECONDS * 1000)) {
      throw new AuthError('the token\'s "iat" claim lies in the future');
    }
    const principal = toPrincipal(payload, activeRole, roles);
    verified.set(m[1]!, { payload, exp: payload.exp * 1000 });
    return principal;
  };
}

function toPrincipal(payload: JWTPayload, activeRole: string | string[] | undefined, roles: Readonly<Record<string, RoleDefinition>>): Principal {
  try {
    return principalFromClaims(payload, activeRole, roles);
  } catch (e) {
    if (e instanceof ClaimsError) throw new AuthError(e.message);
    throw e;
  }
}
