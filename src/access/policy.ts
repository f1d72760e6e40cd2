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
  /** may read reconciliation results (afvigelser, grouped prices) */
  mayReconcile: boolean;
  /** may query the access log per CPR (citizen insight requests) */
  mayReadAccessLog: boolean;
  /** may ask the budget follow-up (seed 004): it covers every account of the municipality, so only roles that see every case */
  mayFollowBudget: boolean;
  /** purposes this role may state in `x-formaal` (a request's purpose is logged with every read) */
  purposes: ReadonlySet<Purpose>;
}

/**
 * Roles that see citizens only by pseudonym (no CPR class): they get no `borger(cpr:)` lookup (it would be
 * an oracle from CPR number to pseudonym, age and target groups) and pseudonymous Borger ids.
 */
export function seesCitizensByPseudonym(p: RolePolicy): boolean {
  return !p.sees.has('cpr');
}

const S = (...c: FieldClass[]) => new Set<FieldClass>(c);
const P = (...p: Purpose[]) => new Set<Purpose>(p);

export const POLICY: Readonly<Record<Role, RolePolicy>> = {
  sagsbehandler: {
    rows: 'team',
    sees: S('cpr', 'navn', 'adresse', 'fritekst', 'oekonomi'),
    pseudonymDomain: 'sagsbehandling',
    needsPurpose: true,
    defaultPurpose: null,
    mayDecide: false,
    mayReconcile: false,
    mayReadAccessLog: false,
    mayFollowBudget: false,
    purposes: P('SAGSBEHANDLING', 'OPFOELGNING', 'TILSYN'),
  },
  leder: {
    rows: 'enhed',
    sees: S('cpr', 'navn', 'oekonomi'),
    pseudonymDomain: 'sagsbehandling',
    needsPurpose: true,
    defaultPurpose: null,
    mayDecide: false,
    mayReconcile: true,
    mayReadAccessLog: false,
    mayFollowBudget: false,
    purposes: P('SAGSBEHANDLING', 'OPFOELGNING', 'OEKONOMI', 'TILSYN'),
  },
  oekonomi: {
    rows: 'alle',
    sees: S('oekonomi'),
    pseudonymDomain: 'oekonomi',
    needsPurpose: true,
    defaultPurpose: null,
    mayDecide: true,
    mayReconcile: true,
    mayReadAccessLog: false,
    mayFollowBudget: true,
    purposes: P('OEKONOMI'),
  },
  bi: {
    rows: 'alle',
    sees: S('oekonomi'),
    pseudonymDomain: 'analyse',
    needsPurpose: false,
    defaultPurpose: 'ANALYSE',
    mayDecide: false,
    mayReconcile: true,
    mayReadAccessLog: false,
    mayFollowBudget: true,
    purposes: P('ANALYSE'),
  },
  // an app's rows follow the team/unit in its token; its fields are limited further by its scopes (src/access/app-scopes)
  app: {
    rows: 'team',
    sees: S('cpr', 'navn', 'adresse', 'oekonomi'),
    pseudonymDomain: 'sagsbehandling',
    needsPurpose: true,
    defaultPurpose: null,
    mayDecide: false,
    mayReconcile: false,
    mayReadAccessLog: false,
    mayFollowBudget: false,
    purposes: P('SAGSBEHANDLING', 'OPFOELGNING'),
  },
  borgerindsigt: {
    rows: 'ingen',
    sees: S(),
    pseudonymDomain: 'sagsbehandling',
    needsPurpose: false,
    defaultPurpose: 'BORGERINDSIGT',
    mayDecide: false,
    mayReconcile: false,
    mayReadAccessLog: true,
    mayFollowBudget: false,
    purposes: P('BORGERINDSIGT'),
  },
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
  // the CPR register's copy carries the same name and address as Borger's own fields (issue 8 point 6)
  'CprOplysninger.fornavn': 'navn',
  'CprOplysninger.efternavn': 'navn',
  'CprOplysninger.adresse': 'adresse',
  'Borger.proveniens': 'adresse',
  // a caseworker's free-text reason: checked for CPR numbers on the way in, but free text all the same
  'ManuelBeslutning.begrundelse': 'fritekst',
  'Betaling.tekst': 'fritekst',
  'Indsatsmaal.beskrivelse': 'fritekst',
  'Indsats.betalinger': 'oekonomi',
  'Priser.kontraktOekonomi': 'oekonomi',
  'Priser.faktisk': 'oekonomi',
};

/**
 * Orderings by a personal field: a role that may not see the field may not order by it either (the order of
 * rows, and any keyset in a cursor, would reveal it). Keyed `InputEnum.VALUE`.
 */
export const ORDER_RULES: Readonly<Record<string, FieldClass>> = {
  'BorgerOrderField.EFTERNAVN': 'navn',
};
