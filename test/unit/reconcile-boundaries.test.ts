import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * src/reconcile is split by lifetime (issue 14 point 2): `rules/` is pure and imports neither the batch job
 * nor the request side; `read/` (what requests call) never imports `job/` — the job's trigger is injected.
 * Read from the TypeScript import statements themselves, so a new file is covered without listing it.
 */
const ROOT = resolve(__dirname, '../..');
const RECONCILE = join(ROOT, 'src/reconcile');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every relative import of a file, as a path relative to the repository root. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName).filter((s) => s.startsWith('.')).map((s) => relative(ROOT, resolve(dirname(file), s)));
}

function violations(layer: string, forbidden: (target: string) => boolean): string[] {
  const files = tsFiles(join(RECONCILE, layer));
  expect(files.length).toBeGreaterThan(0);
  return files.flatMap((f) => importsOf(f).filter(forbidden).map((t) => `${relative(ROOT, f)} → ${t}`));
}

describe('src/reconcile layers', () => {
  it('rules/ imports only rules/ and src/domain', () => {
    expect(violations('rules', (t) => !t.startsWith('src/reconcile/rules/') && !t.startsWith('src/domain/'))).toEqual([]);
  });

  it('read/ never imports job/', () => {
    expect(violations('read', (t) => t.startsWith('src/reconcile/job/'))).toEqual([]);
  });

  it('the checker sees imports (a known import of job/ is found)', () => {
    expect(importsOf(join(RECONCILE, 'job/run.ts'))).toContain('src/reconcile/job/lock');
  });
});
