import type { LinkOutcome } from './decide';
import { regelOf } from './decide';
import { kalibrer } from './calibration';

/**
 * Decisions that need the other postings of a batch (postings arrive in registration order, so an invoice's
 * lines are booked together):
 *   - swapped CPRs: posting p names citizen B but its amount is exactly A's price, and posting q names A
 *     with exactly B's price, same creditor, account and month, on one invoice (`invoices`: its lines are
 *     registered together, the same creditor and day). Each is the other's explanation, so both
 *     are matched crosswise (and reported as CPR_OMBYTTET for the ERP to be corrected). A posting without
 *     its partner in the batch stays TVETYDIG for a person. The partner of a flagged posting may have been
 *     matched to an ended indsats of B's that happens to have A's price (decide.ts keeps its evidence):
 *     the flagged posting's crosswise explanation outweighs a payment after the end by coincidence. When
 *     several such postings could be the partner (B paid twice that month at A's price), the data cannot
 *     tell which one is swapped: none of them is matched silently, all go to a person as CPR_OMBYTTET.
 *   - one-to-one per month: two positive postings claiming the same indsats and month, where the weaker
 *     claim has an unclaimed alternative candidate with real probability, go one to each (concurrent
 *     indsatser after a price rise); a duplicate with no such alternative stays where it is.
 */
export const SWAP_POSTERIOR = 0.97;
const MIN_ALTERNATIVE = 0.1;

export function assignBatch(
  outcomes: LinkOutcome[],
  months: readonly string[],
  amounts: readonly number[],
  invoices: readonly string[] = months.map(() => ''),
): void {
  // swapped CPR pairs: p names B with an amount A's price explains, q names A with one B's explains
  const bySwapEvidence = new Map<string, number[]>();
  const ownOf = (o: LinkOutcome) => (o.evidens.forklarer.length ? o.evidens.egen : null);
  outcomes.forEach((o, k) => {
    const own = ownOf(o);
    if (!own) return;
    const key = `${own.indsatsId}|${months[k]}|${invoices[k]}`;
    bySwapEvidence.set(key, [...(bySwapEvidence.get(key) ?? []), k]);
  });
  const done = new Set<number>();
  outcomes.forEach((o, k) => {
    if (done.has(k) || o.evidens.flag !== 'CPR_OMBYTTET') return;
    const own = ownOf(o);
    if (!own) return;
    const partners = o.evidens.forklarer.flatMap((x) =>
      (bySwapEvidence.get(`${x.indsatsId}|${months[k]}|${invoices[k]}`) ?? []).filter(
        (q) => !done.has(q) && outcomes[q]!.evidens.forklarer.some((y) => y.indsatsId === own.indsatsId),
      ),
    );
    if (partners.length > 1) {
      for (const q of partners.filter((x) => outcomes[x]!.evidens.flag === null)) {
        leaveForPerson(outcomes[q]!, own.indsatsId);
        done.add(q);
      }
      return;
    }
    if (partners.length !== 1) return;
    const q = partners[0]!;
    const targets = [
      o.evidens.forklarer.find((x) => x.indsatsId === ownOf(outcomes[q]!)!.indsatsId)!,
      outcomes[q]!.evidens.forklarer.find((y) => y.indsatsId === own.indsatsId)!,
    ];
    [k, q].forEach((i, n) => {
      const out = outcomes[i]!;
      const target = targets[n]!;
      const was = out.evidens.valgt;
      Object.assign(out, {
        indsatsId: target.indsatsId,
        regel: regelOf(target),
        confidence: kalibrer(SWAP_POSTERIOR),
        kreditorErLeverandoer: target.kreditor.niveau === 'SAMME',
      });
      out.evidens.valgt = target;
      out.evidens.flag = 'CPR_OMBYTTET';
      out.evidens.alternativ = target.indsatsId;
      out.evidens.andre = [...(was ? [{ ...was, tabteFordi: [] }] : []), ...out.evidens.andre.filter((a) => a.indsatsId !== target.indsatsId)].sort(
        (a, b) => b.score - a.score,
      );
      done.add(i);
    });
  });

  // one posting per indsats and month where an alternative exists
  const claims = new Map<string, number[]>();
  outcomes.forEach((o, k) => {
    if (o.indsatsId === null || amounts[k]! <= 0) return;
    const key = `${o.indsatsId}|${months[k]}`;
    const l = claims.get(key);
    if (l) l.push(k);
    else claims.set(key, [k]);
  });
  for (const [, ks] of claims) {
    if (ks.length < 2) continue;
    ks.sort((a, b) => outcomes[b]!.evidens.valgt!.sandsynlighed - outcomes[a]!.evidens.valgt!.sandsynlighed);
    for (const k of ks.slice(1)) {
      const o = outcomes[k]!;
      const alt = o.evidens.andre.find((a) => a.sandsynlighed >= MIN_ALTERNATIVE && !claims.has(`${a.indsatsId}|${months[k]}`));
      if (!alt) continue;
      const rest = 1 - o.evidens.valgt!.sandsynlighed;
      const posterior = rest > 0 ? alt.sandsynlighed / rest : 0;
      if (posterior < 0.5) continue;
      const was = o.evidens.valgt!;
      Object.assign(o, {
        indsatsId: alt.indsatsId,
        regel: regelOf(alt),
        confidence: kalibrer(posterior),
        kreditorErLeverandoer: alt.kreditor.niveau === 'SAMME',
      });
      o.evidens.valgt = alt;
      o.evidens.andre = [{ ...was, tabteFordi: [] }, ...o.evidens.andre.filter((a) => a !== alt)];
      claims.set(`${alt.indsatsId}|${months[k]}`, [k]);
    }
  }
}

/** A posting matched to its citizen's ended indsats that may be a swapped partner, among others that may as well. */
function leaveForPerson(o: LinkOutcome, crosswise: number): void {
  const was = o.evidens.valgt;
  const tied = [...(was ? [was.indsatsId] : []), ...o.evidens.forklarer.map((x) => x.indsatsId)];
  Object.assign(o, {
    indsatsId: null,
    regel: 'TVETYDIG',
    confidence: 0,
    kreditorErLeverandoer: null,
    kandidatIds: [...new Set(tied)].sort((a, b) => a - b),
  });
  o.evidens.valgt = null;
  o.evidens.flag = 'CPR_OMBYTTET';
  o.evidens.alternativ = crosswise;
  o.evidens.andre = [...(was ? [{ ...was, tabteFordi: [] }] : []), ...o.evidens.andre].sort((a, b) => b.score - a.score);
}
