import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The gateway's import boundaries (issue 14), read from the TypeScript sources themselves so a new file is
 * covered without listing it:
 * - a connector imports no other connector (connectors/shared is for all), no GraphQL layer and no simulator;
 * - src/config.ts imports nothing from src/reconcile, and at runtime nothing beyond src/domain;
 * - nothing in the gateway (src/, connectors/, resolvers/) imports the simulators, except that
 *   src/server/embedded-municipality.ts loads them on demand with import().
 * The layers inside src/reconcile (rules/ ↛ job/, read/; read/ ↛ job/) are checked in reconcile-boundaries.test.ts.
 */
const ROOT = resolve(__dirname, '../..');

interface Import {
  /** the target, relative to the repository root (no extension) */
  target: string;
  /** `import type …` / `export type …`, or every named specifier is `type`: erased at runtime */
  typeOnly: boolean;
  /** `import('…')` */
  dynamic: boolean;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'generated') return [];
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every relative import of a source text, static and dynamic, with whether it survives compilation. */
export function importsOf(file: string, text = readFileSync(file, 'utf8')): Import[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Import[] = [];
  const add = (spec: string, typeOnly: boolean, dynamic: boolean) => {
    if (spec.startsWith('.')) out.push({ target: relative(ROOT, resolve(dirname(file), spec)), typeOnly, dynamic });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const c = node.importClause;
      const named = c?.namedBindings && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements : undefined;
      const typeOnly = !!c && (c.isTypeOnly || (!c.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, typeOnly, false);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly, false);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false, true);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, true, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const under = (prefix: string) => (t: string) => t === prefix || t.startsWith(`${prefix}/`);
const GRAPHQL_LAYER = ['resolvers', 'schema', 'src/graphql', 'src/context', 'src/server'].map(under);
const SIMULATORS = under('simulators');

/** Which connector a path belongs to (null outside connectors/ and for connectors/shared). */
function connectorOf(path: string): string | null {
  const m = /^connectors\/([^/]+)\//.exec(path);
  return m && m[1] !== 'shared' ? m[1]! : null;
}

export function connectorViolations(file: string, imports: Import[]): string[] {
  const own = connectorOf(relative(ROOT, file));
  return imports
    .filter(({ target }) => {
      const other = connectorOf(`${target}/`) ?? connectorOf(target);
      return (other !== null && other !== own) || GRAPHQL_LAYER.some((g) => g(target)) || SIMULATORS(target);
    })
    .map(({ target }) => `${relative(ROOT, file)} → ${target}`);
}

export function configViolations(file: string, imports: Import[]): string[] {
  return imports
    .filter(({ target, typeOnly }) => under('src/reconcile')(target) || (!typeOnly && !under('src/domain')(target)))
    .map(({ target }) => `${relative(ROOT, file)} → ${target}`);
}

const EMBEDDED = 'src/server/embedded-municipality.ts';
export function simulatorViolations(file: string, imports: Import[]): string[] {
  const path = relative(ROOT, file);
  return imports
    .filter(({ target, dynamic }) => SIMULATORS(target) && !(path === EMBEDDED && dynamic))
    .map(({ target, dynamic }) => `${path} → ${target}${dynamic ? ' (import())' : ''}`);
}

const gatewayFiles = ['src', 'connectors', 'resolvers'].flatMap((d) => tsFiles(join(ROOT, d)));

describe('import boundaries', () => {
  it('sees the gateway: every connector folder and the embedded municipality are among the files read', () => {
    const rel = gatewayFiles.map((f) => relative(ROOT, f));
    for (const c of ['fagsystem', 'oekonomi', 'tilbudsportalen', 'serviceplatformen', 'shared'])
      expect(rel.some((f) => f.startsWith(`connectors/${c}/`))).toBe(true);
    expect(rel).toContain(EMBEDDED);
  });

  it('a connector imports no other connector, no GraphQL layer and no simulator', () => {
    const files = gatewayFiles.filter((f) => relative(ROOT, f).startsWith('connectors/'));
    expect(files.flatMap((f) => connectorViolations(f, importsOf(f)))).toEqual([]);
  });

  it('src/config.ts imports nothing from src/reconcile, and at runtime nothing beyond src/domain', () => {
    const f = join(ROOT, 'src/config.ts');
    expect(configViolations(f, importsOf(f))).toEqual([]);
  });

  it('only src/server/embedded-municipality.ts reaches the simulators, and only with import()', () => {
    expect(gatewayFiles.flatMap((f) => simulatorViolations(f, importsOf(f)))).toEqual([]);
    expect(importsOf(join(ROOT, EMBEDDED)).filter((i) => SIMULATORS(i.target) && i.dynamic).length).toBeGreaterThan(0);
  });

  it('the checks fail on the imports they forbid (synthetic sources)', () => {
    const tp = join(ROOT, 'connectors/tilbudsportalen/x.ts');
    const src = `import { a } from '../fagsystem/loaders';\nimport type { R } from '../../resolvers/index';\nimport { s } from '../shared/source-error';\nimport { m } from '../../simulators/model';\nimport { own } from './client';`;
    expect(connectorViolations(tp, importsOf(tp, src))).toEqual([
      'connectors/tilbudsportalen/x.ts → connectors/fagsystem/loaders',
      'connectors/tilbudsportalen/x.ts → resolvers/index',
      'connectors/tilbudsportalen/x.ts → simulators/model',
    ]);
    const cfg = join(ROOT, 'src/config.ts');
    const cfgSrc = `import type { T } from './db/open';\nimport { P } from './reconcile/rules/provenance/policy';\nimport { x } from './access/policy';\nimport { c } from './domain/codes';`;
    expect(configViolations(cfg, importsOf(cfg, cfgSrc))).toEqual([
      'src/config.ts → src/reconcile/rules/provenance/policy',
      'src/config.ts → src/access/policy',
    ]);
    const main = join(ROOT, 'src/server/main.ts');
    const emb = join(ROOT, EMBEDDED);
    const dyn = `export async function f() { return import('../../simulators/load'); }`;
    expect(simulatorViolations(main, importsOf(main, dyn))).toEqual(['src/server/main.ts → simulators/load (import())']);
    expect(simulatorViolations(emb, importsOf(emb, dyn))).toEqual([]);
    expect(simulatorViolations(emb, importsOf(emb, `import { g } from '../../simulators/generator';`))).toEqual([
      'src/server/embedded-municipality.ts → simulators/generator',
    ]);
  });
});
