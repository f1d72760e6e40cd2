import type { ScoreContext } from '../rules/linkage/score';
import type { RunWorld } from './world';

/**
 * What scoring needs from a run's world: the citizens' CPR by borger id (memory only, for comparing a CPR
 * that names no known citizen) and which creditors are other municipalities (named "… Kommune" and linked
 * to no provider of ours: mellemkommunal refusion). Built per batch: a few hundred creditors, no cache.
 */
export function scoreContextOf(world: RunWorld): ScoreContext {
  const linked = new Set(world.identity.links.map((l) => l.kreditorNr));
  const kommuner = new Set([...world.kreditorer.values()].filter((k) => !linked.has(k.kreditorNr) && /\bkommune\b/i.test(k.navn)).map((k) => k.kreditorNr));
  return {
    index: world.index,
    cprOf: (borgerId) => world.borgere.get(borgerId)?.cpr.replace(/-/g, '') ?? null,
    erKommune: (kreditorNr) => kommuner.has(kreditorNr),
  };
}
