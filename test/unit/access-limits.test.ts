import { describe, it, expect } from 'vitest';
import { buildSchema } from '../../src/graphql/schema';
import { checkDocument, documentVerdicts } from '../../src/access/limits/document-checks';
import { LIMITS, ROLE_BUDGETS } from '../../src/access/limits/numbers';

const schema = buildSchema();
// with a verdict cache, as the guards run it: a remembered verdict must never answer for other variables or budgets
const verdicts = documentVerdicts();
const check = (query: string, extra: { variables?: Record<string, unknown>; maxCost?: number; production?: boolean } = {}) =>
  checkDocument({
    schema,
    query,
    variables: extra.variables,
    maxCost: extra.maxCost ?? ROLE_BUDGETS.sagsbehandler.maxCost,
    production: extra.production ?? false,
    verdicts,
  });
const codes = (q: string, extra = {}) => check(q, extra).errors.map((e) => e.extensions.code);

describe('query limits decided from the document alone', () => {
  it('accepts the example-sized queries', () => {
    expect(check('query { sager(first: 20) { nodes { sagsnummer indsatser { id paragraf { kode } } } } }').errors).toEqual([]);
  });
  it('rejects depth beyond the limit, also through fragments', () => {
    const deep = 'query { sager { nodes { indsatser { sag { indsatser { sag { indsatser { id } } } } } } } }';
    expect(codes(deep)).toContain('QUERY_LIMIT_EXCEEDED');
    const viaFragments =
      'query { sager { nodes { ...A } } } fragment A on Sag { indsatser { sag { ...B } } } fragment B on Sag { indsatser { sag { indsatser { sag { sagsnummer } } } } }';
    expect(codes(viaFragments)).toContain('QUERY_LIMIT_EXCEEDED');
  });
  it('rejects more than 15 aliases (1000 aliases is a classic batching attack)', () => {
    const many = `query { ${Array.from({ length: 1000 }, (_, i) => `a${i}:teams{id}`).join(' ')} }`;
    // 1000 aliases also exceed the token limit, which is checked while parsing, before validation
    expect(codes(many)).toEqual(['TOO_MANY_TOKENS']);
    const sixteen = `query { ${Array.from({ length: 16 }, (_, i) => `a${i}: teams { id }`).join(' ')} }`;
    expect(codes(sixteen)).toContain('QUERY_LIMIT_EXCEEDED');
  });
  it('rejects huge documents before parsing', () => {
    const huge = `query { paragraffer { kode } } # ${'x'.repeat(LIMITS.maxDocumentBytes)}`;
    expect(codes(huge)).toEqual(['DOCUMENT_TOO_LARGE']);
  });
  it('counts page sizes in the cost, so a nested-page bomb is refused', () => {
    const bomb = 'query { sager(first: 500) { nodes { borger { sager { indsatser { opfoelgninger { id } } } } } } }';
    const r = check(bomb);
    expect(r.errors.map((e) => e.extensions.code)).toContain('QUERY_TOO_COSTLY');
    // the same shape with small pages fits an interactive role's budget
    expect(check('query { sager(first: 5) { nodes { borger { sager { indsatser { id } } } } } }').errors).toEqual([]);
  });
  it('takes the page size from variables', () => {
    const q = 'query($n: Int) { indsatser(first: $n) { nodes { ydelser { kode } opfoelgninger { id } } } }';
    expect(codes(q, { variables: { n: 5 } })).toEqual([]);
    expect(codes(q, { variables: { n: 500 } })).toContain('QUERY_TOO_COSTLY');
  });
  it('caps borger(cpr:) lookups, also behind aliases and fragments (CPR enumeration)', () => {
    const six = `query { ${Array.from({ length: 6 }, (_, i) => `b${i}: borger(cpr: "0707614285") { id }`).join(' ')} }`;
    expect(codes(six)).toContain('TOO_MANY_CPR_LOOKUPS');
    const frag = `query { ...F ...G } fragment F on Query { a: borger(cpr: "0707614285") { id } b: borger(cpr: "0707614285") { id } c: borger(cpr: "0707614285") { id } } fragment G on Query { d: borger(cpr: "0707614285") { id } e: borger(cpr: "0707614285") { id } f: borger(cpr: "0707614285") { id } }`;
    expect(codes(frag)).toContain('TOO_MANY_CPR_LOOKUPS');
  });
  it('turns introspection off in production only', () => {
    const q = '{ __schema { types { name } } }';
    expect(codes(q)).toEqual([]);
    expect(codes(q, { production: true }).length).toBeGreaterThan(0);
  });
  it('survives recursive fragments without looping (the standard rule reports the cycle)', () => {
    const r = check('query { sager { nodes { ...A } } } fragment A on Sag { indsatser { sag { ...A } } }');
    expect(r.document).toBeDefined();
  });
});

describe('field suggestions', () => {
  it('are removed from messages in production', async () => {
    const { withoutSuggestions } = await import('../../src/graphql/errors');
    expect(withoutSuggestions('Cannot query field "sagr" on type "Query". Did you mean "sag" or "sager"?')).toBe('Cannot query field "sagr" on type "Query".');
  });
});
