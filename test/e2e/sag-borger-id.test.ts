import { randomUUID } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestStack, type TestStack } from '../support/gateway';

/**
 * `sag { borger { id } }` answers the citizen's id from the case's own row — one fagsystem statement instead
 * of two — and still writes the citizen's access-log row (CPR from SQL on the source) and the same id the full
 * citizen read gives, for a caseworker (plain ids) and for `bi` (pseudonymous ids).
 */
let s: TestStack;
let sag: { sagsnummer: string; team_id: number; enhed_id: number; borger_id: number; cpr: string };

beforeAll(async () => {
  s = await startTestStack({});
  sag = await s
    .fagsystemDb('sag as s')
    .join('team as t', 't.team_id', 's.team_id')
    .join('borger as b', 'b.borger_id', 's.borger_id')
    .orderBy('s.sag_id')
    .first('s.sagsnummer', 's.team_id', 't.enhed_id', 's.borger_id', 'b.cpr');
}, 120_000);
afterAll(async () => s?.close());

async function ask(role: string, query: string) {
  const tx = randomUUID();
  const token = await s.token({ roles: [role], team: sag.team_id, enhed: sag.enhed_id, sub: `id-only-${role}` });
  const purpose = role === 'bi' ? 'ANALYSE' : 'SAGSBEHANDLING';
  const before = s.sqlCount.fagsystem;
  const res = await s.graphql(query, { s: sag.sagsnummer }, { authorization: `Bearer ${token}`, 'x-formaal': purpose, 'x-transaction-id': tx });
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  const logged = await s.store.db('adgangslog').where({ transaktions_id: tx }).pluck('cpr');
  return { id: res.body.data.sag.borger.id as string, statements: s.sqlCount.fagsystem - before, logged };
}

describe('a case with only its citizen’s id', () => {
  for (const role of ['sagsbehandler', 'bi']) {
    it(`${role}: one statement, the citizen logged, the same id as a full read`, async () => {
      const onlyId = await ask(role, 'query($s: String!) { sag(sagsnummer: $s) { borger { id } } }');
      const full = await ask(role, 'query($s: String!) { sag(sagsnummer: $s) { borger { id alder } } }');
      expect(onlyId.statements).toBe(1);
      expect(full.statements).toBe(2); // the citizen's row read as well
      expect(onlyId.id).toBe(full.id);
      expect(onlyId.logged).toEqual([sag.cpr]);
      expect(full.logged).toEqual([sag.cpr]);
    });
  }
});
