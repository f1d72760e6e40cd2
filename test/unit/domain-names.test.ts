import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One name per concept (issue 14 point 7): what a reconciliation run finds where the sources disagree is an
 * afvigelse (plural afvigelser) — in folder and file names, identifiers, comments and the schema. The English
 * word may stand only as a gloss in parentheses, "(discrepancy)" or "(English: discrepancy)", as in the README's
 * glossary. Read from the files themselves, so a new file is covered without listing it.
 */
const ROOT = resolve(__dirname, '../..');
const FOLDERS = ['src', 'resolvers', 'connectors', 'simulators', 'scripts', 'bench', 'test', 'schema'];
const SELF = relative(ROOT, __filename);
const OTHER_NAMES = /finding|discrepanc/i;
const GLOSS = /\((English: )?discrepancy\)/g;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules') return [];
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|graphql)$/.test(p) ? [p] : [];
  });
}

const all = FOLDERS.flatMap((f) => files(join(ROOT, f))).map((p) => relative(ROOT, p));

describe('one name per concept: afvigelse', () => {
  it('reads the source tree', () => {
    expect(all.length).toBeGreaterThan(100);
    expect(all).toContain('src/reconcile/rules/afvigelser/kinds.ts');
  });

  it('no folder or file is named finding(s) or discrepancy', () => {
    expect(all.filter((p) => OTHER_NAMES.test(p))).toEqual([]);
  });

  it('no identifier, comment or schema text says finding or discrepancy (except as a gloss)', () => {
    const hits = all
      .filter((p) => p !== SELF)
      .flatMap((p) =>
        readFileSync(join(ROOT, p), 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${p}:${i + 1}`, line: line.replace(GLOSS, '') }))
          .filter((l) => OTHER_NAMES.test(l.line))
          .map((l) => `${l.where}: ${l.line.trim()}`),
      );
    expect(hits).toEqual([]);
  });
});
