import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';

/** Every environment variable src/config.ts reads is named (in full) in the README's Configuration section. */
describe('README configuration table', () => {
  it('names every variable the gateway reads', () => {
    const root = join(__dirname, '..', '..');
    const config = readFileSync(join(root, 'src', 'config.ts'), 'utf8');
    const schema = config.slice(config.indexOf('const EnvSchema'), config.indexOf('\n});', config.indexOf('const EnvSchema')));
    const variables = [...schema.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
    expect(variables.length).toBeGreaterThan(30);
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5));
    expect(variables.filter((v) => !new RegExp(`\\b${v}\\b`).test(section))).toEqual([]);
  });
});
