import type { Preset } from './presets';
import { Random } from './random';
import { IdentifierFactory } from './identifiers';
import { dayOf, monthOfDay } from './days';

/** What every stage of the generator shares: the preset, the seeded streams and the calendar of the run. */
export interface GeneratorContext {
  preset: Preset;
  seed: number;
  /** The "today" of the data set. */
  asOf: string;
  asOfDay: number;
  /** The first and last month with economy postings (the last is the month before asOf). */
  firstPaidMonth: number;
  lastPaidMonth: number;
  rng: Random;
  ids: IdentifierFactory;
}

export function createContext(preset: Preset, seed: number, asOf: string): GeneratorContext {
  const rng = new Random(seed);
  const asOfDay = dayOf(asOf);
  const lastPaidMonth = monthOfDay(asOfDay) - 1;
  return {
    preset,
    seed,
    asOf,
    asOfDay,
    firstPaidMonth: lastPaidMonth - preset.betalingsmaaneder + 1,
    lastPaidMonth,
    rng,
    ids: new IdentifierFactory(rng.fork('identifiers')),
  };
}
