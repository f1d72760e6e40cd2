import {
  getNamedType,
  isObjectType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  type GraphQLSchema,
  type GraphQLObjectType,
  type GraphQLField,
  type GraphQLNamedType,
} from 'graphql';

/**
 * Walks a schema from Query to generate one query per reachable object type: the shortest path to the type
 * (from a root field, or from `node(id:)` for a Node type whose id is known), then every field of the type —
 * its scalars, and one level into each object field (that field's scalars). `__typename` everywhere, so an
 * answer can be checked object by object against the policy table. Used by test/e2e/access-matrix.test.ts.
 */
export interface Step {
  field: string;
  args: string;
  /** the type this step lands on */
  type: string;
}

export type RootArgs = (field: GraphQLField<unknown, unknown>) => string | null;

const PAGE = 2;

/** Arguments for a field: optional ones left to defaults, `first` kept small; null when a required one cannot be given. */
function argsOf(f: GraphQLField<unknown, unknown>, root?: RootArgs): string | null {
  if (root) {
    const given = root(f);
    if (given !== null) return given;
  }
  const parts: string[] = [];
  for (const a of f.args) {
    if (a.name === 'first') parts.push(`first: ${PAGE}`);
    else if (isNonNullType(a.type) && a.defaultValue === undefined) return null;
  }
  return parts.length ? `(${parts.join(', ')})` : '';
}

const objectLike = (t: GraphQLNamedType): t is GraphQLObjectType => isObjectType(t);

/** Scalars of a type with `__typename` (and nothing else): the one level below a type's own fields. */
function leafSelection(t: GraphQLNamedType): string {
  if (!objectLike(t)) return isInterfaceType(t) ? '__typename' : '';
  const scalars = Object.values(t.getFields()).filter((f) => isLeafType(getNamedType(f.type)) && argsOf(f) !== null);
  return ['__typename', ...scalars.map((f) => `${f.name}${argsOf(f)}`)].join(' ');
}

/** Every field of a type: scalars, and each object field with its scalars. */
export function fullSelection(t: GraphQLObjectType): { text: string; fields: string[] } {
  const parts = ['__typename'];
  const fields: string[] = [];
  for (const f of Object.values(t.getFields())) {
    const a = argsOf(f);
    if (a === null) continue;
    const target = getNamedType(f.type);
    fields.push(`${t.name}.${f.name}`);
    if (isLeafType(target)) parts.push(`${f.name}${a}`);
    else parts.push(`${f.name}${a} { ${leafSelection(target)} }`);
  }
  return { text: parts.join(' '), fields };
}

export interface Entry {
  /** the root field text up to the selection, e.g. `sager(first: 2)` or `node(id: "…") { ... on Sag` */
  open: string;
  close: string;
  type: string;
}

/** Shortest paths (BFS) from the entries to every object type reachable over fields whose arguments can be given. */
export function pathsFrom(schema: GraphQLSchema, entries: Entry[]): Map<string, { entry: Entry; steps: Step[] }> {
  const out = new Map<string, { entry: Entry; steps: Step[] }>();
  const queue: Array<{ entry: Entry; steps: Step[]; type: string }> = [];
  for (const e of entries) {
    if (!out.has(e.type)) {
      out.set(e.type, { entry: e, steps: [] });
      queue.push({ entry: e, steps: [], type: e.type });
    }
  }
  while (queue.length) {
    const cur = queue.shift()!;
    const t = schema.getType(cur.type);
    if (!t || !objectLike(t)) continue;
    for (const f of Object.values(t.getFields())) {
      const target = getNamedType(f.type);
      const a = argsOf(f);
      if (a === null || !objectLike(target) || out.has(target.name)) continue;
      const steps = [...cur.steps, { field: f.name, args: a, type: target.name }];
      out.set(target.name, { entry: cur.entry, steps });
      queue.push({ entry: cur.entry, steps, type: target.name });
    }
  }
  return out;
}

/** The query for one type at the end of its path. Depth = path + 2 (the type's fields, one level below). */
export function queryFor(schema: GraphQLSchema, entry: Entry, steps: Step[]): { query: string; depth: number; fields: string[] } {
  const last = steps.length ? steps[steps.length - 1]!.type : entry.type;
  const sel = fullSelection(schema.getType(last) as GraphQLObjectType);
  let inner = sel.text;
  for (let i = steps.length - 1; i >= 0; i--) inner = `${steps[i]!.field}${steps[i]!.args} { __typename ${inner} }`;
  return { query: `{ ${entry.open} { __typename ${inner} }${entry.close} }`, depth: 1 + steps.length + 2, fields: sel.fields };
}

/** Object types reachable from Query at all (through any field, whatever its arguments). */
export function reachableTypes(schema: GraphQLSchema): Set<string> {
  const seen = new Set<string>();
  const visit = (t: GraphQLNamedType) => {
    if (seen.has(t.name)) return;
    if (isInterfaceType(t)) {
      seen.add(t.name);
      for (const impl of schema.getImplementations(t).objects) visit(impl);
      return;
    }
    if (!objectLike(t)) return;
    seen.add(t.name);
    for (const f of Object.values(t.getFields())) visit(getNamedType(f.type));
  };
  visit(schema.getQueryType()!);
  return new Set([...seen].filter((n) => objectLike(schema.getType(n)!)));
}
