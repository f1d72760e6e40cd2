import type { Knex } from 'knex';
import type { FagsystemData } from '../../simulators/model/fagsystem';
import { buildFagsystemFixture, FIXTURE_TODAY } from './fagsystem-fixture';
import { insertFagsystemRows } from './fagsystem-db';

/** The fagsystem rows a connector test runs against, the "today" they were made for, and how to load them. */
export interface FagsystemTestData {
  source: string;
  data: FagsystemData;
  today: string;
  seed(db: Knex): Promise<void>;
}

export async function fagsystemTestData(): Promise<FagsystemTestData> {
  const data = buildFagsystemFixture();
  return { source: 'hand-written fixture', data, today: FIXTURE_TODAY, seed: (db) => insertFagsystemRows(db, data) };
}
