/**
 * `npm run manifest`: the front-end's persisted-document manifest (operations/frontend/persisted-query-manifest.json)
 * in Apollo's standard format — what `@apollo/generate-persisted-query-manifest` or graphql-codegen's client preset
 * produce in a front-end's own build. The gateway's safelist loads every manifest under operations/.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, Kind } from 'graphql';
import { OPERATIONS_DIR, sha256 } from '../src/access/safelist';

export const FRONTEND_DIR = join(OPERATIONS_DIR, 'frontend');
export const MANIFEST = join(FRONTEND_DIR, 'persisted-query-manifest.json');

export function frontendManifest(): string {
  const operations = readdirSync(FRONTEND_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => {
      const body = readFileSync(join(FRONTEND_DIR, f), 'utf8');
      const op = parse(body).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
      if (op?.kind !== Kind.OPERATION_DEFINITION || !op.name) throw new Error(`${f}: needs one named operation`);
      return { id: sha256(body), name: op.name.value, type: op.operation, body };
    });
  return `${JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }, null, 2)}\n`;
}

if (process.argv[1]?.endsWith('persisted-manifest.ts')) {
  writeFileSync(MANIFEST, frontendManifest());
  process.stdout.write(`manifest: wrote ${MANIFEST}\n`);
}
