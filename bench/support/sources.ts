import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Knex } from 'knex';
import { openDatabase } from '../../src/db/open';
import { generateMunicipality } from '../../simulators/generator';
import { loadMunicipality } from '../../simulators/load';
import { startTilbudsportalen } from '../../simulators/tilbudsportalen/server';
import { startServiceplatformen } from '../../simulators/serviceplatformen/server';
import type { Municipality } from '../../simulators/model';
import { createConnectors, closeConnectors } from '../../src/server/create-connectors';
import { openStore, type GatewayStore } from '../../src/store';
import { loadConfig } from '../../src/config';
import type { Connectors } from '../../src/context/connectors';
import { EMBEDDED_INVOCATION_CONTEXT, EMBEDDED_TP_CREDENTIALS } from '../../src/server/embedded-municipality';
import { createTempDatabase, type TempDatabase } from '../../test/support/postgres';

/**
 * One preset's source systems for the bench: the fagsystem, the economy system and the gateway's store as
 * throw-away databases on the machine's PostgreSQL (loaded, then ANALYZEd by the loader as a real source
 * has statistics), and the two stand-ins over HTTP. The bench process holds connectors of its own only
 * to run the reconciliation job; the gateway it measures is a separate process (gateway-process.ts).
 */
export interface BenchSources {
  preset: 'demo' | 'large';
  municipality: Municipality;
  urls: { fagsystem: string; oekonomi: string; store: string; tilbudsportalen: string; serviceplatformen: string };
  fagsystemDb: Knex;
  oekonomiDb: Knex;
  store: GatewayStore;
  connectors: Connectors;
  loadSeconds: number;
  /** the databases were kept from an earlier call (`keep`): loaded and already reconciled */
  kept: boolean;
  close(): Promise<void>;
}

/**
 * `keep`: a file naming the three databases. When it exists they are used as they are (loading `large`
 * takes minutes: iterating on the job need not repeat it); otherwise they are loaded, the file is written
 * and they are left in place at close (drop them yourself). The generator still runs: the stand-ins serve
 * its data.
 */
export async function prepareSources(preset: 'demo' | 'large', o: { keep?: string; seed?: number } = {}): Promise<BenchSources> {
  const t0 = performance.now();
  const municipality = await generateMunicipality({ preset, seed: o.seed ?? 1 });
  const temps: TempDatabase[] = [];
  const temp = async (p: string) => {
    const t = await createTempDatabase(`bench_${p}`);
    temps.push(t);
    return t.url;
  };
  const kept = o.keep && existsSync(o.keep) ? (JSON.parse(readFileSync(o.keep, 'utf8')) as { fagsystem: string; oekonomi: string; store: string }) : null;
  const urls = kept ?? { fagsystem: await temp('fag'), oekonomi: await temp('oek'), store: await temp('store') };
  const fagsystemDb = openDatabase({ kind: 'postgres', url: urls.fagsystem });
  const oekonomiDb = openDatabase({ kind: 'postgres', url: urls.oekonomi });
  if (!kept) await loadMunicipality({ fagsystem: fagsystemDb, oekonomi: oekonomiDb }, municipality);
  if (o.keep && !kept) {
    writeFileSync(o.keep, JSON.stringify(urls));
    temps.length = 0;
  }
  const tp = await startTilbudsportalen({ tilbud: municipality.tilbudsportalen, credentials: EMBEDDED_TP_CREDENTIALS, host: '127.0.0.1', port: 0 });
  const sp = await startServiceplatformen({
    personer: municipality.serviceplatformen.personer,
    virksomheder: municipality.serviceplatformen.virksomheder,
    host: '127.0.0.1',
    port: 0,
  });
  const base = loadConfig({});
  const connectors = createConnectors(
    {
      ...base,
      tilbudsportalen: { url: tp.url, ...EMBEDDED_TP_CREDENTIALS, timeoutMs: 30_000 },
      serviceplatformen: { url: sp.url, invocationContext: EMBEDDED_INVOCATION_CONTEXT, timeoutMs: 30_000 },
    },
    { fagsystemDb, oekonomiDb },
  );
  const store = await openStore({ kind: 'postgres', url: urls.store });
  return {
    preset,
    municipality,
    urls: { ...urls, tilbudsportalen: tp.url, serviceplatformen: sp.url },
    fagsystemDb,
    oekonomiDb,
    store,
    connectors,
    loadSeconds: (performance.now() - t0) / 1000,
    kept: kept !== null,
    async close() {
      await closeConnectors(connectors);
      await store.close();
      await tp.close().catch(() => undefined);
      await sp.close().catch(() => undefined);
      for (const t of temps) await t.drop().catch(() => undefined);
    },
  };
}
