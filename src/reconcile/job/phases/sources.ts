import type { Knex } from 'knex';
import type { Connectors } from '../../../context/connectors';
import type { RunFence } from '../fence';
import { readCvrCache, writeCvrLookups, writeIdentityGraph } from '../run-store';
import { loadWorld, type RunWorld } from '../world';

/**
 * Phase "kilder": what matching needs from the sources, into memory (world.ts); the CVR lookups it made
 * are cached (the CVR register is billed per call) and the provider identity graph is written.
 */
export async function readSources(o: {
  db: Knex;
  connectors: Connectors;
  fence: RunFence;
  now: Date;
  cvrKontrolDage: number;
  onPhase?: (phase: string, ms: number) => void;
}): Promise<RunWorld> {
  const cache = await readCvrCache(o.db);
  const maxAge = o.cvrKontrolDage * 86_400_000;
  const world = await loadWorld({
    connectors: o.connectors,
    cvrCache: cache.cvr,
    cvrStale: (p) => o.now.getTime() - (cache.checked.get(p) ?? 0) > maxAge,
    onPhase: o.onPhase,
  });
  await o.fence.write(async (trx) => {
    if (world.cvrLookups.size) await writeCvrLookups(trx, world.cvrLookups, o.now);
    await writeIdentityGraph(trx, world, o.fence.koerselId);
  });
  return world;
}
