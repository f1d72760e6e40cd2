import type { JWTPayload } from 'jose';
import { ROLES, PURPOSES, POLICY, type Purpose, type Role, type RolePolicy } from './policy';
import { ROLE_BUDGETS } from './limits/numbers';
import type { AccessScope } from './scope';

/**
 * Who is asking, from the verified token's claims: `sub` (user or client id), `roles` (or `role`),
 * `team` and `enhed` (numeric fagsystem ids of the caller's team and organisation unit), `scope` (apps),
 * `name`/`org` for the access log's organisation line.
 *
 * A request acts in exactly ONE role (KOMBIT's "aktiv rolle"): rows, fields, pseudonym domain, purposes and
 * budgets all come from that role's row of the policy table — never a union of several roles (a union gave
 * bi's rows with a caseworker's clear fields). A token with several roles must name the one it acts in with
 * the `x-aktiv-rolle` header; without it the request is refused (400 AKTIV_ROLLE_REQUIRED).
 */
export const ACTIVE_ROLE_HEADER = 'x-aktiv-rolle';

export interface RoleBudget {
  maxCost: number;
  citizensPerRequest: number;
  citizensPerMinute: number;
}

export interface Principal {
  userId: string;
  /** the one role this request acts in */
  role: string;
  /** [role]: kept as a list for callers that print it (access log, messages) */
  roles: readonly string[];
  /** every role the token grants (the request still acts in one) */
  grantedRoles: readonly string[];
  teamId: number | null;
  enhedId: number | null;
  organisation: string;
  scopes: string[];
  policy: RolePolicy;
  budget: RoleBudget;
}

export class ClaimsError extends Error {}

/** The token is valid but the request did not (or could not) choose the role it acts in: a 4xx, not a 401. */
export class RoleChoiceError extends Error {
  constructor(
    readonly status: 400 | 403,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RoleChoiceError';
  }
}

/** A role definition: a row of the policy table and its budget (tests may add their own, never a token). */
export interface RoleDefinition {
  policy: RolePolicy;
  budget: RoleBudget;
}

export const ROLE_DEFINITIONS: Readonly<Record<Role, RoleDefinition>> = Object.fromEntries(
  ROLES.map((r) => [r, { policy: POLICY[r], budget: ROLE_BUDGETS[r] }]),
) as Record<Role, RoleDefinition>;

/**
 * The role definitions with the per-minute citizen caps the configuration sets (CITIZEN_LIMIT_PER_MINUTE_<ROLE>,
 * src/config.ts): a municipality whose economy staff export the whole ledger raises `oekonomi`'s cap without a
 * code change. Everything else of a role (rows, fields, cost, the per-request cap) stays as the policy table says.
 */
export function roleDefinitionsWith(citizensPerMinute: Readonly<Partial<Record<Role, number>>>): Readonly<Record<Role, RoleDefinition>> {
  return Object.fromEntries(
    ROLES.map((r) => [r, { policy: POLICY[r], budget: { ...ROLE_BUDGETS[r], citizensPerMinute: citizensPerMinute[r] ?? ROLE_BUDGETS[r].citizensPerMinute } }]),
  ) as Record<Role, RoleDefinition>;
}

/** Team and unit ids are plain JSON integers: "0x2", "2e0", " 2" or 2.0-as-string are refused, never coerced. */
function integerClaim(v: unknown, name: string): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^(0|[1-9][0-9]{0,14})$/.test(v)) return Number(v);
  throw new ClaimsError(`the token's "${name}" claim must be a whole number`);
}

export function principalFromClaims(
  claims: JWTPayload,
  activeRole?: string | string[],
  definitions: Readonly<Record<string, RoleDefinition>> = ROLE_DEFINITIONS,
): Principal {
  if (!claims.sub) throw new ClaimsError('the token has no "sub" claim');
  const raw = claims.roles ?? claims.role;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  const known = Object.keys(definitions);
  const granted = [...new Set(list.filter((r): r is string => typeof r === 'string' && Object.hasOwn(definitions, r)))];
  if (!granted.length) throw new ClaimsError(`the token names no known role (one of ${ROLES.join(', ')})`);
  const teamId = integerClaim(claims.team, 'team');
  const enhedId = integerClaim(claims.enhed, 'enhed');
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
  const organisation = typeof claims.org === 'string' ? claims.org : 'kommunen';

  const header = Array.isArray(activeRole) ? activeRole : activeRole === undefined ? [] : [activeRole];
  if (header.length > 1) throw new RoleChoiceError(400, 'AKTIV_ROLLE_INVALID', `send one "${ACTIVE_ROLE_HEADER}" header, not several`);
  const chosen = header[0]?.trim();
  let role: string;
  if (chosen) {
    if (!known.includes(chosen))
      throw new RoleChoiceError(400, 'AKTIV_ROLLE_INVALID', `"${ACTIVE_ROLE_HEADER}" must be one of the roles of your token (${granted.join(', ')})`);
    if (!granted.includes(chosen))
      throw new RoleChoiceError(
        403,
        'AKTIV_ROLLE_NOT_GRANTED',
        `your token does not grant the role named in "${ACTIVE_ROLE_HEADER}" (it grants ${granted.join(', ')})`,
      );
    role = chosen;
  } else if (granted.length === 1) {
    role = granted[0]!;
  } else {
    throw new RoleChoiceError(
      400,
      'AKTIV_ROLLE_REQUIRED',
      `your token grants several roles (${granted.join(', ')}): name the one this request acts in with the "${ACTIVE_ROLE_HEADER}" header`,
    );
  }
  const { policy, budget } = definitions[role]!;
  if (policy.rows === 'team' && teamId === null) throw new ClaimsError(`role ${role} needs a "team" claim`);
  if (policy.rows === 'enhed' && enhedId === null) throw new ClaimsError(`role ${role} needs an "enhed" claim`);
  return { userId: claims.sub, role, roles: [role], grantedRoles: granted, teamId, enhedId, organisation, scopes, policy, budget };
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

/**
 * The `x-formaal` header, checked against the purposes the active role may state (policy table): a BI
 * analyst cannot log a read as SAGSBEHANDLING, a caseworker not as ANALYSE.
 */
export function parsePurpose(header: string | string[] | undefined): Purpose | null | 'invalid' {
  if (header === undefined) return null;
  const v = (Array.isArray(header) ? header[0] : header)?.trim().toUpperCase();
  if (!v) return null;
  return (PURPOSES as readonly string[]).includes(v) ? (v as Purpose) : 'invalid';
}
