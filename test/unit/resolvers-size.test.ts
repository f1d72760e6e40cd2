import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Thin resolvers (issue 14 point 1): "arguments → one call", so no file in resolvers/ grows past 150 lines. */
const ROOT = resolve(__dirname, '../..');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));

describe('resolvers/', () => {
  it('has no file over 150 lines', () => {
    const all = files(join(ROOT, 'resolvers'));
    expect(all.length).toBeGreaterThan(5);
    const long = all.map((f) => [relative(ROOT, f), readFileSync(f, 'utf8').split('\n').length] as const).filter(([, n]) => n > 150);
    expect(long).toEqual([]);
  });
});
