import type { Knex } from 'knex';
import type { FagsystemData } from '../../simulators/model/fagsystem';
import { generateMunicipality } from '../../simulators/generator';
import { seedFagsystem } from '../../simulators/fagsystem/seed';
import { buildFagsystemFixture, FIXTURE_TODAY } from './fagsystem-fixture';

/** The fagsystem rows a connector test runs against, the "today" they were made for, and how to load them. */
export interface FagsystemTestData {
  source: string;
  data: FagsystemData;
  today: string;
  seed(db: Knex): Promise<void>;
}

export type FagsystemDatasetName = 'generated' | 'fixture';
export const FAGSYSTEM_DATASETS: readonly FagsystemDatasetName[] = ['generated', 'fixture'];

/**
 * `generated`: the generator's `test` municipality (realistic shapes and volumes, today = its asOf).
 * `fixture`: the small hand-written edge-case set (ties, Danish letters, FYSISK vs FYS, ended and future
 * memberships, a citizen without a case) that a generated municipality need not contain.
 */
export async function fagsystemTestData(name: FagsystemDatasetName = 'generated'): Promise<FagsystemTestData> {
  if (name === 'fixture') {
    const data = buildFagsystemFixture();
    return { source: 'hand-written fixture', data, today: FIXTURE_TODAY, seed: async (db) => void (await seedFagsystem(db, data)) };
  }
  const m = generateMunicipality({ preset: 'test' });
  return { source: 'generated test municipality', data: m.fagsystem, today: m.asOf, seed: async (db) => void (await seedFagsystem(db, m.fagsystem)) };
}
