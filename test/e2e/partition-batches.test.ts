import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, it, expect } from 'vitest';
import { generateMunicipality } from '../../simulators/generator';
import { createTempDatabase } from '../support/postgres';
import { freePort, start } from '../support/processes';

/**
 * AFSTEMNING_PARTITION_BATCHES reaches the queue of the real entry point: the gateway in its own process, on a
 * PostgreSQL store, cuts its start-up full run into one partition per `n` posting batches of 2,000. With n = 1
 * that is one partition per batch the ledger fills — counted from the generator's postings, not from the store.
 */
const ROOT = join(__dirname, '..', '..');
const ENTRY = join(ROOT, 'src', 'server', 'main.ts');
const POSTING_BATCH = 2000;

describe('AFSTEMNING_PARTITION_BATCHES', () => {
  it('the start-up full run on a PostgreSQL store has one partition per posting batch when set to 1', async () => {
    const store = await createTempDatabase('partition_batches');
    const [port, tp, sp] = [await freePort(), await freePort(), await freePort()];
    const gateway = start(process.execPath, ['--import', 'tsx', ENTRY], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH!,
        HOME: process.env.HOME ?? '/tmp',
        AUTH_DEV_KEY_DIR: mkdtempSync(join(tmpdir(), 'devkey-')),
        GATEWAY_STORE_URL: store.url,
        AFSTEMNING_PARTITION_BATCHES: '1',
        LOG_LEVEL: 'warn',
        SIMULATOR_PRESET: 'test',
        PORT: String(port),
        TILBUDSPORTALEN_STANDIN_PORT: String(tp),
        SERVICEPLATFORMEN_STANDIN_PORT: String(sp),
        RECONCILE_INTERVAL_MINUTES: '0',
      },
    });
    const db = new pg.Client({ connectionString: store.url });
    try {
      await gateway.waitFor(/first reconciliation: /, 150_000);
      expect(gateway.stdout()).toMatch(/first reconciliation: OK/);
      const postings = generateMunicipality({ preset: 'test', seed: 1 }).oekonomi.posteringer.length;
      const fullBatches = Math.floor(postings / POSTING_BATCH);
      expect(fullBatches).toBeGreaterThanOrEqual(2); // else 1 and 10 would cut the same
      await db.connect();
      const { rows } = await db.query(
        "select k.partitioner_i_alt as i_alt, count(p.nr)::int as antal from afstemning_koersel k join afstemning_partition p using (koersel_id) where k.udloeser = 'START' group by k.koersel_id",
      );
      // a partition ends after each full batch and the last one takes the rest (src/reconcile/job/queue/plan)
      const expected = fullBatches + 1;
      expect(rows).toEqual([{ i_alt: expected, antal: expected }]);
    } finally {
      await gateway.stop();
      await db.end().catch(() => undefined);
      await store.drop();
    }
  }, 200_000);
});
