import type { JWTPayload } from 'jose';
import { ROLES, PURPOSES, combinedPolicy, type Purpose, type Role, type RolePolicy } from './policy';
import type { AccessScope } from './scope';

/**
 * Who is asking, from the verified token's claims: `sub` (user or client id), `roles` (or `role`),
 * `team` and `enhed` (numeric fagsystem ids of the caller's team and organisation unit), `scope` (apps),
 * `name`/`org` for the access log's organisation line.
 */
export interface Principal {
  userId: string;
  roles: Role[];
  teamId: number | null;
  enhedId: number | null;
  organisation: string;
  scopes: string[];
  policy: RolePolicy;
}

export class ClaimsError extends Error {}

function numberClaim(v: unknown, name: string): number | null {
  if (v === undefined || v === null) return null;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new ClaimsError(`the token's "${name}" claim must be a number`);
  return n;
}

export function principalFromClaims(claims: JWTPayload): Principal {
  if (!claims.sub) throw new ClaimsError('the token has no "sub" claim');
  const raw = claims.roles ?? claims.role;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  const roles = list.filter((r): r is Role => (ROLES as readonly string[]).includes(r as string));
  if (!roles.length) throw new ClaimsError(`the token names no known role (one of ${ROLES.join(', ')})`);
  const teamId = numberClaim(claims.team, 'team');
  const enhedId = numberClaim(claims.enhed, 'enhed');
  const policy = combinedPolicy(roles);
  if (policy.rows === 'team' && teamId === null) throw new ClaimsError(`role ${roles.join('/')} needs a "team" claim`);
  if (policy.rows === 'enhed' && enhedId === null) throw new ClaimsError(`role ${roles.join('/')} needs an "enhed" claim`);
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
  return { userId: claims.sub, roles, teamId, enhedId, organisation: typeof claims.org === 'string' ? claims.org : 'kommunen', scopes, policy };
}

/** The rows a principal may see, pushed into every connector query. */
export function scopeFor(p: Principal): AccessScope {
  switch (p.policy.rows) {
    case 'alle':
      return { teamIds: null, enhedIds: null };
    case 'enhed':
      return { teamIds: null, enhedIds: [p.enhedId!] };
    case 'team':
      return { teamIds: [p.teamId!], enhedIds: null };
    case 'ingen':
      return { teamIds: [], enhedIds: null };
  }
}

export function parsePurpose(header: string | string[] | undefined): Purpose | null | 'invalid' {
  if (header === undefined) return null;
  const v = (Array.isArray(header) ? header[0] : header)?.trim().toUpperCase();
  if (!v) return null;
  return (PURPOSES as readonly string[]).includes(v) ? (v as Purpose) : 'invalid';
}
