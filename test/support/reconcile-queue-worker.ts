import { openDatabase } from '../../src/db/open';
import { loadConfig, type GatewayConfig } from '../../src/config';
import { createConnectors, closeConnectors } from '../../src/server/create-connectors';
import { EMBEDDED_INVOCATION_CONTEXT, EMBEDDED_TP_CREDENTIALS } from '../../src/server/embedded-municipality';
import { openStore } from '../../src/store';
import { startReconcileQueue } from '../../src/reconcile/job/queue/queue';

/**
 * One replica's reconciliation worker as its own process (test/integration/reconcile-queue.test.ts): the
 * real connectors to the sources the test seeded, the store, and the queue's worker — what a gateway
 * replica runs for the job. `pauseInPartition`: after its first committed batch of a partition it stops
 * there (holding the job), so the test can kill it mid-partition. Log lines are JSON on stdout.
 */
interface WorkerConfig {
  store: string;
  fagsystem: string;
  oekonomi: string;
  tilbudsportalen: string;
  serviceplatformen: string;
  batchSize: number;
  batchesPerPartition: number;
  pauseInPartition: boolean;
}

const c = JSON.parse(process.env.RECONCILE_WORKER ?? '{}') as WorkerConfig;
const line = (obj: object, msg: string) => process.stdout.write(JSON.stringify({ ...obj, msg }) + '\n');
const log = { info: line, warn: line };
const base = loadConfig({});
const config: GatewayConfig = {
  ...base,
  tilbudsportalen: { url: c.tilbudsportalen, ...EMBEDDED_TP_CREDENTIALS, timeoutMs: 30_000 },
  serviceplatformen: { url: c.serviceplatformen, invocationContext: EMBEDDED_INVOCATION_CONTEXT, timeoutMs: 30_000 },
};
const connectors = createConnectors(config, {
  fagsystemDb: openDatabase({ kind: 'postgres', url: c.fagsystem, poolMax: 3 }),
  oekonomiDb: openDatabase({ kind: 'postgres', url: c.oekonomi, poolMax: 3 }),
});
const store = await openStore({ kind: 'postgres', url: c.store, poolMax: 4 });
const queue = await startReconcileQueue(
  { db: store.db, connectors, postingBatchSize: c.batchSize, log },
  {
    url: c.store,
    batchesPerPartition: c.batchesPerPartition,
    heartbeatSeconds: 10,
    superviseIntervalSeconds: 1,
    pollingIntervalSeconds: 0.5,
    log,
    onPartitionBatch: c.pauseInPartition
      ? async (koerselId, nr) => {
          line({ koerselId, partition: nr }, 'paused mid-partition');
          await new Promise<never>(() => undefined);
        }
      : undefined,
  },
);
line({ pid: process.pid }, 'worker ready');
process.on('SIGTERM', () => {
  void (async () => {
    await queue.stop();
    await closeConnectors(connectors);
    await store.close();
    process.exit(0);
  })();
});
