import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../support/gateway';
import { startReconciledStack } from '../support/reconciled-stack';
import type { ReconcileScheduler } from '../../src/reconcile/job/scheduler';
import { toGlobalId } from '../../src/graphql/global-id';
import { toOere } from '../../src/domain/money';
import { prorate } from '../../src/reconcile/rules/matching/amounts';

/**
 * The evidence of a match over HTTP on both engines (issue 11): which fields agreed, the amount deviation
 * (checked against the economy's own contract and posting rows), the candidates that lost and why, the
 * automatic rule beside the match, and Danish descriptions of the afvigelser.
 */
let s: TestStack;
let scheduler: ReconcileScheduler;
const OEK = { 'x-formaal': 'OEKONOMI' };

beforeAll(async () => {
  ({ stack: s, scheduler } = await startReconciledStack({ seed: 3, trigger: true }));
}, 180_000);

afterAll(async () => {
  await scheduler?.stop();
  await s?.close();
});

const ok = (res: { status: number; body: { data?: any; errors?: unknown[] } }): any => {
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return res.body.data!;
};

const Q = `query($id: ID!) { afstemtPostering(postering: $id) {
  indsats { id } automatiskRegel matchregel confidence
  evidens { flag ingenSandsynlighed
    valgt { indsats { id } blokke score sandsynlighed forventetBeloeb beloebAfvigelse felter { felt niveau vaegt enig } }
    andre { indsats { id } score tabteFordi { felt niveau vaegt } } } } }`;

for (const engine of ['mercurius', 'apollo'] as const) {
  describe(`match evidence on ${engine}`, () => {
    const gql = (q: string, v?: Record<string, unknown>) => s.engine(engine).then((e) => e.graphql(q, v, OEK));

    it('shows for a posting after a price rise: the fields that agreed, the amount deviation from the contract, and why other candidates lost', async () => {
      const rise = s.municipality.manifest.matchtilfaelde!.filter((t) => t.art === 'PRISSTIGNING');
      expect(rise.length).toBeGreaterThan(0);
      for (const t of rise.slice(0, 5)) {
        const row = s.municipality.oekonomi.posteringer.find((p) => p.bilagsnr === t.bilagsnr)!;
        const d = ok(await gql(Q, { id: toGlobalId('Betaling', row.postering_id) })).afstemtPostering;
        expect(d.indsats.id).toBe(toGlobalId('Indsats', t.indsats_id!));
        expect(d.automatiskRegel).toBe(d.matchregel);
        const v = d.evidens.valgt;
        expect(v.felter.find((f: { felt: string }) => f.felt === 'cpr').enig).toBe(true);
        expect(v.felter.find((f: { felt: string }) => f.felt === 'beloeb')).toMatchObject({ niveau: 'AFVIGER', enig: false });
        // the expected amount is the indsats' bestilling price for the period, prorated by its days (fagsystem rows)
        const valid = s.municipality.fagsystem.bestillinger.filter(
          (b) => b.indsats_id === t.indsats_id && b.gyldig_fra <= row.periode_fra && (b.gyldig_til === null || b.gyldig_til >= row.periode_fra),
        );
        expect(
          valid.some((b) => prorate(toOere(b.kontraktpris_pr_maaned), row.periode_fra, row.periode_til) === toOere(v.forventetBeloeb)),
          'a bestilling with the expected amount',
        ).toBe(true);
        expect(v.beloebAfvigelse).toBeCloseTo((toOere(row.beloeb) - toOere(v.forventetBeloeb)) / toOere(v.forventetBeloeb), 3);
        for (const a of d.evidens.andre) expect(a.tabteFordi.length).toBeGreaterThan(0);
      }
    });

    it('says why a posting was left for a person, and describes the afvigelser in Danish', async () => {
      const swapped = s.municipality.manifest.matchtilfaelde!.filter((t) => t.art === 'CPR_OMBYTTET');
      const row = s.municipality.oekonomi.posteringer.find((p) => p.bilagsnr === swapped[0]!.bilagsnr)!;
      const d = ok(await gql(Q, { id: toGlobalId('Betaling', row.postering_id) })).afstemtPostering;
      expect(d.evidens.flag).toBe('CPR_OMBYTTET');
      // matched crosswise (the pair was in one batch) or left for a person — never matched to the CPR's indsats
      if (d.indsats) expect(d.indsats.id).toBe(toGlobalId('Indsats', swapped[0]!.indsats_id!));
      const kinds = ok(await gql('{ afvigelser(first: 1) { antalPrArt { art beskrivelse } } }')).afvigelser.antalPrArt;
      expect(kinds.length).toBeGreaterThan(5);
      for (const k of kinds) expect(k.beskrivelse, k.art).toMatch(/[æøå]|\b(en|er|og|på|til|af)\b/);
    });
  });
}
