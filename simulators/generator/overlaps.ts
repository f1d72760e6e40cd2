import type { IndsatsRow, OverlappendeYdelse, SagRow } from '../model';

/** Housing with staff that already gives § 85 support (seed 003). */
const BOTILBUD = new Set(['ABL105', 'SEL107', 'SEL108']);

/**
 * The ground truth of overlapping services: every pair of a citizen's § 85 indsats and an ABL § 105 / SEL
 * § 107 / § 108 indsats that run at the same time — by actual dates where known (VUM 2.0 ID 75; started and
 * not ended = still running), expected dates for one not started — with the overlap's first and last day
 * (null = still running). Computed from the generated rows, so natural and planted pairs are both in it.
 */
export function overlapTruth(indsatser: readonly IndsatsRow[], sager: readonly SagRow[]): OverlappendeYdelse[] {
  const borger = new Map(sager.map((s) => [s.sag_id, s.borger_id]));
  const run = (i: IndsatsRow) => ({
    start: i.faktisk_start ?? i.forventet_start,
    slut: i.faktisk_start ? i.faktisk_slut : i.forventet_slut,
  });
  const byBorger = new Map<number, IndsatsRow[]>();
  for (const i of indsatser) {
    if (i.paragraf !== 'SEL85' && !BOTILBUD.has(i.paragraf)) continue;
    const b = borger.get(i.sag_id)!;
    byBorger.set(b, [...(byBorger.get(b) ?? []), i]);
  }
  const out: OverlappendeYdelse[] = [];
  for (const [borgerId, list] of byBorger) {
    for (const a of list.filter((x) => x.paragraf === 'SEL85')) {
      for (const b of list.filter((x) => BOTILBUD.has(x.paragraf))) {
        const ra = run(a);
        const rb = run(b);
        if (ra.start > (rb.slut ?? '9999-12-31') || rb.start > (ra.slut ?? '9999-12-31')) continue;
        const til = ra.slut === null ? rb.slut : rb.slut === null ? ra.slut : ra.slut < rb.slut ? ra.slut : rb.slut;
        out.push({
          borger_id: borgerId,
          indsats_id: a.indsats_id,
          andet_indsats_id: b.indsats_id,
          kombination: `SEL85+${b.paragraf}`,
          fra: ra.start > rb.start ? ra.start : rb.start,
          til,
        });
      }
    }
  }
  return out.sort((x, y) => x.indsats_id - y.indsats_id || x.andet_indsats_id - y.andet_indsats_id);
}
