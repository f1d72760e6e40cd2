import type { Matchregel } from '../types';
import type { MatchOutcome, MatchPosting } from '../matching/types';
import { kalibrer } from './calibration';
import type { CitizenEvidence } from './citizen';
import { candidates, explainsAmount, type ScoreContext } from './score';
import type { FlagAarsag, Kandidatvurdering } from './types';
import { VAEGT } from './weights';

/**
 * From scored candidates to a decision. The posterior of candidate i is 2^sᵢ / (2^s₀ + Σ 2^sⱼ), s₀ the
 * score of "belongs to no indsats"; the best candidate is a match when its posterior is above one half,
 * and its confidence is that posterior calibrated on generated ground truth (calibration.ts). Left for a
 * person (TVETYDIG) instead of a guess:
 *   LIGE_GODE     two candidates share most of the probability and none has half of it
 *                 — or the citizen's indsats for the period is far off the amount while the one that just ended
 *                 fits it (a wrong period field, or a new price the fagsystem does not show)
 *   CPR_OMBYTTET  the CPR's indsats does not explain the amount but another citizen's indsats at the same
 *                 creditor, account and month does exactly — swapped CPRs on a batch invoice. A pair of
 *                 such postings in one batch is resolved crosswise by the batch assignment (assign.ts).
 * A posting whose amount fits only an ended indsats of its CPR's citizen (a payment after the end) while
 * the citizen's indsats for the period does not fit, and another citizen's does exactly, is matched to the
 * ended one but keeps that evidence: a flagged posting in its batch may be its swapped partner (assign.ts).
 */
export interface MatchEvidens {
  valgt: Kandidatvurdering | null;
  /** the other candidates, best first (at most 5), each with the fields where it lost to the chosen one */
  andre: Array<Kandidatvurdering & { tabteFordi: TabtFelt[] }>;
  /** score of "belongs to no indsats" and its posterior */
  ingen: { score: number; sandsynlighed: number };
  flag: FlagAarsag | null;
  /** for CPR_OMBYTTET: the candidate whose price explains the amount */
  alternativ: number | null;
  /** for CPR_OMBYTTET (or a possible partner of one): the CPR's citizen's candidate for the period, whose price does not explain the amount (not stored) */
  egen: Kandidatvurdering | null;
  /** for CPR_OMBYTTET: every other citizen's candidate whose price explains the amount exactly (not stored) */
  forklarer: Kandidatvurdering[];
}

export interface TabtFelt {
  felt: string;
  niveau: string;
  vaegt: number;
  vinderNiveau: string;
  vinderVaegt: number;
}

export type LinkOutcome = MatchOutcome & { evidens: MatchEvidens; who: CitizenEvidence };

const NONE: ReadonlySet<number> = new Set();
const FIELDS = ['cpr', 'konto', 'kreditor', 'periode', 'beloeb', 'tekst'] as const;

export function linkPosting(p: MatchPosting, who: CitizenEvidence, ctx: ScoreContext, excluded: ReadonlySet<number> = NONE): LinkOutcome {
  const c = candidates(p, who, ctx, excluded);
  const max = Math.max(VAEGT.INGEN, ...c.map((x) => x.score));
  const z = 2 ** (VAEGT.INGEN - max) + c.reduce((s, x) => s + 2 ** (x.score - max), 0);
  for (const x of c) x.sandsynlighed = 2 ** (x.score - max) / z;
  const ingen = { score: VAEGT.INGEN, sandsynlighed: 2 ** (VAEGT.INGEN - max) / z };
  const best = c[0];
  const second = c[1];
  const evidens = (
    valgt: Kandidatvurdering | null,
    flag: FlagAarsag | null,
    alternativ: number | null = null,
    forklarer: Kandidatvurdering[] = [],
    egen: Kandidatvurdering | null = null,
  ): MatchEvidens => ({
    valgt,
    andre: c
      .filter((x) => x !== valgt)
      .slice(0, 5)
      .map((x) => ({ ...x, tabteFordi: valgt ? lostOn(x, valgt) : [] })),
    ingen,
    flag,
    alternativ,
    forklarer,
    egen,
  });
  const none = (
    regel: 'TVETYDIG' | 'INGEN_KANDIDAT' | 'AFVIST',
    flag: FlagAarsag | null,
    forklarer: Kandidatvurdering[] = [],
    egen: Kandidatvurdering | null = null,
  ): LinkOutcome => ({
    indsatsId: null,
    regel,
    confidence: 0,
    kandidater: c.length,
    kreditorErLeverandoer: null,
    evidens: evidens(null, flag, forklarer[0]?.indsatsId ?? null, forklarer, egen),
    who,
    // TVETYDIG names the indsatser a person must choose between, so grouped sums can place the money when they agree
    ...(regel === 'TVETYDIG' ? { kandidatIds: tiedCandidates(flag, forklarer) } : {}),
  });
  const tiedCandidates = (flag: FlagAarsag | null, forklarer: Kandidatvurdering[]): number[] => {
    // CPR_OMBYTTET, and the period's indsats against the one that just ended: the best and those that explain the amount
    const tied = flag === 'CPR_OMBYTTET' || forklarer.length ? [...(best ? [best] : []), ...forklarer] : c.filter((x) => x.sandsynlighed >= 0.2);
    return [...new Set(tied.map((x) => x.indsatsId))].sort((a, b) => a - b);
  };
  const explains = () =>
    c.filter((x) => x.cpr.niveau === 'ANDEN' && x.beloeb.niveau === 'OERE' && x.kreditor.niveau === 'SAMME' && x.periode.niveau !== 'UDENFOR');
  if (best && best.cpr.vaegt > 0 && best.beloeb.niveau === 'AFVIGER' && !best.integrationsId) {
    const forklarer = explains();
    if (forklarer.length) return none('TVETYDIG', 'CPR_OMBYTTET', forklarer, best);
  }
  // the citizen's indsats for the period is far off the amount while the indsats of the same citizen that just
  // ended fits it: a payment for the ended one with a wrong period field (PERIODE_FORKERT), or the new indsats at
  // a price the fagsystem does not show. The data cannot tell them apart, so a person chooses between the two
  // (on large, 8 of 630 such postings were matched to the new indsats by its period alone)
  if (best && best.cpr.vaegt > 0 && best.periode.niveau !== 'UDENFOR' && best.beloeb.niveau === 'AFVIGER' && !best.integrationsId) {
    const endte = c.find(
      (x) =>
        x !== best &&
        x.cpr.vaegt > 0 &&
        x.periode.niveau === 'UDENFOR' &&
        x.konto.niveau === best.konto.niveau &&
        x.kreditor.niveau === best.kreditor.niveau &&
        fitsFarBetter(x, best),
    );
    if (endte) return none('TVETYDIG', 'LIGE_GODE', [endte], best);
  }
  // matched to the citizen's ended indsats; the one for the period does not fit, another citizen's does
  let mulig: { egen: Kandidatvurdering; forklarer: Kandidatvurdering[] } | null = null;
  if (best && best.cpr.vaegt > 0 && best.periode.niveau === 'UDENFOR' && explainsAmount(best) && !best.integrationsId) {
    const egen = c.find((x) => x.cpr.vaegt > 0 && x.periode.niveau !== 'UDENFOR');
    const forklarer = egen?.beloeb.niveau === 'AFVIGER' ? explains() : [];
    if (egen && forklarer.length) mulig = { egen, forklarer };
  }
  if (!best || best.sandsynlighed < 0.5) {
    if (best && second && second.sandsynlighed >= 0.2 && best.sandsynlighed + second.sandsynlighed >= 0.6) return none('TVETYDIG', 'LIGE_GODE');
    return none(excluded.size ? 'AFVIST' : 'INGEN_KANDIDAT', null);
  }
  return {
    indsatsId: best.indsatsId,
    regel: regelOf(best),
    confidence: kalibrer(best.sandsynlighed),
    kandidater: c.length,
    kreditorErLeverandoer: best.kreditor.niveau === 'SAMME',
    evidens: evidens(best, null, null, mulig?.forklarer ?? [], mulig?.egen ?? null),
    who,
  };
}

/** `x` explains the amount, or is at most a third as far off it as `than` (which is beyond tolerance). */
function fitsFarBetter(x: Kandidatvurdering, than: Kandidatvurdering): boolean {
  if (explainsAmount(x)) return true;
  const a = x.beloeb.afvigelse;
  const b = than.beloeb.afvigelse;
  return a !== null && b !== null && Math.abs(a) * 3 <= Math.abs(b);
}

/** The rule label of a match: the strongest evidence it rests on (the API's Matchregel). */
export function regelOf(v: Kandidatvurdering): Matchregel {
  if (v.integrationsId) return 'INTEGRATIONS_ID';
  if (v.cpr.vaegt > 0) {
    if (v.kreditor.niveau !== 'SAMME') return 'CPR_KONTO_PERIODE';
    return v.periode.niveau === 'UDENFOR' ? 'CPR_KONTO_KREDITOR_UDEN_FOR_PERIODE' : 'CPR_KONTO_KREDITOR_PERIODE';
  }
  return 'KREDITOR_BELOEB_PERIODE';
}

function lostOn(x: Kandidatvurdering, w: Kandidatvurdering): TabtFelt[] {
  const out: TabtFelt[] = [];
  if (w.integrationsId && !x.integrationsId)
    out.push({ felt: 'integrationsId', niveau: 'NEJ', vaegt: 0, vinderNiveau: 'JA', vinderVaegt: VAEGT.integrationsId });
  for (const f of FIELDS) {
    if (x[f].vaegt < w[f].vaegt) out.push({ felt: f, niveau: x[f].niveau, vaegt: x[f].vaegt, vinderNiveau: w[f].niveau, vinderVaegt: w[f].vaegt });
  }
  return out;
}
