import type { Knex } from 'knex';
import type { Connectors } from '../../../context/connectors';
import type { RunFence } from '../fence';
import { readCvrCache, writeCvrLookups, writeIdentityGraph } from '../run-store';
import { collect, hash, loadWorld, type RunWorld } from '../world';
import type { WorldCache } from '../world-cache';

/**
 * Phase "kilder": what matching needs from the sources, into memory (world.ts); the CVR lookups it made
 * are cached (the CVR register is billed per call) and the provider identity graph is written.
 * First the sources' change markers are read (the fagsystem's and the economy system's reference tables,
 * checksummed by their databases; Tilbudsportalen's offers, which have no marker, are read and hashed).
 * An incremental run whose markers equal those of the world held from the previous run uses that world.
 */
export async function readSources(o: {
  db: Knex;
  connectors: Connectors;
  fence: RunFence;
  now: Date;
  today: string;
  full: boolean;
  cvrKontrolDage: number;
  cache?: WorldCache;
  onPhase?: (phase: string, ms: number) => void;
}): Promise<{ world: RunWorld; reused: boolean }> {
  const cache = await readCvrCache(o.db);
  const maxAge = o.cvrKontrolDage * 86_400_000;
  const cvrStale = (p: string) => o.now.getTime() - (cache.checked.get(p) ?? 0) > maxAge;
  let parts: unknown[] | null = null;
  let tilbud: RunWorld['tilbud'] | undefined;
  if (o.cache) {
    const t = performance.now();
    const [fag, oek, tp] = await Promise.all([
      o.connectors.fagsystem.job.aendringsmarkoer(),
      o.connectors.oekonomi.job.referenceMarkoer(),
      collect(o.connectors.tilbudsportalen.all()),
    ]);
    tilbud = tp;
    parts = [o.today, fag, oek, tp];
    const key = keyOf(parts, cache.cvr);
    o.onPhase?.('kilder.markoerer', performance.now() - t);
    const held = o.cache.held;
    if (!o.full && held && held.key === key && !held.cvrNeeded.some(cvrStale)) {
      // nothing the world was read from changed: no reads, nothing new to write (the identity graph stands);
      // a warning it was read with (the CVR register could not be asked) is reported again
      return { world: held.world, reused: true };
    }
    o.cache.held = null;
  }
  const world = await loadWorld({ connectors: o.connectors, cvrCache: cache.cvr, cvrStale, onPhase: o.onPhase, tilbud });
  await o.fence.write(async (trx) => {
    if (world.cvrLookups.size) await writeCvrLookups(trx, world.cvrLookups, o.now);
    await writeIdentityGraph(trx, world, o.fence.koerselId);
  });
  if (o.cache && parts) {
    // the CVR lookups just written are part of what the next run's marker reads back
    const cvr = new Map([...cache.cvr, ...world.cvrLookups]);
    // a P-numre the register could not be asked for (down, slow) does not make every run read again: it is
    // asked again when a marker changes or by the scheduled full run; the warning stays with the world
    o.cache.held = { key: keyOf(parts, cvr), world, cvrNeeded: world.cvrNeeded.filter((p) => cvr.has(p)) };
  }
  return { world, reused: false };
}

function keyOf(parts: unknown[], cvr: ReadonlyMap<string, string | null>): string {
  return hash([...parts, [...cvr].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
}
