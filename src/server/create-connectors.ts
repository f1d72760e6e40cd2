import type { Knex } from 'knex';
import { openDatabase } from '../db/open';
import type { GatewayConfig } from '../config';
import type { Connectors } from '../context/connectors';
import { createFagsystemConnector } from '../../connectors/fagsystem';
import { createOekonomiConnector } from '../../connectors/oekonomi';
import { createTilbudsportalenConnector } from '../../connectors/tilbudsportalen';
import { createServiceplatformenConnector } from '../../connectors/serviceplatformen';
import { createSourcePolicy } from '../../connectors/shared/resilience-policy';
import { sqlPolicy } from '../../connectors/shared/guard';

/** Long-lived connectors from a resolved config (every source either configured or embedded). */
export function createConnectors(config: GatewayConfig, embedded: { fagsystemDb?: Knex; oekonomiDb?: Knex }): Connectors {
  const fagsystemDb = embedded.fagsystemDb ?? openDatabase(config.fagsystem!);
  const oekonomiDb = embedded.oekonomiDb ?? openDatabase(config.oekonomi!);
  const tp = config.tilbudsportalen!;
  const sp = config.serviceplatformen!;
  // one resilience policy per source, from configuration (README: Resilience); SQL bulkheads match the pool size
  const r = config.resilience;
  const shared = { queue: r.queue, retries: r.retries, breakerFailures: r.breakerFailures, halfOpenAfterMs: r.halfOpenAfterMs };
  return {
    fagsystem: createFagsystemConnector({ db: fagsystemDb, policy: sqlPolicy('fagsystem', fagsystemDb, 30_000, shared) }),
    oekonomi: createOekonomiConnector({ db: oekonomiDb, policy: sqlPolicy('oekonomi', oekonomiDb, 30_000, shared) }),
    tilbudsportalen: createTilbudsportalenConnector({
      url: tp.url,
      username: tp.username,
      password: tp.password,
      timeoutMs: tp.timeoutMs,
      policy: createSourcePolicy('tilbudsportalen', { ...shared, timeoutMs: tp.timeoutMs, concurrency: r.tilbudsportalenConcurrency }),
    }),
    serviceplatformen: createServiceplatformenConnector({
      url: sp.url,
      invocationContext: sp.invocationContext,
      timeoutMs: sp.timeoutMs,
      certFile: sp.certFile,
      keyFile: sp.keyFile,
      caFile: sp.caFile,
      concurrency: config.serviceplatformenLimits.concurrency,
      cacheTtlSeconds: config.serviceplatformenLimits.cacheTtlSeconds,
      // every look-up is billed: at most one retry
      policy: createSourcePolicy('serviceplatformen', {
        ...shared,
        retries: Math.min(1, r.retries),
        timeoutMs: sp.timeoutMs,
        concurrency: config.serviceplatformenLimits.concurrency,
      }),
    }),
  };
}

export async function closeConnectors(c: Connectors): Promise<void> {
  await Promise.allSettled([c.fagsystem.close(), c.oekonomi.close(), c.tilbudsportalen.close(), c.serviceplatformen.close()]);
}
