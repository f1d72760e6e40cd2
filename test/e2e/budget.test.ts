import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestStack, type TestStack } from '../support/gateway';
import { budgetTruth } from '../support/budget-truth';

/**
 * Seed 004's budget follow-up in one request — forbrug vs korrigeret budget per konto, artskonto and month,
 * forbrugsprocent, restbudget, fremskrivning and prognose — every amount checked to the øre against the
 * generator's rows (ground truth), on real PostgreSQL.
 */
let stack: TestStack;
let token: string;
beforeAll(async () => {
  stack = await startTestStack({});
  token = await stack.token({ roles: ['oekonomi'] });
}, 120_000);
afterAll(async () => stack?.close());

const Q = `query($aar: Int!, $m: Int) { budgetopfoelgning(aar: $aar, tilMaaned: $m) {
  aar tilMaaned tilDato
  konti { konto kontotekst oprindeligtBudget korrektioner korrigeretBudget forbrug forbrugsprocent restbudget fremskrivning prognose prognoseVsBudget
          antalPosteringer antalIndsatserIFremskrivning prArtskonto { artskonto forbrug } prMaaned { maaned forbrug akkumuleret } }
  iAlt { korrigeretBudget forbrug fremskrivning prognose forbrugsprocent } } }`;

for (const engine of ['mercurius', 'apollo'] as const) {
  describe(`budgetopfoelgning on ${engine}`, () => {
    it('every amount is the ground truth, to the øre', async () => {
      const s = await stack.engine(engine);
      const aar = Number(stack.municipality.asOf.slice(0, 4));
      const res = await s.graphql(Q, { aar, m: 6 }, { authorization: `Bearer ${token}`, 'x-formaal': 'OEKONOMI' });
      expect(res.body.errors).toBeUndefined();
      const b = res.body.data.budgetopfoelgning;
      expect(b.tilDato).toBe(`${aar}-06-30`);
      const t = budgetTruth(stack.municipality, aar, `${aar}-06-30`);
      expect(t.korr.size).toBeGreaterThan(0); // corrections exist, so korrigeret differs from oprindeligt
      const konti = new Set([...t.forbrug.keys(), ...t.budget.keys(), ...t.frem.keys()]);
      expect(b.konti.map((k: { konto: string }) => k.konto).sort()).toEqual([...konti].sort());
      let anyPrognose = false;
      for (const k of b.konti) {
        const forbrug = t.forbrug.get(k.konto) ?? 0n;
        expect(k.forbrug, k.konto).toBe(t.kr(forbrug));
        const budget = t.budget.get(k.konto);
        const korrigeret = budget === undefined ? null : budget + (t.korr.get(k.konto) ?? 0n);
        expect(k.oprindeligtBudget).toBe(budget === undefined ? null : t.kr(budget));
        expect(k.korrigeretBudget).toBe(korrigeret === null ? null : t.kr(korrigeret));
        expect(k.restbudget).toBe(korrigeret === null ? null : t.kr(korrigeret - forbrug));
        if (korrigeret) expect(k.forbrugsprocent).toBeCloseTo(Number((forbrug * 1000n) / korrigeret) / 10, 0);
        const frem = t.frem.get(k.konto) ?? 0n;
        expect(k.fremskrivning, k.konto).toBe(t.kr(frem));
        expect(k.prognose).toBe(t.kr(forbrug + frem));
        if (frem > 0n) anyPrognose = true;
        for (const a of k.prArtskonto) expect(a.forbrug).toBe(t.kr(t.perArt.get(`${k.konto}|${a.artskonto}`)!));
        const months = k.prMaaned.map((x: { forbrug: string }) => x.forbrug);
        if (k.prMaaned.length) expect(k.prMaaned.at(-1).akkumuleret).toBe(k.forbrug);
        expect(months.length).toBeLessThanOrEqual(6);
      }
      expect(anyPrognose).toBe(true);
      const total = [...t.forbrug.values()].reduce((a, v) => a + v, 0n);
      expect(b.iAlt.forbrug).toBe(t.kr(total));
    });

    it('a team role is refused (the ledger is not tied to teams); a bad month names the argument', async () => {
      const s = await stack.engine(engine);
      const team = stack.municipality.fagsystem.teams[0]!;
      const caseworker = await stack.token({ roles: ['sagsbehandler'], team: team.team_id });
      const refused = await s.graphql(Q, { aar: 2025 }, { authorization: `Bearer ${caseworker}`, 'x-formaal': 'SAGSBEHANDLING' });
      expect(refused.body.errors![0].extensions.code).toBe('FORBIDDEN');
      const bad = await s.graphql(Q, { aar: 2025, m: 13 }, { authorization: `Bearer ${token}`, 'x-formaal': 'OEKONOMI' });
      expect(bad.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'tilMaaned' });
    });
  });
}
