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
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((s) => s.startsWith('.'))
    .map((s) => relative(ROOT, resolve(dirname(file), s)));
}

function violations(layer: string, forbidden: (target: string) => boolean): string[] {
  const files = tsFiles(join(RECONCILE, layer));
  expect(files.length).toBeGreaterThan(0);
  return files.flatMap((f) =>
    importsOf(f)
      .filter(forbidden)
      .map((t) => `${relative(ROOT, f)} → ${t}`),
  );
}

describe('src/reconcile layers', () => {
  it('rules/ imports only rules/ and src/domain', () => {
    expect(violations('rules', (t) => !t.startsWith('src/reconcile/rules/') && !t.startsWith('src/domain/'))).toEqual([]);
  });

  it('read/ never imports job/', () => {
    expect(violations('read', (t) => t.startsWith('src/reconcile/job/'))).toEqual([]);
  });

  it('src/config.ts imports nothing from src/reconcile (the policy it parses lives in src/domain)', () => {
    expect(importsOf(join(ROOT, 'src/config.ts')).filter((t) => t.startsWith('src/reconcile/'))).toEqual([]);
  });

  it('holds no module-level mutable state (a policy or registry is passed in from src/server/main.ts)', () => {
    const found = tsFiles(RECONCILE).flatMap((f) => {
      const sf = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
      return sf.statements.flatMap((st) => {
        if (!ts.isVariableStatement(st)) return [];
        const isLet = (st.declarationList.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) !== ts.NodeFlags.Const;
        // a collection typed read-only (ReadonlySet/ReadonlyMap) cannot change after it is made
        const collections = st.declarationList.declarations.filter(
          (d) =>
            d.initializer &&
            ts.isNewExpression(d.initializer) &&
            /^(Weak)?(Map|Set)$/.test(d.initializer.expression.getText(sf)) &&
            !/^Readonly/.test(d.type?.getText(sf) ?? ''),
        );
        return isLet || collections.length ? [`${relative(ROOT, f)}: ${st.getText(sf).split('\n')[0]}`] : [];
      });
    });
    expect(found).toEqual([]);
  });

  it('the checker sees imports (a known import of job/ is found)', () => {
    expect(importsOf(join(RECONCILE, 'job/run.ts'))).toContain('src/reconcile/job/lock');
  });
});
