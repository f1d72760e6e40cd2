/**
 * Runs the Serviceplatformen stand-in as its own process, serving the synthetic municipality's CPR and CVR data:
 *   npx tsx simulators/serviceplatformen/main.ts
 * Environment: see config.ts (SERVICEPLATFORMEN_PORT 4102, SERVICEPLATFORMEN_LATENCY_MS 0, SIMULATOR_PRESET demo,
 * SIMULATOR_SEED 1). Prints counts only, never a CPR number, name or address.
 */
import { generateMunicipality } from '../generator';
import { loadStandinConfig } from './config';
import { startServiceplatformen } from './server';

async function main(): Promise<void> {
  const config = loadStandinConfig();
  const { serviceplatformen } = await generateMunicipality({ preset: config.preset, seed: config.seed });
  const server = await startServiceplatformen({
    personer: serviceplatformen.personer,
    virksomheder: serviceplatformen.virksomheder,
    latencyMs: config.latencyMs,
    logger: config.logger,
    host: config.host,
    port: config.port,
  });
  console.log(
    `Serviceplatformen stand-in at ${server.url} (preset ${config.preset}, seed ${config.seed}, ` +
      `${serviceplatformen.personer.length} personer, ${serviceplatformen.virksomheder.length} virksomheder, latency ${config.latencyMs} ms)`,
  );
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`Serviceplatformen stand-in did not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
