import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import type { TestStack } from '../support/gateway';
import { busiestTeam, startReconciledStack } from '../support/reconciled-stack';
import type { ReconcileScheduler } from '../../src/reconcile/job/scheduler';
import { toGlobalId } from '../../src/graphql/global-id';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../src/access/auth/dev-key';
import { decodeId } from '../support/operations';

/**
 * Issue 8's afvigelser end to end, on both engines, each checked against the sources (SQL on the fagsystem
 * and the reconciled store, the generator's ground truth) — every test here fails on cc1bf10.
 */
let s: TestStack;
let scheduler: ReconcileScheduler;
let team: number;
let enhed: number;
let teamCprs: Set<string>;
let unitTeams: Set<number>;
const tok: Record<string, string> = {};

beforeAll(async () => {
  ({ stack: s, scheduler } = await startReconciledStack());
  const fag = s.fagsystemDb;
  ({ team, enhed } = await busiestTeam(fag));
  teamCprs = new Set(await fag('sag as s').join('borger as b', 'b.borger_id', 's.borger_id').where('s.team_id', team).distinct().pluck('b.cpr'));
  unitTeams = new Set((await fag('team').where('enhed_id', enhed).pluck('team_id')).map(Number));
  for (const r of ['sagsbehandler', 'leder', 'oekonomi', 'bi']) tok[r] = await s.token({ roles: [r], team, enhed, sub: `i8-${r}` });
  tok.multi = await s.token({ roles: ['sagsbehandler', 'bi'], team, enhed, sub: 'i8-multi' });
}, 180_000);

afterAll(async () => {
  await scheduler?.stop();
  await s?.close();
});

type Answer = { status: number; body: any; headers: Headers };
const purposeOf: Record<string, string> = {
  sagsbehandler: 'SAGSBEHANDLING',
  leder: 'SAGSBEHANDLING',
  oekonomi: 'OEKONOMI',
  bi: 'ANALYSE',
  multi: 'SAGSBEHANDLING',
};

for (const engine of ['mercurius', 'apollo'] as const) {
  describe(`issue 8 on ${engine}`, () => {
    const ask = async (who: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> => {
      const gw = await s.engine(engine);
      const res = await fetch(`${gw.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${tok[who] ?? who}`,
          'x-formaal': purposeOf[who] ?? 'SAGSBEHANDLING',
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: await res.json(), headers: res.headers };
    };
    const logOf = (a: Answer) =>
      s.store
        .db('adgangslog')
        .where({ transaktions_id: a.headers.get('x-transaction-id')! })
        .select('cpr', 'rolle', 'formaal', 'operation');

    it('1: cursors are sealed, bound to ordering and role; no ordering by a field the role may not see', async () => {
      const bi = await ask('bi', '{ borgere(first: 2, orderBy: { field: EFTERNAVN }) { edges { cursor } } }');
      expect(bi.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(bi.body.data?.borgere ?? null).toBeNull();
      const cw = await ask('sagsbehandler', '{ borgere(first: 3, orderBy: { field: EFTERNAVN }) { edges { cursor node { efternavn } } } }');
      expect(cw.body.errors).toBeUndefined();
      for (const e of cw.body.data.borgere.edges) {
        const raw = Buffer.from(e.cursor, 'base64url').toString('latin1');
        expect(raw).not.toContain(e.node.efternavn);
      }
      const last = cw.body.data.borgere.edges.at(-1).cursor;
      // the next page works for the same list and ordering…
      const next = await ask('sagsbehandler', 'query($a: String) { borgere(first: 3, after: $a, orderBy: { field: EFTERNAVN }) { nodes { efternavn } } }', {
        a: last,
      });
      expect(next.body.errors).toBeUndefined();
      // …not for another ordering, another role, or a hand-made keyset
      const other = await ask('sagsbehandler', 'query($a: String) { borgere(first: 3, after: $a) { nodes { id } } }', { a: last });
      expect(other.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const forged = Buffer.from(JSON.stringify(['Andersen', 3])).toString('base64url');
      const f = await ask('sagsbehandler', 'query($a: String) { borgere(first: 3, after: $a, orderBy: { field: EFTERNAVN }) { nodes { id } } }', { a: forged });
      expect(f.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const biPage = await ask('bi', '{ borgere(first: 2) { pageInfo { endCursor } } }');
      const moved = await ask('oekonomi', 'query($a: String) { borgere(first: 2, after: $a) { nodes { pseudonym } } }', {
        a: biPage.body.data.borgere.pageInfo.endCursor,
      });
      expect(moved.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('2: no CPR lookup for pseudonym roles; every lookup, hit or miss, is logged and counted', async () => {
      const cpr = [...teamCprs][0]!;
      for (const who of ['bi', 'oekonomi']) {
        const r = await ask(who, 'query($c: CPR!) { borger(cpr: $c) { pseudonym alder maalgrupper { maalgruppe { navn } } } }', { c: cpr });
        expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(r.body.data?.borger ?? null).toBeNull();
      }
      const outside = s.municipality.fagsystem.borgere.find((b) => !teamCprs.has(b.cpr))!.cpr;
      const miss = await ask('sagsbehandler', 'query($c: CPR!) { borger(cpr: $c) { id } }', { c: outside });
      expect(miss.body.data.borger).toBeNull();
      expect((await logOf(miss)).map((r: any) => r.cpr)).toEqual([outside]);
      // five lookups, in and outside the team: five log records (each counts against the caps like a hit)
      const five = Array.from({ length: 5 }, (_, i) => `b${i}: borger(cpr: "${s.municipality.fagsystem.borgere[i]!.cpr}") { id }`).join(' ');
      const r5 = await ask('sagsbehandler', `{ ${five} }`);
      expect((await logOf(r5)).length).toBe(5);
    });

    it('3: a multi-role token acts in exactly one role, named in x-aktiv-rolle', async () => {
      const q = '{ sager(first: 500) { nodes { borger { cpr fornavn pseudonym } } } }';
      const none = await ask('multi', q);
      expect(none.status).toBe(400);
      expect(none.body.errors[0].extensions.code).toBe('AKTIV_ROLLE_REQUIRED');
      const asBi = await ask('multi', q, undefined, { 'x-aktiv-rolle': 'bi', 'x-formaal': 'ANALYSE' });
      expect(asBi.body.data.sager.nodes.length).toBeGreaterThan(0);
      expect(asBi.body.data.sager.nodes.every((n: any) => n.borger.cpr === null && n.borger.fornavn === null)).toBe(true);
      const asCw = await ask('multi', q, undefined, { 'x-aktiv-rolle': 'sagsbehandler' });
      const cprs = asCw.body.data.sager.nodes.map((n: any) => n.borger.cpr);
      expect(cprs.every((c: string) => teamCprs.has(c))).toBe(true);
      // the pseudonym domain follows the active role, not the token's role order
      const biAlone = await ask('bi', '{ sager(first: 500) { nodes { borger { pseudonym } } } }');
      expect(new Set(asBi.body.data.sager.nodes.map((n: any) => n.borger.pseudonym))).toEqual(
        new Set(biAlone.body.data.sager.nodes.map((n: any) => n.borger.pseudonym)),
      );
      const notGranted = await ask('multi', q, undefined, { 'x-aktiv-rolle': 'oekonomi' });
      expect(notGranted.status).toBe(403);
    });

    it('5: case data without a Borger needs a purpose and logs its citizens', async () => {
      const q = '{ indsatser(first: 20) { nodes { id betalinger { tekst beloeb } indsatsmaal { beskrivelse } } } }';
      const without = await ask('sagsbehandler', q, undefined, { 'x-formaal': '' });
      expect(without.status).toBe(403);
      expect(without.body.errors[0].extensions.code).toBe('PURPOSE_REQUIRED');
      const withPurpose = await ask('sagsbehandler', q);
      expect(withPurpose.body.errors).toBeUndefined();
      const ids = withPurpose.body.data.indsatser.nodes.map((n: any) => Number(decodeId(n.id).key));
      const expected = await s
        .fagsystemDb('indsats as i')
        .join('sag as s', 's.sag_id', 'i.sag_id')
        .join('borger as b', 'b.borger_id', 's.borger_id')
        .whereIn('i.indsats_id', ids)
        .distinct()
        .pluck('b.cpr');
      const logged = (await logOf(withPurpose)).map((r: any) => r.cpr);
      expect(new Set(logged)).toEqual(new Set(expected));
      expect(logged.length).toBe(new Set(logged).size);
    });

    it('6: leder sees no address through Borger.cprRegister.adresse either', async () => {
      const r = await ask('leder', '{ sager(first: 20) { nodes { borger { adresse { adresse } cprRegister { fornavn adresse { adresse } } } } } }');
      expect(r.body.errors).toBeUndefined();
      for (const n of r.body.data.sager.nodes) {
        expect(n.borger.adresse).toBeNull();
        expect(n.borger.cprRegister?.adresse ?? null).toBeNull();
      }
      expect(r.body.extensions.warnings.some((w: any) => w.message.startsWith('CprOplysninger.adresse'))).toBe(true);
    });

    it('7: variable defaults and nodes(ids:) count in the cost', async () => {
      const r = await ask('sagsbehandler', 'query($n: Int = 500) { indsatser(first: $n) { nodes { ydelser { kode } opfoelgninger { id } } } }');
      expect(r.status).toBe(400);
      expect(r.body.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
      const ids = Array.from({ length: 20_000 }, (_, i) => toGlobalId('Betaling', i + 1));
      const n = await ask('sagsbehandler', 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
      expect(n.status).toBe(400);
      expect(n.body.errors[0].extensions.code).toBe('TOO_MANY_IDS');
    });

    it("8: leder's reconciliation reads follow the unit's rows", async () => {
      const r = await ask(
        'leder',
        '{ prissammenligning(grupperPaa: [TEAM], first: 500) { nodes { gruppe { team { id } } faktisk } } afvigelser(first: 500) { totalCount nodes { indsats { id } borger { id } postering { bilagsnr } } } }',
      );
      expect(r.body.errors).toBeUndefined();
      const teams = r.body.data.prissammenligning.nodes.map((n: any) => Number(decodeId(n.gruppe.team.id).key));
      expect(teams.length).toBeGreaterThan(0);
      for (const t of teams) expect(unitTeams.has(t)).toBe(true);
      const scoped = await s.store
        .db('indsats_afstemning')
        .whereIn('team_id', [...unitTeams])
        .pluck('indsats_id');
      const inScope = new Set(scoped.map(Number));
      const all = Number((await s.store.db('afvigelse').count('* as n'))[0]!.n);
      expect(r.body.data.afvigelser.totalCount).toBeLessThan(all);
      for (const a of r.body.data.afvigelser.nodes) if (a.indsats) expect(inScope.has(Number(decodeId(a.indsats.id).key))).toBe(true);
      // manual decisions: only those on postings matched to the unit's indsatser (checked against the store)
      const all2 = await s.store
        .db('postering_match')
        .select('postering_id', 'indsats_id')
        .whereIn('postering_id', s.store.db('manuel_beslutning').select('postering_id'));
      const decided = await ask('leder', '{ manuelleBeslutninger(first: 500) { postering } }');
      expect(decided.body.errors).toBeUndefined();
      const expectedDecided = all2.filter((x: any) => inScope.has(Number(x.indsats_id))).map((x: any) => toGlobalId('Betaling', Number(x.postering_id)));
      expect(new Set(decided.body.data.manuelleBeslutninger.map((d: any) => d.postering))).toEqual(new Set(expectedDecided));
    });

    it('9: a manual decision reason is free text for bi and leder, and no CPR spelling gets in', async () => {
      const posting = await s.store.db('postering_match').whereNotNull('indsats_id').orderBy('postering_id', 'desc').first();
      const m = 'mutation($in: ManuelBeslutningInput!) { registrerAfstemningsbeslutning(input: $in) { beslutning { begrundelse } } }';
      for (const reason of ['Borger 010180 1234 ringede', 'jf. cpr.nr. 01.01.80-1234', 'Borger 010180–1234']) {
        const r = await ask(s.defaultToken, m, { in: { postering: toGlobalId('Betaling', posting.postering_id), handling: 'BEKRAEFT', begrundelse: reason } });
        expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      }
      const okd = await ask(s.defaultToken, m, {
        in: { postering: toGlobalId('Betaling', posting.postering_id), handling: 'BEKRAEFT', begrundelse: 'Faktura kontrolleret mod kontrakt' },
      });
      expect(okd.body.errors).toBeUndefined();
      const bi = await ask('bi', '{ manuelleBeslutninger { historik { begrundelse } } }');
      expect(bi.body.errors).toBeUndefined();
      const texts = bi.body.data.manuelleBeslutninger.flatMap((x: any) => x.historik.map((h: any) => h.begrundelse));
      expect(texts.length).toBeGreaterThan(0);
      expect(texts.every((t: unknown) => t === null)).toBe(true);
    });

    it('10: tokens without exp, issued in the future, or with a hex team are refused', async () => {
      const sign = (claims: Record<string, unknown>, f: (j: SignJWT) => SignJWT) =>
        f(
          new SignJWT({ sub: 'i8-x', ...claims })
            .setProtectedHeader({ alg: 'ES256', kid: s.devKey.publicJwk.kid })
            .setIssuer(DEV_ISSUER)
            .setAudience(DEV_AUDIENCE),
        ).sign(s.devKey.privateKey);
      const future = Math.floor(Date.now() / 1000) + 3600;
      for (const [t, re] of [
        [await sign({ roles: ['bi'] }, (j) => j.setIssuedAt()), /exp/],
        [await sign({ roles: ['bi'] }, (j) => j.setIssuedAt(future).setExpirationTime(future + 600)), /iat/],
        [await sign({ roles: ['sagsbehandler'], team: '0x2' }, (j) => j.setIssuedAt().setExpirationTime('1h')), /team/],
      ] as const) {
        const r = await ask(t, '{ teams { id } }');
        expect(r.status).toBe(401);
        expect(r.body.errors[0].message).toMatch(re);
      }
    });

    it('12: purpose tied to role; transaction id and operation name cannot carry words into the access log', async () => {
      const wrong = await ask('bi', '{ sager(first: 1) { sagsnummer } }', undefined, { 'x-formaal': 'SAGSBEHANDLING' });
      expect(wrong.status).toBe(403);
      expect(wrong.body.errors[0].extensions.code).toBe('PURPOSE_NOT_ALLOWED');
      const cpr = [...teamCprs][0]!;
      const r = await ask(
        'sagsbehandler',
        'query Kiggede_paa_naboen_til_Hansen_fordi_hun_er_nysgerrig_og_vil_vide_alt_om_ham_nu { borger(cpr: "' + cpr + '") { id } }',
        undefined,
        { 'x-transaction-id': 'Hansen-kiggede-her-0101801234' },
      );
      const tx = r.headers.get('x-transaction-id')!;
      expect(tx).toMatch(/^[0-9a-f-]{36}$/);
      const rows = await logOf(r);
      expect(rows).toHaveLength(1);
      expect(rows[0].operation).toBe('anonymous');
    });

    it('12: an address is withheld when the CPR register does not know the citizen', async () => {
      const cpr = '0202020202';
      expect(s.municipality.serviceplatformen.personer.some((p) => p.cpr === cpr)).toBe(false);
      if (!(await s.fagsystemDb('borger').where({ cpr }).first())) {
        await s.fagsystemDb('borger').insert({
          borger_id: 999_999,
          cpr,
          fornavn: 'Ukendt',
          efternavn: 'Icpr',
          adresse: 'Skjultvej 1',
          postnummer: '8000',
          bynavn: 'Aarhus C',
          kommunekode: '751',
        });
      }
      const r = await ask(s.defaultToken, 'query($c: CPR!) { borger(cpr: $c) { fornavn adresse { adresse } cprRegister { status } } }', { c: cpr });
      expect(r.body.data.borger.fornavn).toBe('Ukendt');
      expect(r.body.data.borger.cprRegister).toBeNull();
      expect(r.body.data.borger.adresse).toBeNull();
      expect(JSON.stringify(r.body)).not.toContain('Skjultvej');
      expect(r.body.extensions.warnings.some((w: any) => w.code === 'ADRESSE_TILBAGEHOLDT')).toBe(true);
    });

    it('12: pseudonym roles get pseudonymous Borger ids, in their own domain', async () => {
      const q = '{ sager(first: 5) { nodes { borger { id pseudonym } } } }';
      const bi = (await ask('bi', q)).body.data.sager.nodes.map((n: any) => n.borger);
      const oek = (await ask('oekonomi', q)).body.data.sager.nodes.map((n: any) => n.borger);
      for (let i = 0; i < bi.length; i++) {
        expect(decodeId(bi[i].id).key).not.toMatch(/^\d+$/);
        expect(bi[i].id).not.toBe(oek[i].id);
      }
      const back = await ask('bi', 'query($id: ID!) { node(id: $id) { ... on Borger { pseudonym } } }', { id: bi[0].id });
      expect(back.body.data.node.pseudonym).toBe(bi[0].pseudonym);
      // a plain fagsystem id is not accepted from a pseudonym role (it would link the domains)
      const plain = await ask('bi', 'query($id: ID!) { node(id: $id) { ... on Borger { pseudonym } } }', {
        id: toGlobalId('Borger', s.municipality.fagsystem.borgere[0]!.borger_id),
      });
      expect(plain.body.data.node).toBeNull();
      const crossed = await ask('oekonomi', 'query($id: ID!) { node(id: $id) { ... on Borger { pseudonym } } }', { id: bi[0].id });
      expect(crossed.body.data.node).toBeNull();
    });
  });
}

describe('12: unauthenticated /readyz does not call the sources on every hit', () => {
  it('reuses one answer', async () => {
    await s.resetCounts();
    for (let i = 0; i < 20; i++) expect((await fetch(`${s.url}/readyz`)).status).toBeLessThan(600);
    expect((await s.httpCalls()).tilbudsportalen).toBeLessThanOrEqual(1);
  });
});
