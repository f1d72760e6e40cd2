import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATIONS_DIR } from '../../src/access/safelist';

/** The example operations as the tests run them: the very files in operations/. */
export function operation(relativePath: string): string {
  return readFileSync(join(OPERATIONS_DIR, relativePath), 'utf8');
}

export function decodeId(id: string): { type: string; key: string } {
  const raw = Buffer.from(id, 'base64url').toString('utf8');
  const i = raw.indexOf(':');
  return { type: raw.slice(0, i), key: raw.slice(i + 1) };
}

export function globalId(type: string, key: number | string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}
