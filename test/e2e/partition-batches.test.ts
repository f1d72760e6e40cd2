import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import pg from 'pg';
import { describe, it, expect, vi } from 'vitest';
import { generateMunicipality } from '../../simulators/generator';
import { createTempDatabase } from '../support/postgres';

/**
 * AFSTEMNING_PARTITION_BATCHES reaches the queue of the real entry point: the gateway in its own process, on a
 * PostgreSQL store, cuts its start-up full run into one partition per `n` posting batches of 2,000. With n = 1
 * that is one partition per batch the ledger fills — counted from the generator's postings, not from the store.
 */
const ENTRY = join(__dirname, '..', '..', 'src', 'server', 'main.ts');
const POSTING_BATCH = 2000;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

describe('AFSTEMNING_PARTITION_BATCHES', () => {
  it('the start-up full run on a PostgreSQL store has one partition per posting batch when set to 1', async () => {
    const store = await createTempDatabase('partition_batches');
    const [port, tp, sp] = [await freePort(), await freePort(), await freePort()];
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
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
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const db = new pg.Client({ connectionString: store.url });
    try {
      await vi.waitFor(() => expect(output).toMatch(/first reconciliation: /), { timeout: 150_000, interval: 200 });
      expect(output).toMatch(/first reconciliation: OK/);
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
      child.kill('SIGKILL');
      await db.end().catch(() => undefined);
      await store.drop();
    }
  }, 200_000);
});
