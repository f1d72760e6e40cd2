import { recomputeIndsatser, removeIndsatser } from '../indsats-level';
import type { RunState } from '../run-state';
import { horizonOf, horizonOfRun, saveHorizon } from '../run-store';

/**
 * Phase "indsatser": per-indsats months, prices, faktisk and afvigelser — for every indsats when the run is
 * full or the months compared over moved, else for those whose inputs or matches changed.
 */
export async function recomputeIndsatsLevel(s: RunState): Promise<void> {
  const before = s.prev ? await horizonOfRun(s.db, s.prev.koersel_id) : null;
  // the months compared depend on the day and the stored postings only: the same day, no posting written
  // or dropped — the previous run's months (two scans of the match table saved)
  const sameDay = s.prev?.idag !== undefined && String(s.prev.idag).slice(0, 10) === s.today;
  const horizon =
    !s.full && before && sameDay && s.figures.postings === 0 && s.vanished.length === 0
      ? before
      : await horizonOf(s.db, s.today, s.settings.faktureringsforsinkelseDage);
  const moved = !before || before.fra !== horizon.fra || before.til !== horizon.til;
  s.horizon = horizon;
  s.horizonMoved = moved;
  await s.fence.write((trx) => saveHorizon(trx, s.koerselId, horizon));
  const recompute = s.full || moved ? [...s.world.indsatser.keys()] : [...new Set([...s.changed, ...s.touched])];
  await removeIndsatser(s.fence, s.removed);
  await recomputeIndsatser(
    { db: s.db, fence: s.fence, world: s.world, koerselId: s.koerselId, now: s.now, horizon, glidningProcent: s.settings.glidningProcent },
    recompute.sort((a, b) => a - b),
  );
  if (recompute.length > 5_000) await s.db.raw('analyze indsats_maaned, indsats_afstemning, afvigelse');
  s.figures.indsatser = recompute.length;
}
