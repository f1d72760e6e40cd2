import type { MatchingIndex } from '../matching/index';
import { kontoFits, creditorFits, overlaps, servicePeriodFits } from '../matching/rules';
import { dayNumber, priceOn, prorate } from '../matching/amounts';
import type { MatchIndsats, MatchPosting } from '../matching/types';
import type { CitizenEvidence } from './citizen';
import type { BeloebNiveau, CprNiveau, FeltVaegt, Kandidatvurdering, KontoNiveau, KreditorNiveau, PeriodeNiveau } from './types';
import { afvigelsesvaegt, BELOEB, NABOKONTI, PERIODEVINDUE, TOMGANG_ORD, VAEGT } from './weights';

/**
 * Candidate generation (blocking) and field comparison for one posting. Blocks: the integration id, the
 * citizen the posting's CPR names, and the creditor's indsatser (always when no citizen is known; besides
 * the citizen's when the citizen's best candidate for the period does not explain the amount — a typo'd or
 * swapped CPR).
 * Every block is narrowed to the account family (the same function or a neighbouring one) and a period
 * window around the indsats.
 */
export interface ScoreContext {
  index: MatchingIndex;
  /** the citizen's CPR (in memory only), for comparing a CPR that names no known citizen */
  cprOf(borgerId: number): string | null;
  /** the creditor is another municipality (mellemkommunal refusion), not linked to any provider */
  erKommune(kreditorNr: string): boolean;
}

export function candidates(p: MatchPosting, who: CitizenEvidence, ctx: ScoreContext, excluded: ReadonlySet<number>): Kandidatvurdering[] {
  const out = new Map<number, Kandidatvurdering>();
  const consider = (i: MatchIndsats, blok: string) => {
    if (excluded.has(i.indsatsId)) return;
    const seen = out.get(i.indsatsId);
    if (seen) {
      if (!seen.blokke.includes(blok)) seen.blokke.push(blok);
      return;
    }
    const v = compare(p, who, i, ctx, blok);
    if (v) out.set(i.indsatsId, v);
  };
  const viaIntegration = ctx.index.byIntegrationId(p.integrationsId);
  if (viaIntegration) consider(viaIntegration, 'INTEGRATIONS_ID');
  if (who.borgerId !== null) for (const i of ctx.index.byBorger(who.borgerId)) consider(i, 'BORGER');
  // judged on the candidates for the posting's period when there are any: an ended indsats whose old price
  // fits says little when the citizen's running one does not (a swapped CPR can land on it by chance)
  const own = [...out.values()];
  const inPeriod = own.filter((c) => c.periode.niveau !== 'UDENFOR');
  const best = (inPeriod.length ? inPeriod : own).reduce<Kandidatvurdering | null>((b, c) => (!b || c.score > b.score ? c : b), null);
  const explained = best !== null && explainsAmount(best);
  if (who.borgerId === null || !explained) for (const i of ctx.index.byKreditor(p.kreditorNr)) consider(i, 'KREDITOR');
  return [...out.values()].sort((a, b) => b.score - a.score || a.indsatsId - b.indsatsId);
}

/** The candidate's price explains the amount (exactly, within tolerance, or with a refusion surcharge). */
export function explainsAmount(c: Kandidatvurdering): boolean {
  return c.beloeb.niveau === 'OERE' || c.beloeb.niveau === 'TOLERANCE' || c.beloeb.niveau === 'TILLAEG';
}

function level<L extends string>(niveau: L, vaegt: number): FeltVaegt<L> {
  return { niveau, vaegt };
}

/** Null when the indsats is outside the posting's account family or period window (not a candidate). */
export function compare(p: MatchPosting, who: CitizenEvidence, i: MatchIndsats, ctx: ScoreContext, blok: string): Kandidatvurdering | null {
  const integrationsId = p.integrationsId !== null && p.integrationsId === i.integrationsId;
  let konto: KontoNiveau;
  if (kontoFits(p, i)) konto = 'SAMME';
  else if ((NABOKONTI[p.konto] ?? []).includes(i.konto)) konto = 'NABO';
  else if (integrationsId) konto = 'NABO';
  else return null;
  let periode: PeriodeNiveau;
  if (overlaps(p, i)) periode = servicePeriodFits(p, i) ? 'DAGE' : 'INDE';
  else if (
    integrationsId ||
    (i.slut !== null && p.periodeFra > i.slut && dayNumber(p.periodeFra) - dayNumber(i.slut) <= PERIODEVINDUE.efterSlutDage) ||
    (p.periodeTil < i.start && dayNumber(i.start) - dayNumber(p.periodeTil) <= PERIODEVINDUE.foerStartDage)
  )
    periode = 'UDENFOR';
  else return null;

  const kreditor: KreditorNiveau = creditorFits(p, i) ? 'SAMME' : p.kreditorNr !== null && ctx.erKommune(p.kreditorNr) ? 'KOMMUNE' : 'ANDEN';
  const cpr = cprLevel(who, i, ctx);
  const beloeb = amountLevel(p, i, kreditor);
  const tekst = TOMGANG_ORD.test(p.tekst) ? level('TOMGANG' as const, VAEGT.tekst.TOMGANG) : level('NEUTRAL' as const, 0);
  const kontoV = level(konto, VAEGT.konto[konto]);
  const kreditorV = level(kreditor, VAEGT.kreditor[kreditor]);
  const periodeV = level(periode, VAEGT.periode[periode]);
  const cprV = level(cpr, VAEGT.cpr[cpr]);
  const score = (integrationsId ? VAEGT.integrationsId : 0) + cprV.vaegt + kontoV.vaegt + kreditorV.vaegt + periodeV.vaegt + beloeb.vaegt + tekst.vaegt;
  return {
    indsatsId: i.indsatsId,
    blokke: [blok],
    integrationsId,
    cpr: cprV,
    konto: kontoV,
    kreditor: kreditorV,
    periode: periodeV,
    beloeb,
    tekst,
    score,
    sandsynlighed: 0,
  };
}

function cprLevel(who: CitizenEvidence, i: MatchIndsats, ctx: ScoreContext): CprNiveau {
  if (who.borgerId !== null) return who.borgerId === i.borgerId ? who.kilde : 'ANDEN';
  if (who.ukendtCpr === null) return 'INGEN';
  const theirs = ctx.cprOf(i.borgerId);
  return theirs !== null && oneTypo(who.ukendtCpr, theirs) ? 'NAER' : 'UKENDT';
}

/** One digit different, or two neighbouring digits swapped. */
export function oneTypo(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let k = 0; k < a.length && diff.length <= 2; k++) if (a[k] !== b[k]) diff.push(k);
  if (diff.length === 1) return true;
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}

function amountLevel(p: MatchPosting, i: MatchIndsats, kreditor: KreditorNiveau): Kandidatvurdering['beloeb'] {
  const actual = Math.abs(p.beloebOere);
  let expected: number | null = null;
  let bestDiff = Number.POSITIVE_INFINITY;
  // outside the indsats' period the nearest price is the one it ended (or started) with: a contract the
  // economy closed at the end still says what a month of this indsats costs
  const on = i.slut !== null && p.periodeFra > i.slut ? i.slut : p.periodeTil < i.start ? i.start : p.periodeFra;
  for (const list of [i.kontraktpriser, i.bestillingspriser]) {
    const monthly = priceOn(list, p.periodeFra) ?? priceOn(list, on);
    if (monthly === null) continue;
    const e = prorate(monthly, p.periodeFra, p.periodeTil);
    const diff = Math.abs(actual - e);
    if (diff < bestDiff) {
      bestDiff = diff;
      expected = e;
    }
  }
  if (expected === null) return { niveau: 'UKENDT', vaegt: VAEGT.beloeb.UKENDT, forventetOere: null, afvigelse: null };
  const afvigelse = expected === 0 ? (actual === 0 ? 0 : 1) : (actual - expected) / expected;
  let niveau: BeloebNiveau;
  let vaegt: number;
  if (bestDiff === 0) [niveau, vaegt] = ['OERE', VAEGT.beloeb.OERE];
  else if (bestDiff <= BELOEB.toleranceOere || Math.abs(afvigelse) <= BELOEB.tolerance) [niveau, vaegt] = ['TOLERANCE', VAEGT.beloeb.TOLERANCE];
  else if (kreditor === 'KOMMUNE' && afvigelse > 0 && afvigelse <= BELOEB.tillaegMax) [niveau, vaegt] = ['TILLAEG', VAEGT.beloeb.TILLAEG];
  else [niveau, vaegt] = ['AFVIGER', afvigelsesvaegt(Math.abs(afvigelse))];
  return { niveau, vaegt, forventetOere: expected, afvigelse: Math.round(afvigelse * 10_000) / 10_000 };
}
