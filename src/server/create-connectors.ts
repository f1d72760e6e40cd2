import type { Knex } from 'knex';
import { openDatabase } from '../db/open';
import type { GatewayConfig } from '../config';
import type { Connectors } from '../context/connectors';
import { createFagsystemConnector } from '../../connectors/fagsystem';
import { createOekonomiConnector } from '../../connectors/oekonomi';
import { createTilbudsportalenConnector } from '../../connectors/tilbudsportalen';
import { createServiceplatformenConnector } from '../../connectors/serviceplatformen';

/** Long-lived connectors from a resolved config (every source either configured or embedded). */
export function createConnectors(config: GatewayConfig, embedded: { fagsystemDb?: Knex; oekonomiDb?: Knex }): Connectors {
  const fagsystemDb = embedded.fagsystemDb ?? openDatabase(config.fagsystem!);
  const oekonomiDb = embedded.oekonomiDb ?? openDatabase(config.oekonomi!);
  const tp = config.tilbudsportalen!;
  const sp = config.serviceplatformen!;
  return {
    fagsystem: createFagsystemConnector({ db: fagsystemDb }),
    oekonomi: createOekonomiConnector({ db: oekonomiDb }),
    tilbudsportalen: createTilbudsportalenConnector({ url: tp.url, username: tp.username, password: tp.password, timeoutMs: tp.timeoutMs }),
    serviceplatformen: createServiceplatformenConnector({
      url: sp.url,
      invocationContext: sp.invocationContext,
      timeoutMs: sp.timeoutMs,
      certFile: sp.certFile,
      keyFile: sp.keyFile,
      caFile: sp.caFile,
      concurrency: config.serviceplatformenLimits.concurrency,
      cacheTtlSeconds: config.serviceplatformenLimits.cacheTtlSeconds,
    }),
  };
}

export async function closeConnectors(c: Connectors): Promise<void> {
  await Promise.allSettled([c.fagsystem.close(), c.oekonomi.close(), c.tilbudsportalen.close(), c.serviceplatformen.close()]);
}
