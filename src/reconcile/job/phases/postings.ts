import { chunked } from '../../chunked';
import type { NyAfvigelse } from '../../rules/afvigelser/types';
import { loadDecisions, setDecisionStatus } from '../decisions';
import { deleteStaleAfvigelser, upsertAfvigelser } from '../afvigelser-write';
import { budgetOnlyCreditors, processPostingBatch, type BatchContext } from '../match-batch';
import type { RunState } from '../run-state';
import { deletePostings, inactiveDecisions, postingsNotWrittenBy, relatedPostingIds, storedIndsatser, vanishedPostings } from '../run-store';

type Batch = Parameters<typeof processPostingBatch>[1];

/**
 * Phase "posteringer": FULD matches every posting; INKREMENTEL the postings registered after the last
 * run's watermark, plus the postings of indsatser whose inputs changed and those with new decisions. Each
 * batch is written with its afvigelser in one fenced transaction. Then postings gone from the ledger are
 * dropped (their manual decisions are kept, and reported).
 */
export async function matchPostings(s: RunState): Promise<void> {
  const { db, connectors, full } = s;
  const handle = await preparePostings(s);
  const seen = new Set<number>();
  const batchSize = s.settings.batchSize;
  if (full) {
    for await (const batch of connectors.oekonomi.job.posteringer({ batchSize })) await handle(batch);
    await finishFullMatching(s);
    return;
  }
  const f = s.figures;
  const w = f.watermark;
  const handleSeen = async (batch: Batch) => {
    for (const p of batch) seen.add(p.id);
    await handle(batch);
  };
  for await (const batch of connectors.oekonomi.job.posteringer({ ...(w ? { registreretEfter: w.registreret, efterPosteringId: w.id } : {}), batchSize }))
    await handleSeen(batch);
  const related = await relatedPostingIds(db, s.world, {
    changed: [...s.changed, ...s.removed],
    stored: s.stored,
    decisionsSince: s.prev ? new Date(s.prev.startet) : null,
  });
  const missing = new Set<number>();
  for (const ids of chunked(
    related.filter((id) => !seen.has(id)),
    batchSize,
  )) {
    const found = await connectors.oekonomi.job.posteringerByIds(ids);
    for (const id of ids) if (!found.has(id)) missing.add(id);
    if (found.size) await handleSeen([...found.values()].sort((a, b) => a.id - b.id));
  }
  s.vanished = await vanishedPostings(db, connectors.oekonomi.job, missing);
  await afterMatching(s);
}

/**
 * What matching a batch needs (decisions, the store's indsats versions), and the batch handler: one
 * fenced transaction per batch, figures and the indsatser touched kept in `s`. A partition of a queued run
 * (queue/partition-job.ts) calls this and feeds it its own batches.
 */
export async function preparePostings(s: RunState): Promise<(batch: Batch) => Promise<void>> {
  const { db, world, full } = s;
  s.decisions = await loadDecisions(db);
  // a held world (nothing it was read from changed) is the one the store's versions were written from
  if (!s.worldReused || full) {
    s.stored = await storedIndsatser(db);
    s.changed = [...world.indsatser.values()].filter((r) => s.stored.get(r.m.indsatsId)?.version !== r.version).map((r) => r.m.indsatsId);
    s.removed = [...s.stored.keys()].filter((id) => !world.indsatser.has(id));
  }

  const ctx: BatchContext = {
    db,
    fence: s.fence,
    world,
    decisions: s.decisions,
    budgetKreditorer: budgetOnlyCreditors(world),
    koerselId: s.koerselId,
    now: s.now,
    trackPrevious: !full,
  };
  const f = s.figures;
  return async (batch: Batch) => {
    const r = await processPostingBatch(ctx, batch);
    f.postings += batch.length;
    f.matched += r.matched;
    for (const id of r.touched) s.touched.add(id);
    s.indsatsGone.push(...r.indsatsForsvundet);
    for (const p of batch) {
      const w = f.watermark;
      if (!w || p.registreret > w.registreret || (p.registreret === w.registreret && p.id > w.id)) f.watermark = { registreret: p.registreret, id: p.id };
    }
  };
}

/** After every posting of a full run was matched (here or by its partitions): drop what the ledger no longer has. */
export async function finishFullMatching(s: RunState): Promise<void> {
  s.vanished = await postingsNotWrittenBy(s.db, s.koerselId);
  await afterMatching(s);
}

async function afterMatching(s: RunState): Promise<void> {
  const { db, full } = s;
  const f = s.figures;
  for (const r of s.vanished) if (r.indsats_id !== null) s.touched.add(r.indsats_id);
  for (const ids of chunked(
    s.vanished.map((r) => Number(r.postering_id)),
    5000,
  ))
    await s.fence.write((trx) => deletePostings(trx, ids));
  f.vanished = s.vanished.length;
  // fresh statistics after a bulk change, so the per-indsats reads that follow are planned as index
  // scans (a table written in one go has none yet, and the planner's guesses also switch on JIT compiling)
  if (full || f.postings > 50_000) await db.raw('analyze postering_match');
  await decisionStatuses(s);
}

/** A decision whose posting or indsats is gone is kept, marked, and reported as an afvigelse (never dropped). */
async function decisionStatuses(s: RunState): Promise<void> {
  const ledgerGone = new Set(s.vanished.map((r) => Number(r.postering_id)));
  const gone = [...s.decisions.keys()].filter((id) => ledgerGone.has(id));
  await s.fence.write(async (trx) => {
    await setDecisionStatus(trx, gone, 'POSTERING_FORSVUNDET', s.now);
    await setDecisionStatus(trx, s.indsatsGone, 'INDSATS_FORSVUNDET', s.now);
    const fund: NyAfvigelse[] = (await inactiveDecisions(trx)).map((r) => {
      const art = r.status === 'POSTERING_FORSVUNDET' ? 'BESLUTNING_POSTERING_FORSVUNDET' : 'BESLUTNING_INDSATS_FORSVUNDET';
      return {
        omfang: 'BESLUTNING',
        noegle: `${art}:${r.postering_id}`,
        art,
        posteringId: Number(r.postering_id),
        indsatsId: r.tildelt_indsats_id,
        detaljer: { bilagsnr: r.bilagsnr },
      };
    });
    await upsertAfvigelser(trx, fund, s.koerselId, s.now);
    await deleteStaleAfvigelser(trx, { omfang: 'BESLUTNING', koerselId: s.koerselId });
  });
}
