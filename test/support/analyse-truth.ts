import type { Municipality } from '../../simulators/model';

/**
 * Ground truth for aggregate questions, computed from the generator's rows (what the fagsystem holds) in
 * plain JavaScript — independent of the gateway's SQL, so a wrong plan cannot agree with itself.
 */
export function indsatsActive(i: Municipality['fagsystem']['indsatser'][number], fra: string, til: string): boolean {
  const start = i.faktisk_start ?? i.forventet_start;
  const slut = i.faktisk_slut ?? (i.faktisk_start ? null : i.forventet_slut);
  return start <= til && (slut === null || slut >= fra);
}

export function countBy<T>(rows: readonly T[], key: (r: T) => string | null, value: (r: T) => string | number): Map<string | null, Set<string | number>> {
  const out = new Map<string | null, Set<string | number>>();
  for (const r of rows) {
    const k = key(r);
    let s = out.get(k);
    if (!s) out.set(k, (s = new Set()));
    s.add(value(r));
  }
  return out;
}

export const monthsOf = (fra: string, til: string): string[] => {
  const out: string[] = [];
  let y = Number(fra.slice(0, 4));
  let m = Number(fra.slice(5, 7));
  const end = til.slice(0, 7);
  for (;;) {
    const s = `${y}-${String(m).padStart(2, '0')}`;
    if (s > end) return out;
    out.push(s);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
};
