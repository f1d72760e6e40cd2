import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestStack, type TestStack } from '../support/gateway';
import { globalId } from '../support/operations';
import { POLICY, ROLES, type Role } from '../../src/access/policy';

/**
 * Both engines compile a document (graphql-jit) once it has been seen twice; from then on it runs compiled
 * (Mercurius's adaptive jit; Apollo's through src/server/engines/apollo-jit).
 * A compiled run must answer exactly as graphql-js did on the first run, on every access path: masked fields
 * null with their WARNING, rows outside the row rule absent, abstract types (node(id) with fragments), and a
 * malformed variable refused with the scalar's own message. Each document is sent several times per role,
 * after the background compile has had its turn, and every answer is compared with the first.
 */

/**
 * The gateway runs in this process, and both engines queue the compile with `setImmediate` while they execute
 * a request (Mercurius with eluThreshold 1: never deferred to its busy-loop timer). Immediates run in the order
 * they were queued, so once an immediate queued after the answer arrived has run, the compile has run too.
 */
const compileTurn = () => new Promise<void>((r) => setImmediate(r));
const BORGER = 'id cpr foedselsdato fornavn efternavn adresse { adresse } pseudonym';
const DOCS = {
  'sager → borger (masking, warnings)': { query: `{ sager(first: 15) { nodes { id status borger { ${BORGER} } } } }` },
  'node(id) with fragments (abstract type)': { query: `query($id: ID!) { node(id: $id) { id ... on Borger { ${BORGER} } ... on Sag { sagsnummer } } }` },
  'indsatser → sag → borger, nested lists': {
    query: `{ indsatser(first: 15) { nodes { id bestillinger { kontraktprisPrMaaned } sag { borger { ${BORGER} } } } } }`,
  },
};
const ROLES_UNDER_TEST = ROLES.filter((r) => r !== 'app');

let s: TestStack;
const urls = new Map<string, string>();
const tokens = new Map<Role, string>();
let borgerId: number;

beforeAll(async () => {
  s = await startTestStack({});
  const top = await s.fagsystemDb('sag as s').join('team as t', 't.team_id', 's.team_id').first('s.team_id', 't.enhed_id', 's.borger_id');
  borgerId = top.borger_id;
  urls.set('mercurius', s.url);
  urls.set('apollo', (await s.engine('apollo')).url);
  for (const role of ROLES_UNDER_TEST) tokens.set(role, await s.token({ roles: [role], team: top.team_id, enhed: top.enhed_id }));
}, 120_000);
afterAll(async () => s?.close());

async function post(engine: string, role: Role, query: string, variables?: Record<string, unknown>) {
  const res = await fetch(`${urls.get(engine)}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${tokens.get(role)}`,
      ...(POLICY[role].needsPurpose ? { 'x-formaal': [...POLICY[role].purposes][0]! } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: Array<{ message: string }>; extensions?: unknown } };
}

describe.each(['mercurius', 'apollo'])('%s: compiled (jit) execution answers as graphql-js did', (engine) => {
  for (const [name, doc] of Object.entries(DOCS)) {
    it(name, async () => {
      for (const role of ROLES_UNDER_TEST) {
        const variables = name.startsWith('node') ? { id: globalId('Borger', borgerId) } : undefined;
        const first = await post(engine, role, doc.query, variables);
        expect(first.status, JSON.stringify(first.body.errors)).toBe(200);
        for (let i = 0; i < 4; i++) {
          await compileTurn();
          const again = await post(engine, role, doc.query, variables);
          expect(again, `${role}, run ${i + 2}`).toEqual(first);
        }
      }
    });
  }

  it("a malformed CPR variable is refused with the scalar's message on every run", async () => {
    const query = `query($c: CPR!) { borger(cpr: $c) { id } }`;
    const first = await post(engine, 'sagsbehandler', query, { c: '3199991234' });
    expect(first.body.errors?.[0]?.message).toMatch(/valid date/);
    for (let i = 0; i < 4; i++) {
      await compileTurn();
      expect(await post(engine, 'sagsbehandler', query, { c: '3199991234' })).toEqual(first);
    }
  });
});
