import type { RunWorld } from '../job/world';
import type { ScoreContext } from './score';

/**
 * What scoring needs from a run's world, built once per world: the citizens' CPR by borger id (memory
 * only, for comparing a CPR that names no known citizen) and which creditors are other municipalities
 * (named "… Kommune" and linked to no provider of ours: mellemkommunal refusion).
 */
const cache = new WeakMap<RunWorld, ScoreContext>();

export function scoreContextOf(world: RunWorld): ScoreContext {
  let ctx = cache.get(world);
  if (!ctx) {
    const linked = new Set(world.identity.links.map((l) => l.kreditorNr));
    const kommuner = new Set([...world.kreditorer.values()].filter((k) => !linked.has(k.kreditorNr) && /\bkommune\b/i.test(k.navn)).map((k) => k.kreditorNr));
    ctx = {
      index: world.index,
      cprOf: (borgerId) => world.borgere.get(borgerId)?.cpr.replace(/-/g, '') ?? null,
      erKommune: (kreditorNr) => kommuner.has(kreditorNr),
    };
    cache.set(world, ctx);
  }
  return ctx;
}
