import type { RunWorld } from './world';

/**
 * The sources in memory between runs of one process (issue 11: "change markers instead of re-reading the
 * sources"). A run first reads the sources' change markers (phases/sources.ts); when they equal the markers
 * the held world was read under, an incremental run uses it instead of reading the fagsystem, the
 * economy system's contracts and creditors again. A full run always reads and replaces it. Made by the
 * caller (the scheduler, a bench) and passed in: no module state.
 */
export interface WorldCache {
  held: HeldWorld | null;
}

export interface HeldWorld {
  /** the change markers of everything the world was read from, and the day (current prices depend on it) */
  key: string;
  world: RunWorld;
  /** P-numre whose CVR the world needed from the register: a stale one means reading again */
  cvrNeeded: string[];
}

export function createWorldCache(): WorldCache {
  return { held: null };
}
