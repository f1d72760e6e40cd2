/**
 * `npm run schema:print`: writes the published SDL (schema.graphql) from schema/. Refuses — one line per change,
 * exit 1 — when the change breaks the published contract and is not acknowledged in schema-changes.json.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ACKNOWLEDGED, PUBLISHED, currentSdl, unacknowledgedBreakingChanges } from './schema-contract';

async function main() {
  const current = currentSdl();
  if (existsSync(PUBLISHED)) {
    const breaking = await unacknowledgedBreakingChanges(readFileSync(PUBLISHED, 'utf8'), current);
    if (breaking.length) {
      process.stderr.write(`schema:print: ${breaking.length} breaking change(s) to the published schema; deprecate first (@deprecated), or acknowledge each in ${ACKNOWLEDGED} as {"change": "<message>", "reason": "…"}:\n`);
      for (const b of breaking) process.stderr.write(`  ${b}\n`);
      process.exit(1);
    }
  }
  writeFileSync(PUBLISHED, current);
  process.stdout.write(`schema:print: wrote ${PUBLISHED}\n`);
}

main().catch((e) => {
  process.stderr.write(`schema:print: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
