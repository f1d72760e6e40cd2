import type { Knex } from 'knex';
import type { FagsystemData } from '../../simulators/model/fagsystem';
import { generateMunicipality } from '../../simulators/generator';
import { insertFagsystemRows } from './fagsystem-db';

export interface FagsystemTestData {
  source: string;
  data: FagsystemData;
  today: string;
  seed(db: Knex): Promise<void>;
}

export async function fagsystemTestData(): Promise<FagsystemTestData> {
  const m = generateMunicipality({ preset: 'test' });
  return { source: 'generated test municipality', data: m.fagsystem, today: m.asOf, seed: (db) => insertFagsystemRows(db, m.fagsystem) };
}
