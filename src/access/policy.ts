/**
 * THE policy table: one row per role says which rows it sees, which personal fields it sees in clear, and
 * what it may do. Row rules are pushed into the connectors' SQL through the AccessScope (src/access/scope);
 * field rules are applied by src/access/field-masking to the fields listed in FIELD_RULES; the role × field
 * × path test matrix is generated from this table (test/e2e/access-matrix.test.ts).
 */
export const ROLES = ['sagsbehandler', 'leder', 'oekonomi', 'bi', 'app', 'borgerindsigt'] as const;
export type Role = (typeof ROLES)[number];

/** Purposes a request can declare in the `x-formaal` header (logged with every citizen-level read). */
export const PURPOSES = ['SAGSBEHANDLING', 'OPFOELGNING', 'OEKONOMI', 'ANALYSE', 'TILSYN', 'BORGERINDSIGT'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** Field visibility classes; FIELD_RULES maps schema fields to them. */
export type FieldClass = 'cpr' | 'navn' | 'adresse' | 'fritekst' | 'oekonomi';

export interface RolePolicy {
  /** team: cases of the caller's own team; enhed: of their organisation unit; alle: every case; ingen: no case data */
  rows: 'team' | 'enhed' | 'alle' | 'ingen';
  /** field classes shown in clear; others are null + WARNING */
  sees: ReadonlySet<FieldClass>;
  /** keyed-pseudonym domain for `Borger.pseudonym` (one HMAC secret per domain, EDPB 01/2025) */
  pseudonymDomain: 'sagsbehandling' | 'oekonomi' | 'analyse';
  /** CPR-level reads are refused without a purpose header */
  needsPurpose: boolean;
  /** purpose assumed when the header is absent and the role does not need one */
  defaultPurpose: Purpose | null;
  /** may run reconciliation mutations (manual decisions, re-run) */
  mayDecide: boolean;
  /** may read reconciliation results (discrepancies, grouped prices) */
  mayReconcile: boolean;
  /** may query the access log per CPR (citizen insight requests) */
  mayReadAccessLog: boolean;
}

const S = (...c: FieldClass[]) => new Set<FieldClass>(c);

export const POLICY: Readonly<Record<Role, RolePolicy>> = {
  sagsbehandler: { rows: 'team', sees: S('cpr', 'navn', 'adresse', 'fritekst', 'oekonomi'), pseudonymDomain: 'sagsbehandling', needsPurpose: true, defaultPurpose: null, mayDecide: false, mayReconcile: false, mayReadAccessLog: false },
  leder: { rows: 'enhed', sees: S('cpr', 'navn', 'oekonomi'), pseudonymDomain: 'sagsbehandling', needsPurpose: true, defaultPurpose: null, mayDecide: false, mayReconcile: true, mayReadAccessLog: false },
  oekonomi: { rows: 'alle', sees: S('oekonomi'), pseudonymDomain: 'oekonomi', needsPurpose: true, defaultPurpose: null, mayDecide: true, mayReconcile: true, mayReadAccessLog: false },
  bi: { rows: 'alle', sees: S('oekonomi'), pseudonymDomain: 'analyse', needsPurpose: false, defaultPurpose: 'ANALYSE', mayDecide: false, mayReconcile: true, mayReadAccessLog: false },
  // an app's rows follow the team/unit in its token; its fields are limited further by its scopes (src/access/app-scopes)
  app: { rows: 'team', sees: S('cpr', 'navn', 'adresse', 'oekonomi'), pseudonymDomain: 'sagsbehandling', needsPurpose: true, defaultPurpose: null, mayDecide: false, mayReconcile: false, mayReadAccessLog: false },
  borgerindsigt: { rows: 'ingen', sees: S(), pseudonymDomain: 'sagsbehandling', needsPurpose: false, defaultPurpose: 'BORGERINDSIGT', mayDecide: false, mayReconcile: false, mayReadAccessLog: true },
};

/**
 * Personal or sensitive fields and their class. A field listed here must be nullable in the schema
 * (checked when the schema is built), so masking nulls the field, never its parent.
 */
export const FIELD_RULES: Readonly<Record<string, FieldClass>> = {
  'Borger.cpr': 'cpr',
  'Borger.foedselsdato': 'cpr',
  'Borger.fornavn': 'navn',
  'Borger.efternavn': 'navn',
  'Borger.adresse': 'adresse',
  'Borger.cprRegister': 'navn',
  'Borger.proveniens': 'adresse',
  'Betaling.tekst': 'fritekst',
  'Indsatsmaal.beskrivelse': 'fritekst',
  'Indsats.betalinger': 'oekonomi',
  'Priser.kontraktOekonomi': 'oekonomi',
  'Priser.faktisk': 'oekonomi',
};

/** The combined policy of a principal with several roles: the union of what each role allows. */
export function combinedPolicy(roles: readonly Role[]): RolePolicy {
  const ps = roles.map((r) => POLICY[r]);
  const rank = { ingen: 0, team: 1, enhed: 2, alle: 3 } as const;
  const widest = ps.reduce((a, p) => (rank[p.rows] > rank[a.rows] ? p : a), ps[0]!);
  return {
    rows: widest.rows,
    sees: new Set(ps.flatMap((p) => [...p.sees])),
    pseudonymDomain: ps[0]!.pseudonymDomain,
    needsPurpose: ps.some((p) => p.needsPurpose),
    defaultPurpose: ps.every((p) => !p.needsPurpose) ? ps[0]!.defaultPurpose : null,
    mayDecide: ps.some((p) => p.mayDecide),
    mayReconcile: ps.some((p) => p.mayReconcile),
    mayReadAccessLog: ps.some((p) => p.mayReadAccessLog),
  };
}
