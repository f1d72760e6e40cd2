/**
 * Runs the Tilbudsportalen stand-in as its own process, serving the synthetic municipality's offers:
 *   npx tsx simulators/tilbudsportalen/main.ts
 * Environment: see config.ts (TILBUDSPORTALEN_PORT 4101, TILBUDSPORTALEN_USERNAME/PASSWORD gateway/demo-secret,
 * SIMULATOR_PRESET demo, SIMULATOR_SEED 1). The password is never printed.
 */
import { generateMunicipality } from '../generator';
import { loadStandinConfig } from './config';
import { startTilbudsportalen } from './server';

async function main(): Promise<void> {
  const config = loadStandinConfig();
  const municipality = await generateMunicipality({ preset: config.preset, seed: config.seed });
  const server = await startTilbudsportalen({
    tilbud: municipality.tilbudsportalen,
    credentials: config.credentials,
    logger: config.logger,
    host: config.host,
    port: config.port,
  });
  console.log(
    `Tilbudsportalen stand-in at ${server.url} (preset ${config.preset}, seed ${config.seed}, ` +
      `${municipality.tilbudsportalen.length} afdelinger, user ${config.credentials.username})`,
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
  console.error(`Tilbudsportalen stand-in did not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
