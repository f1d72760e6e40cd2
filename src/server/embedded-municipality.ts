import type { Knex } from 'knex';
import { openDatabase } from '../db/open';
import type { GatewayConfig } from '../config';
import { silentProgress, type Progress } from './progress';

/**
 * "A municipality in a box": every source that is not configured is started here from the synthetic
 * municipality — PGlite databases for the fagsystem and the economy system, and the Tilbudsportalen and
 * Serviceplatformen stand-ins on loopback, each on its own port as a separate service would be.
 * The simulators are loaded with import() only when something is embedded: a gateway configured against
 * real sources never loads them (test/unit/import-boundaries.test.ts keeps static imports out).
 */
export const EMBEDDED_TP_CREDENTIALS = { username: 'gateway', password: 'demo-secret' };
/** Demo service agreement; the stand-in checks that all four are present and are UUIDs, as the real one does. */
export const EMBEDDED_INVOCATION_CONTEXT = {
  serviceAgreementUuid: '5b6b29c5-8a6b-4e44-9d5b-5f0b8f7c2a10',
  userSystemUuid: '0c5d3a41-5e2c-4b8e-a0a2-7d3f6b1e9c21',
  userUuid: 'f3b1c2d4-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
  serviceUuidCpr: '6e1f3f3c-2f9d-4c51-9f0e-5d8f2d6a7b31',
  serviceUuidCvr: 'a9c2e1d4-7b3f-4e2a-8c1d-2f4b6d8e0a42',
};

export interface EmbeddedSources {
  /** the resolved config: embedded sources filled in */
  config: GatewayConfig;
  /** fagsystem/oekonomi knex instances when embedded (handed to the connectors, closed by them) */
  fagsystemDb?: Knex;
  oekonomiDb?: Knex;
  summary: string[];
  close(): Promise<void>;
}

export async function startEmbeddedSources(config: GatewayConfig, progress: Progress = silentProgress): Promise<EmbeddedSources> {
  const needsData = !config.fagsystem || !config.oekonomi || !config.tilbudsportalen || !config.serviceplatformen;
  const summary: string[] = [];
  const closers: Array<() => Promise<void>> = [];
  if (!needsData) return { config, summary, close: async () => undefined };

  const { generateMunicipality } = await import('../../simulators/generator');
  const { loadMunicipality } = await import('../../simulators/load');
  const { preset, seed } = config.simulator;
  const t0 = Date.now();
  const m = await progress(`generating the synthetic municipality "${preset}" (seed ${seed})`, () => generateMunicipality({ preset, seed }), (m) => `${m.fagsystem.borgere.length} borgere, ${m.fagsystem.indsatser.length} indsatser, ${m.oekonomi.posteringer.length} posteringer`);
  summary.push(`synthetic municipality "${preset}" (seed ${seed}): ${m.fagsystem.borgere.length} borgere, ${m.fagsystem.indsatser.length} indsatser, ${m.oekonomi.posteringer.length} posteringer — generated in ${Date.now() - t0} ms`);

  const resolved: GatewayConfig = { ...config };
  let fagsystemDb: Knex | undefined;
  let oekonomiDb: Knex | undefined;
  if (!config.fagsystem || !config.oekonomi) {
    const t1 = Date.now();
    fagsystemDb = config.fagsystem ? undefined : openDatabase({ kind: 'pglite' });
    oekonomiDb = config.oekonomi ? undefined : openDatabase({ kind: 'pglite' });
    const scratch: Knex[] = [];
    const fag = fagsystemDb ?? (scratch[scratch.length] = openDatabase({ kind: 'pglite' }));
    const oek = oekonomiDb ?? (scratch[scratch.length] = openDatabase({ kind: 'pglite' }));
    await progress('seeding the embedded fagsystem and economy databases (PGlite)', () => loadMunicipality({ fagsystem: fag, oekonomi: oek }, m));
    for (const s of scratch) await s.destroy();
    if (fagsystemDb) summary.push('fagsystem:         embedded PGlite (in memory)');
    if (oekonomiDb) summary.push('economy system:    embedded PGlite (in memory)');
    summary.push(`  seeded in ${Date.now() - t1} ms`);
  }
  if (!config.tilbudsportalen || !config.serviceplatformen) await progress('starting the stand-ins', () => startStandins());
  async function startStandins(): Promise<void> {
    if (!config.tilbudsportalen) {
      const { startTilbudsportalen } = await import('../../simulators/tilbudsportalen/server');
      const tp = await startTilbudsportalen({ tilbud: m.tilbudsportalen, credentials: EMBEDDED_TP_CREDENTIALS, host: '127.0.0.1', port: config.simulator.tilbudsportalenPort });
      closers.push(() => tp.close());
      resolved.tilbudsportalen = { url: tp.url, ...EMBEDDED_TP_CREDENTIALS, timeoutMs: config.tilbudsportalenTimeoutMs };
      summary.push(`Tilbudsportalen:   stand-in at ${tp.url} (Basic auth ${EMBEDDED_TP_CREDENTIALS.username}/…)`);
    }
    if (!config.serviceplatformen) {
      const { startServiceplatformen } = await import('../../simulators/serviceplatformen/server');
      const sp = await startServiceplatformen({ personer: m.serviceplatformen.personer, virksomheder: m.serviceplatformen.virksomheder, host: '127.0.0.1', port: config.simulator.serviceplatformenPort });
      closers.push(() => sp.close());
      resolved.serviceplatformen = { url: sp.url, invocationContext: EMBEDDED_INVOCATION_CONTEXT, timeoutMs: config.serviceplatformenLimits.timeoutMs };
      summary.push(`Serviceplatformen: stand-in at ${sp.url} (SOAP: SF1520 CPR, SF1530 CVR)`);
    }
  }
  return {
    config: resolved,
    fagsystemDb,
    oekonomiDb,
    summary,
    async close() {
      for (const c of closers.reverse()) await c().catch(() => undefined);
    },
  };
}
