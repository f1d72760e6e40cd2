import { describe, it, expect } from 'vitest';
import type { MatchIndsats, MatchPosting } from '../../src/reconcile/rules/matching/types';
import { CPR_A, CPR_B, indsats, posting, twoCitizens } from '../support/matching-fixtures';
import { MatchingIndex } from '../../src/reconcile/rules/matching/index';
import { prorate } from '../../src/reconcile/rules/matching/amounts';
import { citizenEvidence } from '../../src/reconcile/rules/linkage/citizen';
import { linkPosting, type LinkOutcome } from '../../src/reconcile/rules/linkage/decide';
import { assignBatch } from '../../src/reconcile/rules/linkage/assign';
import { oneTypo, type ScoreContext } from '../../src/reconcile/rules/linkage/score';
import { expandEvidens } from '../../src/reconcile/rules/linkage/evidence-api';
import { encodeEvidens } from '../../src/reconcile/rules/linkage/evidence-codec';
import { findCprNumbers, normaliseCprField } from '../../src/domain/identifiers';

/**
 * The record-linkage matcher (issue 11) on hand-made postings and indsatser: blocking, field weights, the
 * decision and the batch assignment (fixtures: test/support/matching-fixtures).
 */
const price = (oere: number) => ({ kontraktpriser: [{ fra: '2025-01-01', til: null, oere }], bestillingspriser: [] });

function world(indsatser: MatchIndsats[], kommuner: string[] = []) {
  const citizens = twoCitizens();
  const cprs = new Map([
    [1, CPR_A],
    [2, CPR_B],
  ]);
  const ctx: ScoreContext = { index: new MatchingIndex(indsatser), cprOf: (id) => cprs.get(id) ?? null, erKommune: (k) => kommuner.includes(k) };
  const link = (p: MatchPosting, excluded?: ReadonlySet<number>): LinkOutcome => linkPosting(p, citizenEvidence(p, citizens), ctx, excluded);
  return { link };
}

describe('CPR spellings and repaired fields', () => {
  it('finds a CPR in the text with a space, a dash, an en dash or after a cpr.nr. prefix', () => {
    for (const t of [
      'Faktura juli 2024 010180 1234',
      'Faktura 010180 1234',
      'Faktura 010180-1234',
      'Faktura 010180\u20131234',
      'cpr.nr. 0101801234',
      'CPR-nr.: 010180-1234',
      'Cpr.nr.0101801234',
    ]) {
      expect(findCprNumbers(t), t).toEqual([CPR_A]);
    }
    expect(findCprNumbers('Fakt. 1234567 bilag 20250000001')).toEqual([]);
  });
  it('repairs a CPR field that lost its leading zero, and matches it', () => {
    expect(normaliseCprField('101801234')).toEqual({ cpr: CPR_A, rettet: true });
    const { link } = world([indsats()]);
    const r = link(posting({ cpr: '101801234' }));
    expect(r.indsatsId).toBe(10);
    expect(r.evidens.valgt!.cpr.niveau).toBe('FELT_RETTET');
  });
  it('tries the other evidence when the CPR field names no known citizen: one typo away matches, a stranger does not', () => {
    expect(oneTypo('0101801234', '0101801274')).toBe(true);
    expect(oneTypo('0101801234', '0101802134')).toBe(true);
    expect(oneTypo('0101801234', '0101809999')).toBe(false);
    const { link } = world([indsats(), indsats({ indsatsId: 30, borgerId: 2, kreditorer: new Set(['K2']) })]);
    expect(link(posting({ cpr: '0101801274' }))).toMatchObject({ indsatsId: 10 });
    expect(link(posting({ cpr: '3112991234' }))).toMatchObject({ indsatsId: null, regel: 'INGEN_KANDIDAT' });
  });
});

describe('field weights', () => {
  it('matches by integration id, CPR + account + creditor + period, and says which fields agreed', () => {
    const { link } = world([indsats({ integrationsId: 'abc' }), indsats({ indsatsId: 11, konto: '5.38.59', paragraf: 'SEL104' })]);
    const r = link(posting({ integrationsId: 'abc' }));
    expect(r).toMatchObject({ indsatsId: 10, regel: 'INTEGRATIONS_ID' });
    const plain = world([indsats(), indsats({ indsatsId: 11, konto: '5.38.59', paragraf: 'SEL104' })]).link(posting());
    expect(plain).toMatchObject({ indsatsId: 10, regel: 'CPR_KONTO_KREDITOR_PERIODE', kreditorErLeverandoer: true });
    expect(plain.confidence).toBeGreaterThan(0.95);
    const e = expandEvidens(JSON.parse(JSON.stringify(encodeEvidens(plain.evidens))))!;
    expect(e.valgt!.felter.filter((f) => f.enig).map((f) => f.felt)).toEqual(['cpr', 'konto', 'kreditor', 'periode', 'beloeb']);
  });
  it('tells concurrent indsatser apart by the nearest price, even after a price rise neither contract has', () => {
    const { link } = world([indsats(), indsats({ indsatsId: 12, ...price(900_000) })]);
    expect(link(posting()).indsatsId).toBe(10);
    const risen = link(posting({ beloebOere: 1_030_000 }));
    expect(risen.indsatsId).toBe(10);
    expect(risen.evidens.valgt!.beloeb).toMatchObject({ niveau: 'AFVIGER', afvigelse: 0.03 });
    expect(risen.evidens.andre[0]!.tabteFordi.map((f) => f.felt)).toContain('beloeb');
    expect(link(posting({ beloebOere: 926_000 })).indsatsId).toBe(12);
  });
  it('leaves equal candidates for a person', () => {
    const { link } = world([indsats(), indsats({ indsatsId: 13 })]);
    expect(link(posting())).toMatchObject({ indsatsId: null, regel: 'TVETYDIG' });
  });
  it("leaves it to a person when the period's indsats is far off the amount and the one that just ended fits it", () => {
    // the ended indsats at 10,000 kr. a month, the new one from March at 11,200 kr.; an invoice of 9,750 kr. dated March
    const ended = indsats({ slut: '2025-02-28' });
    const running = indsats({ indsatsId: 11, start: '2025-03-01', ...price(1_120_000) });
    const r = world([ended, running]).link(posting({ beloebOere: 975_000 }));
    expect(r).toMatchObject({ indsatsId: null, regel: 'TVETYDIG', kandidatIds: [10, 11] });
    expect(r.evidens.flag).toBe('LIGE_GODE');
    // an invoice at the new price, or one neither fits much better, stays the running indsats'
    expect(world([ended, running]).link(posting({ beloebOere: 1_120_000 })).indsatsId).toBe(11);
    expect(world([ended, running]).link(posting({ beloebOere: 1_060_000 })).indsatsId).toBe(11);
  });
  it('uses the service days to tell apart an indsats that ended mid-month', () => {
    const ended = indsats({ indsatsId: 14, slut: '2025-03-20', borgerId: 3 });
    const p = posting({ cpr: null, periodeTil: '2025-03-20', beloebOere: prorate(1_000_000, '2025-03-01', '2025-03-20') });
    expect(world([indsats({ borgerId: 4 }), ended]).link(p).indsatsId).toBe(14);
  });
  it('attributes a payment shortly after the end to the ended indsats, but not months later', () => {
    const ended = indsats({ slut: '2025-02-10' });
    expect(world([ended]).link(posting())).toMatchObject({ indsatsId: 10, regel: 'CPR_KONTO_KREDITOR_UDEN_FOR_PERIODE' });
    expect(world([ended]).link(posting({ periodeFra: '2025-08-01', periodeTil: '2025-08-31' })).indsatsId).toBeNull();
  });
  it('matches a neighbouring function (§ 107 ↔ § 108) and a parent company creditor at the contract price; not other payments', () => {
    const bo = indsats({ konto: '5.38.50', paragraf: 'SEL108' });
    expect(world([bo]).link(posting({ konto: '5.38.52' }))).toMatchObject({ indsatsId: 10 });
    expect(world([bo]).link(posting({ konto: '5.38.52' })).evidens.valgt!.konto.niveau).toBe('NABO');
    expect(world([indsats()]).link(posting({ kreditorNr: 'HOLDING' }))).toMatchObject({
      indsatsId: 10,
      regel: 'CPR_KONTO_PERIODE',
      kreditorErLeverandoer: false,
    });
  });
  it('matches mellemkommunal refusion: another municipality with an administration surcharge', () => {
    const r = world([indsats()], ['AALBORG']).link(posting({ kreditorNr: 'AALBORG', beloebOere: 1_050_000 }));
    expect(r.indsatsId).toBe(10);
    expect(r.evidens.valgt!.kreditor.niveau).toBe('KOMMUNE');
    expect(r.evidens.valgt!.beloeb.niveau).toBe('TILLAEG');
  });
  it('never matches a vacancy / reserved-place payment by creditor and amount', () => {
    const { link } = world([indsats()]);
    expect(link(posting({ cpr: null })).indsatsId).toBe(10);
    expect(link(posting({ cpr: null, tekst: 'Tomgangsbetaling plads 2025-03' })).indsatsId).toBeNull();
    expect(link(posting({ cpr: null, tekst: 'Reserveret plads marts' })).indsatsId).toBeNull();
  });
  it('honours a rejection: the rejected indsats is not a candidate', () => {
    const { link } = world([indsats()]);
    expect(link(posting(), new Set([10]))).toMatchObject({ indsatsId: null, regel: 'AFVIST' });
  });
});

describe('swapped CPRs on a batch invoice', () => {
  const a = indsats({ indsatsId: 40, borgerId: 1, ...price(1_000_000) });
  const b = indsats({ indsatsId: 41, borgerId: 2, ...price(800_000) });
  it('leaves a posting whose CPR does not fit its amount, while another resident fits exactly, for a person', () => {
    const r = world([a, b]).link(posting({ cpr: CPR_B, beloebOere: 1_000_000 }));
    expect(r).toMatchObject({ indsatsId: null, regel: 'TVETYDIG' });
    expect(r.evidens.flag).toBe('CPR_OMBYTTET');
  });
  it('matches both crosswise when the swapped pair is in the same batch', () => {
    const { link } = world([a, b]);
    const out = [link(posting({ id: 1, cpr: CPR_B, beloebOere: 1_000_000 })), link(posting({ id: 2, cpr: CPR_A, beloebOere: 800_000 }))];
    assignBatch(out, ['2025-03', '2025-03'], [1_000_000, 800_000]);
    expect(out.map((o) => o.indsatsId)).toEqual([40, 41]);
    expect(out.every((o) => o.evidens.flag === 'CPR_OMBYTTET')).toBe(true);
  });
  it("matches crosswise when the partner's amount also fits an ended indsats of its citizen at the other's price", () => {
    // B's earlier indsats ended in January at A's price: alone, B's March posting at that price is a payment after the end
    const bEnded = indsats({ indsatsId: 42, borgerId: 2, start: '2024-01-01', slut: '2025-01-31', ...price(1_000_000) });
    const { link } = world([a, b, bEnded]);
    expect(link(posting({ id: 1, cpr: CPR_B, beloebOere: 1_000_000 }))).toMatchObject({ indsatsId: 42, regel: 'CPR_KONTO_KREDITOR_UDEN_FOR_PERIODE' });
    const out = [link(posting({ id: 1, cpr: CPR_B, beloebOere: 1_000_000 })), link(posting({ id: 2, cpr: CPR_A, beloebOere: 800_000 }))];
    expect(out[1]!.evidens.flag).toBe('CPR_OMBYTTET');
    assignBatch(out, ['2025-03', '2025-03'], [1_000_000, 800_000]);
    expect(out.map((o) => o.indsatsId)).toEqual([40, 41]);
    expect(out.every((o) => o.evidens.flag === 'CPR_OMBYTTET')).toBe(true);
    expect(out[0]!.evidens.andre.map((x) => x.indsatsId)).toContain(42);
  });
  it('pairs only lines of one invoice, and leaves it to a person when two postings could be the partner', () => {
    const bEnded = indsats({ indsatsId: 42, borgerId: 2, start: '2024-01-01', slut: '2025-01-31', ...price(1_000_000) });
    const { link } = world([a, b, bEnded]);
    const batch = () => [
      link(posting({ id: 1, cpr: CPR_B, beloebOere: 1_000_000 })),
      link(posting({ id: 2, cpr: CPR_B, beloebOere: 1_000_000 })),
      link(posting({ id: 3, cpr: CPR_A, beloebOere: 800_000 })),
    ];
    const months = ['2025-03', '2025-03', '2025-03'];
    const amounts = [1_000_000, 1_000_000, 800_000];
    // B's payment after the end came on an earlier invoice: it keeps its match, the swapped pair is matched crosswise
    const apart = batch();
    assignBatch(apart, months, amounts, ['K1|2025-03-20', 'K1|2025-04-05', 'K1|2025-04-05']);
    expect(apart.map((o) => o.indsatsId)).toEqual([42, 40, 41]);
    // both on the swapped invoice: which one is the partner cannot be told, so neither is matched
    const together = batch();
    assignBatch(together, months, amounts, ['K1|2025-04-05', 'K1|2025-04-05', 'K1|2025-04-05']);
    expect(together.map((o) => [o.indsatsId, o.regel, o.evidens.flag])).toEqual([
      [null, 'TVETYDIG', 'CPR_OMBYTTET'],
      [null, 'TVETYDIG', 'CPR_OMBYTTET'],
      [null, 'TVETYDIG', 'CPR_OMBYTTET'],
    ]);
    expect(together[0]).toMatchObject({ kandidatIds: [40, 42] });
  });
});
