import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { parse, Kind, type OperationDefinitionNode } from 'graphql';
import { startTestStack, type TestStack } from '../support/gateway';

/**
 * Parse once (issue 8, point 4): mutated GET and POST requests — escapes in every spelling, invalid escapes,
 * duplicate parameters, JSON oddities (duplicate keys, \u escapes, BOM, trailing bytes), content types — are
 * thrown at both engines. The engine must run exactly the document a strict reference decoding of the request
 * gives (seen in the answer: its data keys are that document's aliases), or the request is refused with a 4xx.
 * Never a 5xx. Each request holds a harmless document A and, in the attack's place, a document B that the
 * limits refuse (more aliases than allowed): B must never run.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ db: 'pglite' });
}, 180_000);
afterAll(async () => stack?.close());

const alias = fc.stringMatching(/^[a-z][a-z0-9]{0,4}$/);
const docA = fc.uniqueArray(alias, { minLength: 1, maxLength: 5 }).map((as) => `{ ${as.map((a) => `${a}: __typename`).join(' ')} }`);
const docB = `{ ${Array.from({ length: 30 }, (_, i) => `b${i}: teams { id }`).join(' ')} }`;

/** What the request means under strict decoding: the document to run, or "refused". */
type Meaning = { run: string } | 'refused';

function aliasesOf(query: string): string[] {
  const op = parse(query).definitions[0] as OperationDefinitionNode;
  return op.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? (s.alias ?? s.name).value : '?'));
}

function meaningOfDocument(query: unknown): Meaning {
  if (typeof query !== 'string') return 'refused';
  try {
    return aliasesOf(query).length <= 15 ? { run: query } : 'refused'; // more aliases than the limit (15): document B
  } catch {
    return 'refused';
  }
}

// ---- GET ----
const hex = (c: string) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
const encodedChar = (c: string) =>
  fc.constantFrom('raw', 'upper', 'lower', 'plus').map((how) => {
    if (how === 'plus' && c === ' ') return '+';
    if (how === 'raw' && /[A-Za-z0-9_.~-]/.test(c)) return c;
    return how === 'lower' ? hex(c) : hex(c).toUpperCase();
  });
const encoded = (s: string) => fc.tuple(...[...s].map(encodedChar)).map((parts) => parts.join(''));
const corruption = fc.constantFrom('%zz', '%', '%E2%82', '%C0%AF', '%ED%A0%80', '%2', '%%41');

const getRequest = fc
  .record({
    a: docA,
    duplicate: fc.constantFrom('none', 'before', 'after'),
    corrupt: fc.option(fc.tuple(corruption, fc.nat()), { nil: undefined }),
    variables: fc.constantFrom(undefined, '{}', 'null', '{"n":1}', '[]', '"x"', '{', ''),
    extra: fc.constantFrom('', '&unknown=1', '&&', '&operationName=', '&query'),
  })
  .chain((r) => encoded(r.a).map((enc) => ({ ...r, enc })))
  .map((r) => {
    let q = r.enc;
    if (r.corrupt) {
      const at = r.corrupt[1] % (q.length + 1);
      q = q.slice(0, at) + r.corrupt[0] + q.slice(at);
    }
    const parts = [`query=${q}`];
    if (r.duplicate === 'before') parts.unshift(`query=${encodeURIComponent(docB)}`);
    if (r.duplicate === 'after') parts.push(`query=${encodeURIComponent(docB)}`);
    if (r.variables !== undefined) parts.push(`variables=${encodeURIComponent(r.variables)}`);
    return { kind: 'GET' as const, search: parts.join('&') + r.extra };
  });

function meaningOfGet(search: string): Meaning {
  const values = new Map<string, string[]>();
  for (const pair of search.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
      value = decodeURIComponent((eq < 0 ? '' : pair.slice(eq + 1)).replace(/\+/g, ' '));
    } catch {
      return 'refused'; // not valid percent-encoded UTF-8
    }
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  for (const k of ['query', 'variables', 'operationName', 'extensions']) if ((values.get(k)?.length ?? 0) > 1) return 'refused';
  const v = values.get('variables')?.[0];
  if (v !== undefined && v !== '') {
    try {
      const parsed = JSON.parse(v);
      if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) return 'refused';
    } catch {
      return 'refused';
    }
  }
  return meaningOfDocument(values.get('query')?.[0]);
}

// ---- POST ----
const jsonString = (s: string) =>
  fc.tuple(...[...s].map((c) => fc.boolean().map((u) => (u ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : JSON.stringify(c).slice(1, -1))))).map((p) => `"${p.join('')}"`);
const postRequest = fc
  .record({
    a: docA,
    shape: fc.constantFrom('plain', 'duplicate-key-b-last', 'duplicate-key-a-last', 'bom', 'trailing', 'number', 'null-query', 'array-variables', 'string-variables', 'null-everything', 'nested'),
    contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'Application/JSON', 'text/plain', 'application/x-www-form-urlencoded', 'application/graphql'),
  })
  .chain((r) => jsonString(r.a).map((qa) => ({ ...r, qa })))
  .map((r) => {
    const qb = JSON.stringify(docB);
    const body = {
      plain: `{"query":${r.qa}}`,
      'duplicate-key-b-last': `{"query":${r.qa},"query":${qb}}`,
      'duplicate-key-a-last': `{"query":${qb},"query":${r.qa}}`,
      bom: `\uFEFF{"query":${r.qa}}`,
      trailing: `{"query":${r.qa}} {"query":${qb}}`,
      number: `{"query":${r.qa},"variables":{"n":1e400}}`,
      'null-query': `{"query":null,"extensions":{"q":${r.qa}}}`,
      'array-variables': `{"query":${r.qa},"variables":[${qb}]}`,
      'string-variables': `{"query":${r.qa},"variables":"{}"}`,
      'null-everything': `{"query":${r.qa},"variables":null,"operationName":null,"extensions":null}`,
      nested: `{"query":${r.qa},"extensions":{"persistedQuery":{"sha256Hash":"${'0'.repeat(64)}","version":1}}}`,
    }[r.shape];
    return { kind: 'POST' as const, body, contentType: r.contentType };
  });

function meaningOfPost(body: string, contentType: string): Meaning {
  if (contentType.split(';')[0]!.trim().toLowerCase() !== 'application/json') return 'refused';
  let v: unknown;
  try {
    v = JSON.parse(body.replace(/^\uFEFF/, ''));
  } catch {
    return 'refused';
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'refused';
  const o = v as Record<string, unknown>;
  if (o.variables !== undefined && o.variables !== null && (typeof o.variables !== 'object' || Array.isArray(o.variables))) return 'refused';
  // a hash with the text: the text is what runs, and it must be what the hash names — an unknown hash is refused
  if ((o.extensions as { persistedQuery?: unknown } | null)?.persistedQuery) return 'refused';
  return meaningOfDocument(o.query);
}

for (const engine of ['mercurius', 'apollo'] as const) {
  describe(`parse once on ${engine}`, () => {
    it('runs exactly the strictly decoded document, or refuses with a 4xx — never a 5xx, never the other document', async () => {
      const gw = await stack.engine(engine);
      await fc.assert(
        fc.asyncProperty(fc.oneof(getRequest, postRequest), async (req) => {
          const headers: Record<string, string> = { authorization: `Bearer ${stack.defaultToken}` };
          let res: Response;
          let meaning: Meaning;
          if (req.kind === 'GET') {
            headers['x-graphql-csrf'] = '1';
            res = await fetch(`${gw.url}/graphql?${req.search}`, { headers });
            meaning = meaningOfGet(req.search);
          } else {
            headers['content-type'] = req.contentType;
            res = await fetch(`${gw.url}/graphql`, { method: 'POST', headers, body: req.body });
            meaning = meaningOfPost(req.body, req.contentType);
          }
          const text = await res.text();
          expect(res.status, text).toBeLessThan(500);
          const body = JSON.parse(text) as { data?: Record<string, unknown>; errors?: Array<{ extensions: { code: string } }> };
          if (meaning === 'refused') {
            expect(res.status, text).toBeGreaterThanOrEqual(400);
            expect(body.errors?.[0]?.extensions.code, text).toBeTruthy();
            expect(body.data).toBeUndefined();
          } else {
            expect(res.status, text).toBe(200);
            expect(Object.keys(body.data ?? {})).toEqual(aliasesOf(meaning.run));
          }
        }),
        { numRuns: 150 },
      );
    }, 240_000);
  });
}
