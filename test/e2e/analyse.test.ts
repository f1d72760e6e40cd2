import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestStack, type TestStack } from '../support/gateway';
import { countBy, indsatsActive, monthsOf } from '../support/analyse-truth';
import { toGlobalId } from '../../src/graphql/global-id';
import { alderPaaDato, type Cpr } from '../../src/domain/identifiers/cpr';

/**
 * Aggregate questions answered in one request, checked against the generator's rows (ground truth) or SQL
 * on the source databases; privacy: one access-log row per question, small cells suppressed for pseudonym
 * roles, the row scope of a team role pushed down.
 */
let stack: TestStack;
let biToken: string;
beforeAll(async () => {
  stack = await startTestStack({});
  biToken = await stack.token({ roles: ['bi'] });
}, 120_000);
afterAll(async () => stack?.close());

const Q = `query($emne: Analyseemne!, $maal: [AnalyseMaal!]!, $g: [Analysedimension!], $f: AnalyseFilter, $s: AnalyseSortering, $n: Int) {
  analyse(emne: $emne, maal: $maal, grupperPaa: $g, filter: $f, sorterEfter: $s, foerste: $n) {
    emne kilde maal antalGrupper afkortet
    grupper { dimensioner { dimension vaerdi tekst } vaerdier antalBorgere undertrykt }
    iAlt { vaerdier antalBorgere undertrykt }
    undertrykkelse { anvendt graense antalUndertrykte forklaring }
  } }`;

type Gruppe = { dimensioner: Array<{ vaerdi: string | null }>; vaerdier: Array<string | null>; antalBorgere: number | null; undertrykt: boolean };
const byKey = (grupper: Gruppe[]) => new Map(grupper.map((g) => [g.dimensioner.map((d) => d.vaerdi).join('|'), g]));

for (const engine of ['mercurius', 'apollo'] as const) {
  describe(`analyse on ${engine}`, () => {
    let s: Pick<TestStack, 'graphql'>;
    beforeAll(async () => {
      s = await stack.engine(engine);
    });

    it('unique citizens per paragraf among indsatser active in a year (actual dates), in one request', async () => {
      const m = stack.municipality;
      const fra = '2025-01-01';
      const til = '2025-12-31';
      stack.sqlCount.fagsystem = 0;
      const res = await s.graphql(Q, {
        emne: 'INDSATS',
        maal: [{ funktion: 'ANTAL_DISTINKTE', felt: 'BORGER' }, { funktion: 'ANTAL' }],
        g: ['PARAGRAF'],
        f: { periode: { fra, til } },
      });
      expect(res.body.errors).toBeUndefined();
      expect(stack.sqlCount.fagsystem).toBe(1);
      const sagBorger = new Map(m.fagsystem.sager.map((x) => [x.sag_id, x.borger_id]));
      const active = m.fagsystem.indsatser.filter((i) => indsatsActive(i, fra, til));
      const citizens = countBy(
        active,
        (i) => i.paragraf,
        (i) => sagBorger.get(i.sag_id)!,
      );
      const indsatser = countBy(
        active,
        (i) => i.paragraf,
        (i) => i.indsats_id,
      );
      const got = byKey(res.body.data.analyse.grupper);
      expect(got.size).toBe(citizens.size);
      for (const [p, set] of citizens) {
        expect(got.get(p!)!.vaerdier, p!).toEqual([String(set.size), String(indsatser.get(p)!.size)]);
      }
      expect(res.body.data.analyse.iAlt.vaerdier).toEqual([String(new Set(active.map((i) => sagBorger.get(i.sag_id))).size), String(active.length)]);
      expect(res.body.data.analyse.undertrykkelse.anvendt).toBe(false);
      expect(res.body.data.analyse.kilde).toBe('FAGSYSTEM');
    });

    it('a monthly time series of active indsatser per paragraf', async () => {
      const m = stack.municipality;
      const fra = '2025-01-01';
      const til = '2025-06-30';
      const res = await s.graphql(Q, { emne: 'INDSATS', maal: [{ funktion: 'ANTAL' }], g: ['MAANED', 'PARAGRAF'], f: { periode: { fra, til } } });
      expect(res.body.errors).toBeUndefined();
      const got = byKey(res.body.data.analyse.grupper);
      let expected = 0;
      for (const month of monthsOf(fra, til)) {
        const first = `${month}-01`;
        const last = `${month}-31`;
        const per = countBy(
          m.fagsystem.indsatser.filter((i) => indsatsActive(i, first, last)),
          (i) => i.paragraf,
          (i) => i.indsats_id,
        );
        for (const [p, set] of per) {
          expected++;
          expect(got.get(`${month}|${p}`)?.vaerdier, `${month} ${p}`).toEqual([String(set.size)]);
        }
      }
      expect(got.size).toBe(expected);
    });

    it('age bands and average kontraktpris per paragraf match SQL on the fagsystem', async () => {
      const idag = stack.municipality.asOf;
      const res = await s.graphql(Q, {
        emne: 'INDSATS',
        maal: [
          { funktion: 'ANTAL_DISTINKTE', felt: 'BORGER' },
          { funktion: 'GNS', felt: 'KONTRAKTPRIS_PR_MAANED' },
        ],
        g: ['PARAGRAF'],
        f: { status: ['AKTIV'] },
      });
      expect(res.body.errors).toBeUndefined();
      const sql = await stack.fagsystemDb.raw(
        `select i.paragraf, count(distinct s.borger_id) as n, round(avg(b.kontraktpris_pr_maaned), 2) as gns
         from indsats i join sag s on s.sag_id = i.sag_id
         left join bestilling b on b.indsats_id = i.indsats_id and b.gyldig_fra <= ? and (b.gyldig_til is null or b.gyldig_til >= ?)
         where i.status = 'AKTIV' group by i.paragraf`,
        [idag, idag],
      );
      const got = byKey(res.body.data.analyse.grupper);
      expect(got.size).toBe(sql.rows.length);
      for (const r of sql.rows) expect(got.get(r.paragraf)!.vaerdier).toEqual([String(r.n), r.gns]);

      const ages = await s.graphql(Q, { emne: 'SAG', maal: [{ funktion: 'ANTAL_DISTINKTE', felt: 'BORGER' }], g: ['ALDERSGRUPPE'], f: { status: ['AABEN'] } });
      expect(ages.body.errors).toBeUndefined();
      // ground truth: age from the CPR number by the domain's own CPR rules (src/domain/identifiers/cpr)
      const cprOf = new Map(stack.municipality.fagsystem.borgere.map((b) => [b.borger_id, b.cpr]));
      const band = (a: number) =>
        a < 18 ? 'UNDER_18' : a < 25 ? '18-24' : a < 35 ? '25-34' : a < 45 ? '35-44' : a < 55 ? '45-54' : a < 65 ? '55-64' : '65_OG_OVER';
      const open = stack.municipality.fagsystem.sager.filter((x) => x.status === 'AABEN');
      const truth = countBy(
        open,
        (x) => band(alderPaaDato(cprOf.get(x.borger_id)! as Cpr, idag)),
        (x) => x.borger_id,
      );
      const gotAges = byKey(ages.body.data.analyse.grupper);
      expect(gotAges.size).toBe(truth.size);
      for (const [b, set] of truth) expect(gotAges.get(b!)!.vaerdier).toEqual([String(set.size)]);
    });

    it('top 10 active delmål per tema (sorted, limited) and VUM-assessed citizens per team', async () => {
      const m = stack.municipality;
      const res = await s.graphql(Q, { emne: 'INDSATSMAAL', maal: [{ funktion: 'ANTAL' }], g: ['TEMA'], f: { status: ['AKTIV'] }, s: { maal: 0 }, n: 3 });
      expect(res.body.errors).toBeUndefined();
      const truth = [
        ...countBy(
          m.fagsystem.indsatsmaal.filter((x) => x.status === 'AKTIV'),
          (x) => x.tema,
          (x) => x.indsatsmaal_id,
        ),
      ]
        .map(([t, set]) => [t, set.size] as const)
        .sort((a, b) => b[1] - a[1] || (a[0]! < b[0]! ? -1 : 1));
      const a = res.body.data.analyse;
      expect(a.grupper.map((g: Gruppe) => Number(g.vaerdier[0]))).toEqual(truth.slice(0, 3).map((t) => t[1]));
      expect(a.antalGrupper).toBe(truth.length);
      expect(a.afkortet).toBe(truth.length > 3);

      const vum = await s.graphql(Q, { emne: 'FUNKTIONSEVNEVURDERING', maal: [{ funktion: 'ANTAL_DISTINKTE', felt: 'BORGER' }], g: ['TEAM'] });
      expect(vum.body.errors).toBeUndefined();
      const sagTeam = new Map(m.fagsystem.sager.map((x) => [x.sag_id, x.team_id]));
      const t = countBy(
        m.fagsystem.funktionsevnevurderinger,
        (v) => String(sagTeam.get(v.sag_id)),
        (v) => v.borger_id,
      );
      const sum = vum.body.data.analyse.grupper.map((g: Gruppe) => Number(g.vaerdier[0])).sort();
      expect(sum).toEqual([...t.values()].map((x) => x.size).sort());
    });

    it('bi: small cells suppressed (and said so), one access-log row per question, no per-citizen log rows', async () => {
      const before = Number((await stack.store.db('adgangslog').count('* as n'))[0]!.n);
      const logBefore = Number((await stack.store.db('analyse_adgangslog').count('* as n'))[0]!.n);
      const res = await s.graphql(
        Q,
        { emne: 'INDSATS', maal: [{ funktion: 'ANTAL_DISTINKTE', felt: 'BORGER' }], g: ['PARAGRAF', 'SAGSBEHANDLER'] },
        { authorization: `Bearer ${biToken}`, 'x-formaal': 'ANALYSE' },
      );
      expect(res.body.errors).toBeUndefined();
      const a = res.body.data.analyse;
      expect(a.undertrykkelse.anvendt).toBe(true);
      expect(a.undertrykkelse.graense).toBe(5);
      const small = a.grupper.filter((g: Gruppe) => g.undertrykt);
      expect(small.length).toBeGreaterThan(1); // the test municipality has rare combinations
      expect(a.undertrykkelse.antalUndertrykte).toBe(small.length);
      for (const g of small) expect(g.vaerdier).toEqual([null]);
      for (const g of a.grupper.filter((x: Gruppe) => !x.undertrykt)) expect(Number(g.vaerdier[0])).toBeGreaterThanOrEqual(5);
      // the exact values of shown groups are the truth
      const m = stack.municipality;
      const sag = new Map(m.fagsystem.sager.map((x) => [x.sag_id, x]));
      const truth = countBy(
        m.fagsystem.indsatser,
        (i) => `${i.paragraf}|${toGlobalId('Sagsbehandler', sag.get(i.sag_id)!.sagsbehandler_id)}`,
        (i) => sag.get(i.sag_id)!.borger_id,
      );
      for (const g of a.grupper.filter((x: Gruppe) => !x.undertrykt))
        expect(g.vaerdier[0]).toBe(String(truth.get(g.dimensioner.map((d: { vaerdi: string | null }) => d.vaerdi).join('|'))!.size));
      expect(Number((await stack.store.db('adgangslog').count('* as n'))[0]!.n)).toBe(before);
      const log = await stack.store.db('analyse_adgangslog').orderBy('analyse_adgangslog_id', 'desc').limit(1);
      expect(Number((await stack.store.db('analyse_adgangslog').count('* as n'))[0]!.n)).toBe(logBefore + 1);
      expect(log[0]).toMatchObject({ emne: 'INDSATS', kilde: 'FAGSYSTEM', rolle: 'bi', formaal: 'ANALYSE', antal_undertrykte: small.length });
    });

    it('a team role sees only its own rows (scope pushed down), without suppression', async () => {
      const m = stack.municipality;
      const team = m.fagsystem.teams[1]!;
      const token = await stack.token({ roles: ['sagsbehandler'], team: team.team_id });
      const res = await s.graphql(
        Q,
        { emne: 'SAG', maal: [{ funktion: 'ANTAL' }], g: ['STATUS'] },
        { authorization: `Bearer ${token}`, 'x-formaal': 'SAGSBEHANDLING' },
      );
      expect(res.body.errors).toBeUndefined();
      const mine = m.fagsystem.sager.filter((x) => x.team_id === team.team_id);
      expect(res.body.data.analyse.iAlt.vaerdier).toEqual([String(mine.length)]);
      const economy = await s.graphql(
        Q,
        { emne: 'POSTERING', maal: [{ funktion: 'SUM', felt: 'BELOEB' }] },
        { authorization: `Bearer ${token}`, 'x-formaal': 'SAGSBEHANDLING' },
      );
      expect(economy.body.errors![0].extensions.code).toBe('FORBIDDEN');
    });

    it('bad input names the argument and the valid choices', async () => {
      const wrongDim = await s.graphql(Q, { emne: 'SAG', maal: [{ funktion: 'ANTAL' }], g: ['KONTO'] });
      expect(wrongDim.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'grupperPaa' });
      expect(wrongDim.body.errors![0].message).toMatch(/SAG cannot be grouped by KONTO; it can be grouped by .*TEAM/);
      const sumOfIds = await s.graphql(Q, { emne: 'INDSATS', maal: [{ funktion: 'SUM', felt: 'BORGER' }] });
      expect(sumOfIds.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'maal[0]' });
      const series = await s.graphql(Q, { emne: 'INDSATS', maal: [{ funktion: 'ANTAL' }], g: ['MAANED'] });
      expect(series.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.periode' });
      const filter = await s.graphql(Q, { emne: 'POSTERING', maal: [{ funktion: 'ANTAL' }], f: { paragraf: ['SEL85'] } });
      expect(filter.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.paragraffer' });
    });
  });
}
