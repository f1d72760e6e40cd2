import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestStack, type TestStack } from '../support/gateway';
import { decodeId, globalId } from '../support/operations';
import { POLICY, ROLES, FIELD_RULES, type Role } from '../../src/access/policy';

/**
 * The role × field × path matrix, generated from the policy table: for every role and every path to a
 * citizen (borger(cpr:), sager → borger, indsatser → sag → borger, node(id)), the caller sees exactly the rows
 * of their row rule and exactly the fields of their field classes; masked fields are null with a WARNING;
 * a protected address never appears; and the access log has exactly one record per citizen per request.
 * Runs on both engines. (The `app` role runs only registered operations; it has its own test below.)
 */
const BORGER_FIELDS = 'id cpr foedselsdato fornavn efternavn adresse { adresse } cprRegister { status adresse { adresse } } pseudonym proveniens { adressebeskyttelse adresse { valgt } }';
const PATHS = {
  'borger(cpr:)': { query: `query($cpr: CPR!) { borger(cpr: $cpr) { ${BORGER_FIELDS} } }`, pick: (d: any) => (d.borger ? [d.borger] : []) },
  'sager → borger': { query: `{ sager(first: 40) { nodes { id borger { ${BORGER_FIELDS} } } } }`, pick: (d: any) => d.sager.nodes.map((n: any) => n.borger) },
  'indsatser → sag → borger': { query: `{ indsatser(first: 40) { nodes { sag { id borger { ${BORGER_FIELDS} } } } } }`, pick: (d: any) => d.indsatser.nodes.map((n: any) => n.sag.borger) },
  'node(id)': { query: `query($id: ID!) { node(id: $id) { ... on Borger { ${BORGER_FIELDS} } } }`, pick: (d: any) => (d.node ? [d.node] : []) },
} as const;
const MATRIX_ROLES = ROLES.filter((r) => r !== 'app');
const BORGER_RULES = Object.entries(FIELD_RULES).filter(([k]) => k.startsWith('Borger.')).map(([k, c]) => [k.slice('Borger.'.length), c] as const);

let s: TestStack;
let team: number;
let enhed: number;
const tokens = new Map<Role, string>();
let visibleBorgere: Record<Role, Set<number>>;
let cprOf: Map<number, string>;
let protectedCpr: Set<string>;

beforeAll(async () => {
  s = await startTestStack({});
  const fag = s.fagsystemDb;
  const top = await fag('sag as s').join('team as t', 't.team_id', 's.team_id').groupBy('s.team_id', 't.enhed_id').orderByRaw('count(*) desc').first('s.team_id', 't.enhed_id');
  team = top.team_id;
  enhed = top.enhed_id;
  for (const role of ROLES) tokens.set(role, await s.token({ roles: [role], team, enhed, scope: role === 'app' ? 'operation:Sagsoverblik' : undefined }));
  const byRule = async (rule: string) => {
    const q = fag('sag as s').join('team as t', 't.team_id', 's.team_id');
    if (rule === 'team') q.where('s.team_id', team);
    if (rule === 'enhed') q.where('t.enhed_id', enhed);
    if (rule === 'ingen') q.whereRaw('false');
    return new Set<number>(await q.distinct().pluck('s.borger_id'));
  };
  visibleBorgere = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await byRule(POLICY[r].rows)]))) as Record<Role, Set<number>>;
  cprOf = new Map(s.municipality.fagsystem.borgere.map((b) => [b.borger_id, b.cpr]));
  protectedCpr = new Set(s.municipality.serviceplatformen.personer.filter((p) => p.adressebeskyttelse).map((p) => p.cpr));
}, 120_000);
afterAll(async () => s?.close());

async function logRowsFor(transactionId: string) {
  return s.store.db('adgangslog').where({ transaktions_id: transactionId }).select('cpr', 'rolle', 'formaal', 'operation');
}

for (const engineName of ['mercurius', 'apollo'] as const) {
  describe(`access matrix on ${engineName}`, () => {
    for (const role of MATRIX_ROLES) {
      for (const [pathName, path] of Object.entries(PATHS)) {
        it(`${role} via ${pathName}`, async () => {
          const gw = await s.engine(engineName);
          const p = POLICY[role];
          const visible = visibleBorgere[role];
          const inside = [...visible][0] ?? s.municipality.fagsystem.borgere[0]!.borger_id;
          const outside = s.municipality.fagsystem.borgere.find((b) => !visible.has(b.borger_id))?.borger_id;
          const variables = pathName === 'borger(cpr:)' ? { cpr: cprOf.get(inside) } : pathName === 'node(id)' ? { id: globalId('Borger', inside) } : undefined;
          const purpose: Record<string, string> = p.needsPurpose ? { 'x-formaal': 'SAGSBEHANDLING' } : {};
          const res = await fetch(`${gw.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(role)}`, ...purpose },
            body: JSON.stringify({ query: path.query, variables }),
          });
          const body = (await res.json()) as any;
          expect(res.status, JSON.stringify(body.errors)).toBe(200);
          expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
          const borgere: any[] = path.pick(body.data);

          // rows: exactly the row rule (pushed into SQL)
          for (const b of borgere) expect(visible.has(Number(decodeId(b.id).key)), `${role} sees borger ${decodeId(b.id).key}`).toBe(true);
          if (p.rows === 'ingen') expect(borgere).toHaveLength(0);
          else expect(borgere.length).toBeGreaterThan(0);

          // fields: exactly the field classes; masked ones null + one WARNING per field
          const warnings: any[] = body.extensions?.warnings ?? [];
          for (const b of borgere) {
            const id = Number(decodeId(b.id).key);
            const cpr = cprOf.get(id)!;
            for (const [field, cls] of BORGER_RULES) {
              if (!p.sees.has(cls)) expect(b[field], `${role} must not see Borger.${field}`).toBeNull();
            }
            if (p.sees.has('cpr')) expect(b.cpr).toBe(cpr);
            if (p.sees.has('navn')) expect(b.fornavn).not.toBeNull();
            // name-and-address protection: never an address, whoever asks
            if (protectedCpr.has(cpr)) {
              expect(b.adresse).toBeNull();
              expect(b.cprRegister?.adresse ?? null).toBeNull();
              expect(b.proveniens?.adresse?.valgt ?? null).toBeNull();
            } else if (p.sees.has('adresse')) expect(b.adresse).not.toBeNull();
            expect(b.pseudonym).toMatch(/^[A-Za-z0-9_-]{22}$/);
            expect(b.pseudonym).not.toContain(cpr);
          }
          const masked = BORGER_RULES.filter(([, c]) => !p.sees.has(c)).map(([f]) => `Borger.${f}`);
          if (borgere.length) for (const f of masked) expect(warnings.some((w) => w.type === 'WARNING' && w.code === 'FELT_SKJULT' && w.message.startsWith(f)), `warning for ${f}`).toBe(true);

          // access log: one record per citizen per request, with role and purpose
          const tx = res.headers.get('x-transaction-id')!;
          const rows = await logRowsFor(tx);
          const cprs = new Set(borgere.map((b) => cprOf.get(Number(decodeId(b.id).key))!));
          expect(rows.map((r: any) => r.cpr).sort()).toEqual([...cprs].sort());
          for (const r of rows) {
            expect(r.rolle).toBe(role);
            expect(r.formaal).toBe(p.needsPurpose ? 'SAGSBEHANDLING' : p.defaultPurpose);
          }

          // a citizen outside the row rule is invisible by CPR and by id, like one that does not exist
          if (outside !== undefined && (pathName === 'borger(cpr:)' || pathName === 'node(id)')) {
            const v2 = pathName === 'borger(cpr:)' ? { cpr: cprOf.get(outside) } : { id: globalId('Borger', outside) };
            const r2 = (await (await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(role)}`, ...purpose }, body: JSON.stringify({ query: path.query, variables: v2 }) })).json()) as any;
            expect(path.pick(r2.data)).toHaveLength(0);
          }
        });
      }
    }

    it('app: runs only the registered operations its scopes name', async () => {
      const gw = await s.engine(engineName);
      const { readFileSync } = await import('node:fs');
      const { join } = await import('node:path');
      const { OPERATIONS_DIR } = await import('../../src/access/safelist');
      const op = readFileSync(join(OPERATIONS_DIR, 'frontend/sagsoverblik.graphql'), 'utf8');
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${tokens.get('app')}`, 'x-formaal': 'SAGSBEHANDLING' };
      const cpr = cprOf.get([...visibleBorgere.app][0]!);
      const ok = await fetch(`${gw.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: op, variables: { cpr } }) });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as any).data.borger).not.toBeNull();
      const adhoc = await fetch(`${gw.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: `{ borgere { nodes { cpr } } }` }) });
      expect(adhoc.status).toBe(400);
      expect(((await adhoc.json()) as any).errors[0].extensions.code).toBe('OPERATION_NOT_REGISTERED');
      const other = readFileSync(join(OPERATIONS_DIR, 'bi/indsatser-pr-paragraf.graphql'), 'utf8');
      const denied = await fetch(`${gw.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: other, variables: { paragraf: ['SEL85'], fra: '2025-01-01', til: '2025-12-31' } }) });
      expect(denied.status).toBe(403);
    });
  });
}

describe('policy table coverage', () => {
  it('every masked Borger field is exercised by the matrix query', () => {
    for (const [f] of BORGER_RULES) expect(BORGER_FIELDS).toContain(f);
  });
});
