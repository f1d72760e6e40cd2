import type { LinkOutcome } from './decide';
import { regelOf } from './decide';
import { kalibrer } from './calibration';

/**
 * Decisions that need the other postings of a batch (postings arrive in registration order, so an invoice's
 * lines are booked together):
 *   - swapped CPRs: posting p names citizen B but its amount is exactly A's price, and posting q names A
 *     with exactly B's price, same creditor, account and month. Each is the other's explanation, so both
 *     are matched crosswise (and reported as CPR_OMBYTTET for the ERP to be corrected). A posting without
 *     its partner in the batch stays TVETYDIG for a person.
 *   - one-to-one per month: two positive postings claiming the same indsats and month, where the weaker
 *     claim has an unclaimed alternative candidate with real probability, go one to each (concurrent
 *     indsatser after a price rise); a duplicate with no such alternative stays where it is.
 */
export const SWAP_POSTERIOR = 0.97;
const MIN_ALTERNATIVE = 0.1;

export function assignBatch(outcomes: LinkOutcome[], months: readonly string[], amounts: readonly number[]): void {
  // swapped CPR pairs: p names B with an amount A's price explains, q names A with one B's explains
  const flagged = new Map<string, number[]>();
  const ownOf = (o: LinkOutcome) => o.evidens.andre.find((a) => a.cpr.vaegt > 0) ?? null;
  outcomes.forEach((o, k) => {
    const own = o.evidens.flag === 'CPR_OMBYTTET' ? ownOf(o) : null;
    if (!own) return;
    const key = `${own.indsatsId}|${months[k]}`;
    flagged.set(key, [...(flagged.get(key) ?? []), k]);
  });
  const done = new Set<number>();
  outcomes.forEach((o, k) => {
    if (done.has(k) || o.evidens.flag !== 'CPR_OMBYTTET') return;
    const own = ownOf(o);
    if (!own) return;
    const partners = o.evidens.forklarer.flatMap((x) =>
      (flagged.get(`${x.indsatsId}|${months[k]}`) ?? []).filter(
        (q) => !done.has(q) && outcomes[q]!.evidens.forklarer.some((y) => y.indsatsId === own.indsatsId),
      ),
    );
    if (partners.length !== 1) return;
    const q = partners[0]!;
    const targets = [
      o.evidens.forklarer.find((x) => x.indsatsId === ownOf(outcomes[q]!)!.indsatsId)!,
      outcomes[q]!.evidens.forklarer.find((y) => y.indsatsId === own.indsatsId)!,
    ];
    [k, q].forEach((i, n) => {
      const out = outcomes[i]!;
      const target = targets[n]!;
      Object.assign(out, {
        indsatsId: target.indsatsId,
        regel: regelOf(target),
        confidence: kalibrer(SWAP_POSTERIOR),
        kreditorErLeverandoer: target.kreditor.niveau === 'SAMME',
      });
      out.evidens.valgt = target;
      out.evidens.alternativ = target.indsatsId;
      out.evidens.andre = out.evidens.andre.filter((a) => a.indsatsId !== target.indsatsId);
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
