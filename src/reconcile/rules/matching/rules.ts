import { paragrafferForKonto } from '../../../domain/codes/paragraffer';
import { addDays, lastOfMonth } from '../../../domain/dates';
import type { Matchregel } from '../types';
import { amountDiffOere, amountDistance, amountMatches } from './amounts';
import type { CprKilde, MatchIndsats, MatchOutcome, MatchPosting } from './types';

/**
 * The matching rules, strongest evidence first (domain brief, "The multiple truths" → matching). Each is a
 * small pure function over one posting and the candidate indsatser an index handed it; it returns a
 * match with its rule and confidence, an explicit TVETYDIG (several candidates fit equally well: a person
 * must decide, a guess would be a silent error), or null (the rule does not apply: try the next tier).
 */

/** How far outside the indsats' period a payment with otherwise full evidence is still attributed to it. */
export const UDEN_FOR_PERIODE = { efterSlutDage: 92, foerStartDage: 31 } as const;

export const CONFIDENCE = {
  INTEGRATIONS_ID: 0.99,
  CPR_FELT: 0.97,
  CPR_TEKST: 0.93,
  /** several candidates on the same evidence, told apart by the amount */
  VED_BELOEB: 0.9,
  UDEN_FOR_PERIODE: 0.85,
  ANDEN_KREDITOR: 0.8,
  KREDITOR_BELOEB: 0.75,
  TVETYDIG: 0,
} as const;

export function overlaps(p: Pick<MatchPosting, 'periodeFra' | 'periodeTil'>, i: Pick<MatchIndsats, 'start' | 'slut'>): boolean {
  return p.periodeFra <= (i.slut ?? '9999-12-31') && p.periodeTil >= i.start;
}

/** Account function ↔ paragraph: the indsats' own kontonummer (VUM 2.0 ID 37), else the kontoplan mapping. */
export function kontoFits(p: Pick<MatchPosting, 'konto'>, i: Pick<MatchIndsats, 'konto' | 'paragraf'>): boolean {
  return i.konto === p.konto || paragrafferForKonto(p.konto).some((x) => x.kode === i.paragraf);
}

export function creditorFits(p: Pick<MatchPosting, 'kreditorNr'>, i: Pick<MatchIndsats, 'kreditorer'>): boolean {
  return p.kreditorNr !== null && i.kreditorer.has(p.kreditorNr);
}

function distanceOf(p: MatchPosting, i: MatchIndsats): number | null {
  return amountDistance(p.beloebOere, p.periodeFra, p.periodeTil, [i.kontraktpriser, i.bestillingspriser]);
}

function matched(i: MatchIndsats, regel: Matchregel, confidence: number, kandidater: number, p: MatchPosting): MatchOutcome {
  return { indsatsId: i.indsatsId, regel, confidence, kandidater, kreditorErLeverandoer: creditorFits(p, i) };
}

/** Several indsatser fit equally: named, so a person can decide and grouped sums can place the money when they agree. */
function ambiguous(kandidater: readonly MatchIndsats[]): MatchOutcome {
  const kandidatIds = kandidater.map((i) => i.indsatsId).sort((a, b) => a - b);
  return { indsatsId: null, regel: 'TVETYDIG', confidence: CONFIDENCE.TVETYDIG, kandidater: kandidater.length, kreditorErLeverandoer: null, kandidatIds };
}

/**
 * Several candidates on the same evidence: the one whose price explains the amount wins — exactly (to the
 * øre, as invoices are made from the contract) before within tolerance; if none or more than one does, the
 * posting is TVETYDIG.
 */
export function byAmount(p: MatchPosting, candidates: readonly MatchIndsats[]): MatchIndsats | null {
  const fitting = candidates.filter((i) => amountMatches(distanceOf(p, i)));
  if (fitting.length === 1) return fitting[0]!;
  const exact = fitting.filter((i) => amountDiffOere(p.beloebOere, p.periodeFra, p.periodeTil, [i.kontraktpriser, i.bestillingspriser]) === 0);
  if (exact.length === 1) return exact[0]!;
  // an invoice covers the days the indsats ran that month: a partial period points to the indsats that
  // started or ended on exactly those days
  const sameDays = (exact.length ? exact : fitting).filter((i) => servicePeriodFits(p, i));
  return sameDays.length === 1 ? sameDays[0]! : null;
}

/** The posting's service period is exactly the days the indsats ran in that month. */
export function servicePeriodFits(p: Pick<MatchPosting, 'periodeFra' | 'periodeTil'>, i: Pick<MatchIndsats, 'start' | 'slut'>): boolean {
  const monthStart = `${p.periodeFra.slice(0, 7)}-01`;
  const monthEnd = lastOfMonth(p.periodeFra);
  const from = i.start > monthStart ? i.start : monthStart;
  const to = i.slut !== null && i.slut < monthEnd ? i.slut : monthEnd;
  return p.periodeFra === from && p.periodeTil === to;
}

/** Tier 1: the fagsystem sent the posting itself (KOMBIT SF1590_A "Afsend økonomipostering"). */
export function ruleIntegrationsId(p: MatchPosting, candidate: MatchIndsats | undefined): MatchOutcome | null {
  if (!p.integrationsId || !candidate) return null;
  return matched(candidate, 'INTEGRATIONS_ID', CONFIDENCE.INTEGRATIONS_ID, 1, p);
}

/** Tier 2: CPR (field or text) + account ↔ paragraph + creditor ↔ provider + overlapping service period. */
export function ruleCprKontoKreditorPeriode(p: MatchPosting, cprKilde: CprKilde, borgersIndsatser: readonly MatchIndsats[]): MatchOutcome | null {
  const c = borgersIndsatser.filter((i) => kontoFits(p, i) && creditorFits(p, i) && overlaps(p, i));
  if (c.length === 0) return null;
  const base = cprKilde === 'TEKST' ? CONFIDENCE.CPR_TEKST : CONFIDENCE.CPR_FELT;
  if (c.length === 1) return matched(c[0]!, 'CPR_KONTO_KREDITOR_PERIODE', base, 1, p);
  const chosen = byAmount(p, c);
  return chosen ? matched(chosen, 'CPR_KONTO_KREDITOR_PERIODE', Math.min(base, CONFIDENCE.VED_BELOEB), c.length, p) : ambiguous(c);
}

/**
 * Tier 2b: the same evidence, but the service period lies shortly after the indsats ended (or before it
 * started): a payment that should not have been made is still this indsats' money, and is reported
 * (BETALING_EFTER_SLUT). When another indsats on the account covers the period, only if the ended
 * indsats' price explains the amount.
 */
export function ruleCprKontoKreditorUdenForPeriode(p: MatchPosting, cprKilde: CprKilde, borgersIndsatser: readonly MatchIndsats[]): MatchOutcome | null {
  const onAccount = borgersIndsatser.filter((i) => kontoFits(p, i));
  // another indsats on the account covers the period (with another provider, or tier 2 had matched): then
  // the ended indsats must also explain the amount, else the payment is the covering one's
  const covered = onAccount.some((i) => overlaps(p, i));
  const near = onAccount.filter(
    (i) =>
      creditorFits(p, i) &&
      ((i.slut !== null && p.periodeFra > i.slut && p.periodeFra <= addDays(i.slut, UDEN_FOR_PERIODE.efterSlutDage)) ||
        (p.periodeTil < i.start && p.periodeTil >= addDays(i.start, -UDEN_FOR_PERIODE.foerStartDage))) &&
      (!covered || amountMatches(distanceOf(p, i))),
  );
  if (near.length === 0) return null;
  const confidence = CONFIDENCE.UDEN_FOR_PERIODE - (cprKilde === 'TEKST' ? 0.04 : 0);
  if (near.length === 1) return matched(near[0]!, 'CPR_KONTO_KREDITOR_UDEN_FOR_PERIODE', confidence, 1, p);
  const chosen = byAmount(p, near);
  return chosen ? matched(chosen, 'CPR_KONTO_KREDITOR_UDEN_FOR_PERIODE', confidence, near.length, p) : ambiguous(near);
}

/**
 * Tier 3: CPR + account + overlapping period, paid to a creditor that is not the ordered provider (a parent
 * company, a factoring firm). Without the creditor as evidence the amount must fit the contract price:
 * other payments for the same citizen on the same account (lump sums, §100 expenses) do not.
 */
export function ruleCprKontoPeriode(p: MatchPosting, borgersIndsatser: readonly MatchIndsats[]): MatchOutcome | null {
  const c = borgersIndsatser.filter((i) => kontoFits(p, i) && overlaps(p, i) && !creditorFits(p, i));
  if (c.length === 0) return null;
  const chosen = byAmount(p, c);
  if (chosen) return matched(chosen, 'CPR_KONTO_PERIODE', CONFIDENCE.ANDEN_KREDITOR, c.length, p);
  const fitting = c.filter((i) => amountMatches(distanceOf(p, i)));
  return fitting.length > 1 ? ambiguous(fitting) : null;
}

/**
 * Tier 4, no CPR on the posting: creditor ↔ provider + account + overlapping period + amount ≈ contract
 * price × period. Only a single fitting indsats is a match.
 */
export function ruleKreditorBeloebPeriode(p: MatchPosting, kreditorsIndsatser: readonly MatchIndsats[]): MatchOutcome | null {
  const c = kreditorsIndsatser.filter((i) => kontoFits(p, i) && overlaps(p, i) && creditorFits(p, i));
  if (c.length === 0) return null;
  const chosen = byAmount(p, c);
  if (chosen) return matched(chosen, 'KREDITOR_BELOEB_PERIODE', CONFIDENCE.KREDITOR_BELOEB, c.length, p);
  const fitting = c.filter((i) => amountMatches(distanceOf(p, i)));
  return fitting.length > 1 ? ambiguous(fitting) : null;
}
