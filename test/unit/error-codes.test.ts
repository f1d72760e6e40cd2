import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/graphql/error-codes';

/**
 * One error-code catalogue (src/graphql/error-codes.ts): README's table is exactly it, and every code the
 * source puts in `extensions.code` (or a warning's `code`) is in it. The README's Layout table names every
 * folder of the repository and of src/.
 */
const ROOT = resolve(__dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

function section(title: string): string {
  const start = README.indexOf(`## ${title}\n`);
  expect(start, `README has a "## ${title}" section`).toBeGreaterThanOrEqual(0);
  const end = README.indexOf('\n## ', start + 3);
  return README.slice(start, end < 0 ? undefined : end);
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === 'generated') return [];
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

// quoted upper-case tokens on lines that set or compare a code or refuse a request (guards' reject(), RequestError(status, …));
// 'WARNING' is a warning's type; ERR_JWKS_INVALID (jose), EPERM and EEXIST (Node's fs) are libraries' codes, not ours
const NOT_OURS = new Set(['WARNING', 'ERR_JWKS_INVALID', 'EPERM', 'EEXIST']);
function codesUsedInSource(): Map<string, string> {
  const used = new Map<string, string>();
  for (const f of ['src', 'connectors', 'resolvers'].flatMap((d) => tsFiles(join(ROOT, d)))) {
    // statements, not lines: a formatter may break `reject(reply, 400,\n 'CODE', …)` over several lines
    const statements = readFileSync(f, 'utf8')
      .replace(/\s*\n\s*/g, ' ')
      .split(/[;{}]/);
    for (const st of statements) {
      if (!/\bcode\b|reject\(|Error\(\d{3}, /.test(st)) continue;
      for (const m of st.matchAll(/'([A-Z][A-Z0-9_]{3,})'/g)) if (!NOT_OURS.has(m[1]!)) used.set(m[1]!, f.slice(ROOT.length + 1));
    }
  }
  return used;
}

describe('the error-code catalogue', () => {
  it("README's table is the catalogue: same codes, kinds, statuses and meanings, in the same order", () => {
    const rows = section('Error codes')
      .split('\n')
      .filter((l) => /^\| `[A-Z_]+` \|/.test(l))
      .map((l) => l.split(' | ').map((c) => c.replace(/^\| ?|`| ?\|$/g, '')));
    const catalogue = Object.entries(ERROR_CODES).map(([code, e]) => [code, e.kind, String(e.status), e.meaning]);
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(rows).toEqual(catalogue.map((r) => r.map((c) => c.replace(/`/g, ''))));
  });

  it('every code the source uses is in the catalogue', () => {
    const used = codesUsedInSource();
    expect(used.size).toBeGreaterThan(15);
    const unknown = [...used].filter(([code]) => !(code in ERROR_CODES)).map(([code, where]) => `${code} (${where})`);
    expect(unknown).toEqual([]);
  });

  it('statuses are what HTTP allows for the kind', () => {
    for (const [code, e] of Object.entries(ERROR_CODES)) {
      if (e.kind === 'warning') expect(e.status, code).toBe(200);
      else expect([200, 400, 401, 403, 405, 413, 415, 429], code).toContain(e.status);
    }
  });
});

describe("README's Layout table", () => {
  it('names every folder of the repository and of src/', () => {
    const layout = section('Layout');
    const dirs = (d: string) =>
      readdirSync(join(ROOT, d), { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name);
    const top = dirs('.').filter((n) => n !== 'node_modules' && n !== '.git' && n !== '.data' && n !== 'coverage');
    const src = dirs('src').map((n) => `src/${n}`);
    expect(top.length).toBeGreaterThan(5);
    const missing = [...top, ...src].filter((d) => !layout.includes(`\`${d}/`));
    expect(missing).toEqual([]);
  });
});
