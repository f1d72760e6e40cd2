import { parse, validate, GraphQLError, NoSchemaIntrospectionCustomRule, Kind, type DocumentNode, type GraphQLSchema, type ValidationRule, type ValidationContext } from 'graphql';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { LIMITS } from './numbers';
import { costRule } from './cost-rule';
import { cprLookupRule } from './cpr-lookup-rule';
import { Lru } from '../lru';

/**
 * Everything decided from the document alone, before either engine executes anything: size, tokens, depth,
 * aliases, directives, the page-size-counting cost, CPR lookups, and (in production) introspection.
 */
export interface DocumentCheckResult {
  document?: DocumentNode;
  errors: GraphQLError[];
  operationName: string;
}

/** Armor's rules hand rejections to callbacks; report them as ordinary validation errors. */
const report = (ctx: ValidationContext | null, err: GraphQLError) => ctx?.reportError(err);

// The same documents arrive again and again (front-ends send a handful of operations): remember the verdict.
// The key holds everything the verdict depends on — the text, the budget, production, and the numeric
// variables (page sizes feed the cost); string variables such as a CPR never matter and are never keys.
const verdicts = new WeakMap<GraphQLSchema, Lru<string, DocumentCheckResult>>();

export function checkDocument(opts: { schema: GraphQLSchema; query: string; variables?: Record<string, unknown>; operationName?: string; maxCost: number; production: boolean }): DocumentCheckResult {
  let cache = verdicts.get(opts.schema);
  if (!cache) verdicts.set(opts.schema, (cache = new Lru(1_000)));
  // page sizes and the length of id lists feed the cost; nothing else of a variable does
  const numeric = Object.entries(opts.variables ?? {}).flatMap(([k, v]) => (typeof v === 'number' ? [[k, v]] : Array.isArray(v) ? [[k, `len:${v.length}`]] : typeof v === 'string' || v === null || v === undefined ? [] : [[k, 'other']]));
  const key = `${opts.maxCost}|${opts.production}|${opts.operationName ?? ''}|${JSON.stringify(numeric)}|${opts.query}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const verdict = checkUncached(opts);
  if (opts.query.length <= LIMITS.maxDocumentBytes) cache.set(key, verdict);
  return verdict;
}

function checkUncached(opts: { schema: GraphQLSchema; query: string; variables?: Record<string, unknown>; operationName?: string; maxCost: number; production: boolean }): DocumentCheckResult {
  const fallbackName = opts.operationName ?? 'anonymous';
  if (Buffer.byteLength(opts.query, 'utf8') > LIMITS.maxDocumentBytes) {
    return { errors: [new GraphQLError(`The query document is larger than ${LIMITS.maxDocumentBytes} bytes`, { extensions: { code: 'DOCUMENT_TOO_LARGE', limit: LIMITS.maxDocumentBytes } })], operationName: fallbackName };
  }
  let document: DocumentNode;
  try {
    document = parse(opts.query, { maxTokens: LIMITS.maxTokens });
  } catch (e) {
    const err = e as GraphQLError;
    const tooMany = /contains more th\w* \d+ tokens/i.test(err.message);
    return {
      errors: [new GraphQLError(tooMany ? `The query has more than ${LIMITS.maxTokens} tokens` : err.message, { extensions: { code: tooMany ? 'TOO_MANY_TOKENS' : 'GRAPHQL_PARSE_FAILED' } })],
      operationName: fallbackName,
    };
  }
  const rules: ValidationRule[] = [
    maxDepthRule({ n: LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true, exposeLimits: true, propagateOnRejection: false, onReject: [report] }) as unknown as ValidationRule,
    maxAliasesRule({ n: LIMITS.maxAliases, exposeLimits: true, propagateOnRejection: false, onReject: [report] }) as unknown as ValidationRule,
    maxDirectivesRule({ n: LIMITS.maxDirectives, exposeLimits: true, propagateOnRejection: false, onReject: [report] }) as unknown as ValidationRule,
    costRule(opts.maxCost, opts.variables),
    cprLookupRule(LIMITS.maxCprLookupsPerRequest),
  ];
  if (opts.production) rules.push(NoSchemaIntrospectionCustomRule);
  const errors = validate(opts.schema, document, rules, { maxErrors: 10 }).map((e) =>
    e.extensions?.code ? e : new GraphQLError(e.message.replace(/^Syntax Error: /, ''), { nodes: e.nodes, extensions: { code: 'QUERY_LIMIT_EXCEEDED' } }),
  );
  const op = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && (!opts.operationName || d.name?.value === opts.operationName));
  const operationName = (op?.kind === Kind.OPERATION_DEFINITION && op.name?.value) || fallbackName;
  return { document, errors, operationName };
}
