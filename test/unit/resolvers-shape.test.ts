import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Resolvers stay thin (issue 14): no file in resolvers/ over 150 lines, and no module-level mutable state —
 * a cache at module level outlives the request and mixes callers with different access scopes. Per-request
 * memoisation belongs in the context (ctx.reads, the loaders).
 */
const DIR = resolve(__dirname, '../../resolvers');
const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));

/** Top-level declarations that hold state: `let`/`var`, or a `const` initialised with `new …` (Map, WeakMap, Set, a class). */
export function moduleState(name: string, text: string): string[] {
  const sf = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    const list = st.declarationList;
    const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
    for (const d of list.declarations) {
      if (!isConst || (d.initializer && ts.isNewExpression(d.initializer))) out.push(`${name}: ${d.name.getText(sf)}`);
    }
  }
  return out;
}

describe('resolvers/', () => {
  it('has no file over 150 lines', () => {
    expect(files.length).toBeGreaterThan(10);
    const long = files.map((f) => [f, readFileSync(join(DIR, f), 'utf8').split('\n').length] as const).filter(([, n]) => n > 150);
    expect(long).toEqual([]);
  });

  it('has no module-level mutable state', () => {
    expect(files.flatMap((f) => moduleState(f, readFileSync(join(DIR, f), 'utf8')))).toEqual([]);
  });

  it('the state check finds a module-level cache or let (synthetic source)', () => {
    expect(moduleState('x.ts', 'const cache = new WeakMap<object, number>();\nlet n = 0;\nconst ok = (x: number) => x;\nconst S = Symbol("s");')).toEqual([
      'x.ts: cache',
      'x.ts: n',
    ]);
  });
});
