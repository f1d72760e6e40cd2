import type { Knex } from 'knex';
import { openDatabase } from '../src/db/open';
import { generateMunicipality, type PresetName } from '../simulators/generator';
import { loadMunicipality } from '../simulators/load';
import { startTilbudsportalen } from '../simulators/tilbudsportalen/server';
import { startServiceplatformen } from '../simulators/serviceplatformen/server';
import type { Municipality } from '../simulators/model';
import { createConnectors, closeConnectors } from '../src/server/create-connectors';
import { openStore, type GatewayStore } from '../src/store';
import { loadConfig, type GatewayConfig } from '../src/config';
import { EMBEDDED_INVOCATION_CONTEXT, EMBEDDED_TP_CREDENTIALS } from '../src/server/embedded-municipality';
import type { Connectors } from '../src/context/connectors';
import { createTempDatabase, type TempDatabase } from '../test/support/postgres';

/**
 * The sources and the store the reconciliation job needs, without the GraphQL server: a generated
 * municipality seeded into the fagsystem and economy databases (PGlite or throw-away databases on the real
 * PostgreSQL), both stand-ins over real HTTP, real connectors, and the gateway's store. Shared by
 * `npm run accuracy`, the reconciliation benchmark and the accuracy/decision tests.
 */
export interface ReconcileSetup {
  municipality: Municipality;
  connectors: Connectors;
  store: GatewayStore;
  storeUrl: string | null;
  fagsystemDb: Knex;
  oekonomiDb: Knex;
  /** where another process finds the same sources (database URLs null on PGlite) */
  urls: { fagsystem: string | null; oekonomi: string | null; tilbudsportalen: string; serviceplatformen: string };
  /** the municipality's "today" at noon */
  clock: () => Date;
  timings: { generateMs: number; loadMs: number };
  close(): Promise<void>;
}

export async function reconcileSetup(opts: {
  preset: PresetName;
  seed?: number;
  sources?: 'pglite' | 'postgres';
  store?: 'pglite' | 'postgres';
  municipality?: Municipality;
}): Promise<ReconcileSetup> {
  const t0 = performance.now();
  const municipality = opts.municipality ?? generateMunicipality({ preset: opts.preset, seed: opts.seed });
  const generateMs = performance.now() - t0;
  const temps: TempDatabase[] = [];
  const open = async (kind: 'pglite' | 'postgres', prefix: string): Promise<{ db: Knex; url: string | null }> => {
    if (kind === 'postgres') {
      const t = await createTempDatabase(prefix);
      temps.push(t);
      return { db: openDatabase({ kind: 'postgres', url: t.url, poolMax: 5 }), url: t.url };
    }
    return { db: openDatabase({ kind: 'pglite' }), url: null };
  };
  const t1 = performance.now();
  const fagsystem = await open(opts.sources ?? 'pglite', 'rec_fag');
  const oekonomi = await open(opts.sources ?? 'pglite', 'rec_oek');
  const fagsystemDb = fagsystem.db;
  const oekonomiDb = oekonomi.db;
  await loadMunicipality({ fagsystem: fagsystemDb, oekonomi: oekonomiDb }, municipality);
  const loadMs = performance.now() - t1;
  const tp = await startTilbudsportalen({ tilbud: municipality.tilbudsportalen, credentials: EMBEDDED_TP_CREDENTIALS, host: '127.0.0.1', port: 0 });
  const sp = await startServiceplatformen({
    personer: municipality.serviceplatformen.personer,
    virksomheder: municipality.serviceplatformen.virksomheder,
    host: '127.0.0.1',
    port: 0,
  });
  const base = loadConfig({});
  const config: GatewayConfig = {
    ...base,
    tilbudsportalen: { url: tp.url, ...EMBEDDED_TP_CREDENTIALS, timeoutMs: 30_000 },
    serviceplatformen: { url: sp.url, invocationContext: EMBEDDED_INVOCATION_CONTEXT, timeoutMs: 30_000 },
  };
  const connectors = createConnectors(config, { fagsystemDb, oekonomiDb });
  const storeDb = await open(opts.store ?? 'pglite', 'rec_store');
  await storeDb.db.destroy();
  const store = await openStore(storeDb.url ? { kind: 'postgres', url: storeDb.url, poolMax: 5 } : { kind: 'pglite' });
  return {
    municipality,
    connectors,
    store,
    storeUrl: storeDb.url,
    fagsystemDb,
    oekonomiDb,
    urls: { fagsystem: fagsystem.url, oekonomi: oekonomi.url, tilbudsportalen: tp.url, serviceplatformen: sp.url },
    clock: () => new Date(`${municipality.asOf}T12:00:00Z`),
    timings: { generateMs, loadMs },
    async close() {
      await closeConnectors(connectors);
      await store.close();
      await tp.close().catch(() => undefined);
      await sp.close().catch(() => undefined);
      for (const t of temps) await t.drop().catch(() => undefined);
    },
  };
}
