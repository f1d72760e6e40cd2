import { describe, it, expect } from 'vitest';
import { CPR_A, posting, twoCitizens } from '../support/matching-fixtures';
import { amountDiffOere, dayNumber, daysInMonthOf, prorate } from '../../src/reconcile/rules/matching/amounts';
import { CitizenResolver } from '../../src/reconcile/rules/identity/citizens';
import { resolveProviderIdentities } from '../../src/reconcile/rules/identity/providers';
import { linkContracts } from '../../src/reconcile/rules/identity/contracts';
import { applyDecision } from '../../src/reconcile/rules/decisions/fold';
import { posteringAfvigelser } from '../../src/reconcile/rules/afvigelser/posting-afvigelser';
import { posteringsgruppeAfvigelser, kontraktprisAfvigelser, type IndsatsFacts } from '../../src/reconcile/rules/afvigelser/indsats-afvigelser';
import { takstAfvigelser } from '../../src/reconcile/rules/afvigelser/takst-afvigelser';
import { monthPrices } from '../../src/reconcile/rules/prices/month-prices';
import { monthlyTakst } from '../../src/reconcile/rules/prices/takst-price';
import { parsePrecedencePolicy, DEFAULT_POLICY, PolicyError } from '../../src/domain/provenance-policy';
import { resolveAttribute } from '../../src/reconcile/rules/provenance/resolve';
import { difference } from '../../src/reconcile/rules/comparison/lines';
import type { Bestilling, Kontrakt, Kreditor, Leverandoer, Tilbud } from '../../src/domain/model';

describe('amounts: price × period, exact in øre', () => {
  it('prorates a monthly price by calendar days, rounding half up once', () => {
    expect(prorate(583_000, '2024-01-01', '2024-01-30')).toBe(564_194); // 583000 × 30 / 31 = 564193.5
    expect(prorate(583_000, '2024-01-01', '2024-01-31')).toBe(583_000);
    expect(prorate(300_000, '2024-02-15', '2024-02-29')).toBe(155_172); // leap February: 15/29
  });
  it('counts days without Date objects, agreeing with the calendar', () => {
    for (let t = Date.UTC(1999, 11, 1); t < Date.UTC(2031, 2, 1); t += 86_400_000 * 7) {
      const iso = new Date(t).toISOString().slice(0, 10);
      expect(dayNumber(iso)).toBe(t / 86_400_000);
    }
    expect(daysInMonthOf('2100-02-10')).toBe(28);
    expect(daysInMonthOf('2000-02-10')).toBe(29);
  });
  it('compares a credit note by its absolute value', () => {
    expect(amountDiffOere(-1_000_000, '2025-03-01', '2025-03-31', [[{ fra: '2025-01-01', til: null, oere: 1_000_000 }]])).toBe(0);
  });
});

describe('citizen resolver', () => {
  const citizens = twoCitizens();
  it('finds the citizen in the text when the CPR field is empty (with or without dash)', () => {
    expect(citizens.resolve({ cpr: null, tekst: 'Faktura marts 010180-1234' })).toEqual({ borgerId: 1, cprKilde: 'TEKST' });
    expect(citizens.resolve({ cpr: null, tekst: 'Faktura 20250000001 marts' })).toEqual({ borgerId: null, cprKilde: 'INGEN' });
  });
});

describe('identity resolution', () => {
  const lev = (id: number, p: Partial<Leverandoer> = {}): Leverandoer => ({
    id,
    navn: `Enhed ${id}`,
    adresse: `Vej ${id}`,
    postnummer: '9500',
    bynavn: 'Hobro',
    pnummer: String(1_000_000_000 + id),
    tilbudsid: null,
    afdelingsid: null,
    intern: false,
    afregnesPrBorger: true,
    ...p,
  });
  const kred = (nr: string, cvr: string | null, adresse = 'Andet 1'): Kreditor => ({
    kreditorNr: nr,
    navn: nr,
    cvr,
    ean: null,
    adresse,
    postnummer: '9500',
    bynavn: 'Hobro',
  });
  it('links creditors to providers by CVR from Tilbudsportalen, else the CVR register', () => {
    const tilbud = { tilbudsid: 1, afdelingsid: 2, cvr: '11111111', pnummer: '1000000001' } as Tilbud;
    const r = resolveProviderIdentities({
      leverandoerer: [lev(1, { pnummer: '1000000001' }), lev(2, { pnummer: '1000000002' })],
      tilbud: [tilbud],
      cvrByPnummer: new Map([['1000000002', '22222222']]),
      kreditorer: [kred('K1', '11111111'), kred('K2', '22222222'), kred('K3', '33333333')],
    });
    expect([...r.kreditorerOf.get(1)!]).toEqual(['K1']);
    expect([...r.kreditorerOf.get(2)!]).toEqual(['K2']);
    expect(r.links.find((l) => l.kreditorNr === 'K2')!.evidens).toEqual(['CVR_REGISTER']);
  });
  it('narrows a CVR with several units by the contract register and the address', () => {
    const r = resolveProviderIdentities({
      leverandoerer: [lev(1), lev(2), lev(3)],
      tilbud: [],
      cvrByPnummer: new Map([
        ['1000000001', '99999999'],
        ['1000000002', '99999999'],
        ['1000000003', '99999999'],
      ]),
      kreditorer: [kred('K1', '99999999', 'Vej 1'), kred('K2', '99999999'), kred('K9', '99999999')],
      kontraktEvidens: [{ kreditorNr: 'K2', leverandoerId: 2 }],
    });
    expect([...r.kreditorerOf.get(1)!].sort()).toEqual(['K1', 'K9']);
    expect([...r.kreditorerOf.get(2)!].sort()).toEqual(['K2', 'K9']);
    expect(r.links.find((l) => l.kreditorNr === 'K1')!.evidens).toContain('ADRESSE');
  });
  it('links an economy contract to the indsats with the same validity period', () => {
    const citizens = new CitizenResolver();
    citizens.add(CPR_A, 1);
    const kontrakt: Kontrakt = {
      kontraktNr: 'KT1',
      kreditorNr: 'K1',
      cpr: CPR_A,
      konto: '5.38.39',
      beloebPrMaaned: '100.00' as never,
      gyldigFra: '2025-01-01' as never,
      gyldigTil: null,
      sagsreference: null,
    };
    const cand = (indsatsId: number, fra: string) => ({
      indsatsId,
      sagsnummer: null,
      paragraf: 'SEL85',
      konto: '5.38.39',
      start: '2024-01-01',
      slut: null,
      leverandoerCvr: null,
      bestillinger: [{ fra, til: null, oere: 10_000 }],
    });
    const links = linkContracts({
      kontrakter: [kontrakt],
      citizens,
      candidatesOf: () => [cand(1, '2024-01-01'), cand(2, '2025-01-01')],
      kreditorCvr: new Map(),
    });
    expect(links.get('KT1')).toBe(2);
  });
});

describe('manual decisions fold', () => {
  it('assignment wins, a rejection excludes and lifts an assignment to it, a later confirmation lifts the rejection', () => {
    let s = applyDecision({ tildeltIndsatsId: null, afvisteIndsatser: [] }, 'AFVIS', 10);
    expect(s).toEqual({ tildeltIndsatsId: null, afvisteIndsatser: [10] });
    s = applyDecision(s, 'TILDEL', 11);
    expect(s).toEqual({ tildeltIndsatsId: 11, afvisteIndsatser: [10] });
    s = applyDecision(s, 'AFVIS', 11);
    expect(s).toEqual({ tildeltIndsatsId: null, afvisteIndsatser: [10, 11] });
    s = applyDecision(s, 'BEKRAEFT', 10);
    expect(s).toEqual({ tildeltIndsatsId: 10, afvisteIndsatser: [11] });
  });
});

describe('afvigelser', () => {
  const facts = (f: Partial<IndsatsFacts> = {}): IndsatsFacts => ({
    indsatsId: 10,
    borgerId: 1,
    leverandoerId: 100,
    status: 'AKTIV',
    afregnesPrBorger: true,
    aktiveMaaneder: 3,
    bestillinger: [],
    kontrakter: [],
    start: '2025-01-01',
    slut: '2025-03-31',
    ...f,
  });
  const mp = (id: number, p: Partial<Parameters<typeof posteringsgruppeAfvigelser>[0][number]> = {}) => ({
    posteringId: id,
    indsatsId: 10,
    kreditorNr: 'K1',
    konto: '5.38.39',
    periodeFra: '2025-01-01',
    periodeTil: '2025-01-31',
    beloebOere: 100_000,
    registreret: `2025-02-0${id}T10:00:00`,
    ...p,
  });
  it('finds a duplicate invoice, a credit note with the posting it reverses, and a payment after the end', () => {
    const f = posteringsgruppeAfvigelser(
      [
        mp(1),
        mp(2),
        mp(3, { periodeFra: '2025-02-01', periodeTil: '2025-02-28', beloebOere: 110_000 }),
        mp(4, { periodeFra: '2025-02-01', periodeTil: '2025-02-28', beloebOere: -110_000 }),
        mp(5, { periodeFra: '2025-04-01', periodeTil: '2025-04-30' }),
      ],
      new Map([[10, facts()]]),
    );
    expect(f.map((x) => [x.art, x.posteringId, x.relateretPosteringId ?? null])).toEqual([
      ['DUBLET_POSTERING', 2, 1],
      ['KREDITERING', 4, 3],
      ['BETALING_EFTER_SLUT', 5, null],
    ]);
  });
  it('reports where the two kontraktpriser disagree, naming contract and bestilling', () => {
    const b = { id: 7, gyldigFra: '2025-01-01', gyldigTil: null, kontraktprisPrMaaned: '1000.00' } as unknown as Bestilling;
    const k = { kontraktNr: 'KT1', kreditorNr: 'K1', gyldigFra: '2025-01-01', beloebPrMaaned: '1050.00' } as unknown as Kontrakt;
    const [f] = kontraktprisAfvigelser({ indsatsId: 10, borgerId: 1, leverandoerId: 100, bestillinger: [b], kontrakter: [k] });
    expect(f).toMatchObject({
      art: 'KONTRAKTPRIS_AFVIGER',
      beloebOere: 5000,
      detaljer: { kontraktNr: 'KT1', bestillingId: 7, fagsystem: '1000.00', oekonomi: '1050.00' },
    });
    expect(
      kontraktprisAfvigelser({
        indsatsId: 10,
        borgerId: 1,
        leverandoerId: 100,
        bestillinger: [b],
        kontrakter: [{ ...k, beloebPrMaaned: '1000.00' } as Kontrakt],
      }),
    ).toEqual([]);
  });
  it('flags the per-posting kinds, and never budget transfers to units financed by budget', () => {
    const base = { posting: posting({ cpr: null }), leverandoerId: 100 };
    const unmatched = { indsatsId: null, regel: 'INGEN_KANDIDAT', confidence: 0, kandidater: 0, kreditorErLeverandoer: null } as const;
    expect(posteringAfvigelser({ ...base, who: { borgerId: null, cprKilde: 'INGEN' }, outcome: unmatched, kreditorKunBudget: true })).toEqual([]);
    expect(
      posteringAfvigelser({ ...base, who: { borgerId: null, cprKilde: 'INGEN' }, outcome: unmatched, kreditorKunBudget: false }).map((f) => f.art),
    ).toEqual(['POSTERING_UMATCHET']);
    const other = { indsatsId: 10, regel: 'CPR_KONTO_PERIODE', confidence: 0.8, kandidater: 1, kreditorErLeverandoer: false } as const;
    expect(posteringAfvigelser({ ...base, who: { borgerId: 1, cprKilde: 'TEKST' }, outcome: other, kreditorKunBudget: false }).map((f) => f.art)).toEqual([
      'CPR_KUN_I_TEKST',
      'ANDEN_KREDITOR',
    ]);
    const noCpr = { indsatsId: 10, regel: 'KREDITOR_BELOEB_PERIODE', confidence: 0.75, kandidater: 1, kreditorErLeverandoer: true } as const;
    expect(posteringAfvigelser({ ...base, who: { borgerId: null, cprKilde: 'INGEN' }, outcome: noCpr, kreditorKunBudget: false }).map((f) => f.art)).toEqual([
      'CPR_MANGLER',
    ]);
  });
});

describe('prices', () => {
  const ind = {
    paragraf: 'SEL107',
    antalEnheder: '7.00',
    ydelsesfrekvens: 'UGE' as const,
    ydelsesenhed: 'DOEGN' as const,
    gentagelser: 12,
    enhedspris: '2000.00' as never,
    forventetStart: '2025-01-01' as never,
    forventetSlut: null,
  };
  const takster = [
    { aar: 2025, paragraf: 'SEL107', ydelseskode: 'SEL107.AKUT', enhed: 'DOEGN' as const, takst: '3000.00' as never },
    { aar: 2025, paragraf: 'SEL107', ydelseskode: null, enhed: 'DOEGN' as const, takst: '2000.00' as never },
  ];
  it('makes a døgn takst monthly with the indsats own volume, like the contract (7 døgn × 52/12 weeks)', () => {
    expect(monthlyTakst({ takster, aar: 2025, indsats: ind, ydelseskoder: [] })).toBe(Math.round((200_000 * 7 * 52) / 12));
    expect(monthlyTakst({ takster, aar: 2025, indsats: ind, ydelseskoder: ['SEL107.AKUT'] })).toBe(Math.round((300_000 * 7 * 52) / 12));
  });
  it('gives four prices per month over the horizon, prorated by the days the indsats ran', () => {
    const months = monthPrices({
      indsats: ind,
      start: '2025-01-15',
      slut: '2025-03-10',
      bestillinger: [{ fra: '2025-01-15', til: null, oere: 6_066_667 }],
      kontrakter: [],
      takster,
      ydelseskoder: [],
      horizon: { fra: '2024-11-01', til: '2025-02-28' },
    });
    expect(months.map((m) => [m.maaned, m.dage, m.kontraktFagsystem, m.kontraktOekonomi])).toEqual([
      ['2025-01-01', 17, prorate(6_066_667, '2025-01-15', '2025-01-31'), null],
      ['2025-02-01', 28, 6_066_667, null],
    ]);
    expect(months[1]!.takst).toBe(Math.round((200_000 * 7 * 52) / 12));
  });
  it('reports a takst line that contradicts the contracts made on it, once per line', () => {
    const tilbud = { tilbudsid: 5, afdelingsid: 6, takster } as unknown as Tilbud;
    const right = Math.round((200_000 * 7 * 52) / 12);
    const input = (indsatsId: number, oere: number) => ({
      indsatsId,
      leverandoerId: 100,
      indsats: ind,
      ydelseskoder: [],
      bestillinger: [{ fra: '2025-01-01', til: '2025-12-31', oere }],
      tilbud,
    });
    expect(takstAfvigelser([input(1, right)], { fraAar: 2024, tilDato: '2025-10-31' })).toEqual([]);
    const f = takstAfvigelser([input(1, right + 5000), input(2, right + 5000)], { fraAar: 2024, tilDato: '2025-10-31' });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ art: 'TAKST_AFVIGER', leverandoerId: 100, detaljer: { aar: 2025, paragraf: 'SEL107', antalIndsatser: 2 } });
  });
  it('gives differences in DKK and percent from exact sums', () => {
    expect(difference(110_000, 100_000)).toEqual({ beloeb: '100.00', procent: 10 });
    expect(difference(-5, 300)).toEqual({ beloeb: '-3.05', procent: -101.67 });
    expect(difference(5, 0)).toEqual({ beloeb: '0.05', procent: null });
    expect(difference(null, 1)).toBeNull();
  });
});

describe('provenance precedence policy', () => {
  it('parses a configured order; unnamed sources keep their default place', () => {
    const p = parsePrecedencePolicy('leverandoer.navn=FAGSYSTEM; indsats.kontraktpris=OEKONOMI>FAGSYSTEM');
    expect(p['leverandoer.navn']).toEqual(['FAGSYSTEM', 'SERVICEPLATFORMEN', 'TILBUDSPORTALEN']);
    expect(p['indsats.kontraktpris']).toEqual(['OEKONOMI', 'FAGSYSTEM']);
    expect(p['borger.adresse']).toEqual(DEFAULT_POLICY['borger.adresse']);
  });
  it('refuses unknown attributes and sources that do not hold the attribute', () => {
    expect(() => parsePrecedencePolicy('borger.navn=FAGSYSTEM')).toThrow(PolicyError);
    expect(() => parsePrecedencePolicy('borger.adresse=TILBUDSPORTALEN')).toThrow(/does not hold/);
  });
  it('shows every value with its source, chooses by policy, flags a conflict (spelling counts, case and spaces do not)', () => {
    const v = (kilde: 'FAGSYSTEM' | 'TILBUDSPORTALEN' | 'SERVICEPLATFORMEN', vaerdi: string | null) => ({
      kilde,
      vaerdi,
      tidspunkt: null,
      hentet: '2026-01-01T00:00:00Z',
      reference: null,
    });
    const same = resolveAttribute('leverandoer.navn', [v('FAGSYSTEM', 'Bostedet  Åen'), v('TILBUDSPORTALEN', 'bostedet åen')], DEFAULT_POLICY);
    expect(same.konflikt).toBe(false);
    const differ = resolveAttribute(
      'leverandoer.adresse',
      [v('FAGSYSTEM', 'Ågade 3, 9500 Hobro'), v('TILBUDSPORTALEN', 'Aagade 3, 9500 Hobro'), v('SERVICEPLATFORMEN', null)],
      DEFAULT_POLICY,
    );
    expect(differ).toMatchObject({ konflikt: true, valgt: { kilde: 'TILBUDSPORTALEN' } });
    expect(differ.vaerdier.map((x) => x.kilde)).toEqual(['SERVICEPLATFORMEN', 'TILBUDSPORTALEN', 'FAGSYSTEM']);
  });
});
