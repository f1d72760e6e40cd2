import {
  parse,
  validate,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  Kind,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
  type ValidationContext,
} from 'graphql';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { Lru } from '../lru';
import { LIMITS } from './numbers';
import { costRule } from './cost-rule';
import { cprLookupRule } from './cpr-lookup-rule';

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
// It depends on the text, the budget, production, the operation name and the numeric variables (page sizes
// feed the cost); string variables such as a CPR never matter and are never keys. Looked up in two steps — the
// text itself as a map key (no copy of it is built per request), then a short key of the rest. The cache
// belongs to one schema: the guards make one per app, with the schema they check against.
export type DocumentVerdicts = Lru<string, Map<string, DocumentCheckResult>>;
const PER_TEXT = 32;

export function documentVerdicts(): DocumentVerdicts {
  return new Lru(1_000);
}

function restKey(opts: { variables?: Record<string, unknown>; operationName?: string; maxCost: number; production: boolean }): string {
  let key = `${opts.maxCost}|${opts.production ? 1 : 0}|${opts.operationName ?? ''}`;
  const vars = opts.variables;
  // page sizes and the length of id lists feed the cost; nothing else of a variable does
  if (vars) {
    for (const k in vars) {
      const v = vars[k];
      if (typeof v === 'number') key += `|${k}=${v}`;
      else if (Array.isArray(v)) key += `|${k}=len:${v.length}`;
      else if (typeof v !== 'string' && v !== null && v !== undefined) key += `|${k}=other`;
    }
  }
  return key;
}

export function checkDocument(opts: {
  schema: GraphQLSchema;
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  maxCost: number;
  production: boolean;
  /** remembered verdicts for this schema (none: every call checks afresh) */
  verdicts?: DocumentVerdicts;
}): DocumentCheckResult {
  const cache = opts.verdicts;
  if (!cache) return checkUncached(opts);
  const rest = restKey(opts);
  let byRest = cache.get(opts.query);
  const hit = byRest?.get(rest);
  if (hit) return hit;
  const verdict = checkUncached(opts);
  if (opts.query.length <= LIMITS.maxDocumentBytes) {
    if (!byRest) cache.set(opts.query, (byRest = new Map()));
    if (byRest.size >= PER_TEXT) byRest.clear(); // page sizes vary without end: keep the map small
    byRest.set(rest, verdict);
  }
  return verdict;
}

function checkUncached(opts: {
  schema: GraphQLSchema;
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  maxCost: number;
  production: boolean;
}): DocumentCheckResult {
  const fallbackName = opts.operationName ?? 'anonymous';
  if (Buffer.byteLength(opts.query, 'utf8') > LIMITS.maxDocumentBytes) {
    return {
      errors: [
        new GraphQLError(`The query document is larger than ${LIMITS.maxDocumentBytes} bytes`, {
          extensions: { code: 'DOCUMENT_TOO_LARGE', limit: LIMITS.maxDocumentBytes },
        }),
      ],
      operationName: fallbackName,
    };
  }
  let document: DocumentNode;
  try {
    document = parse(opts.query, { maxTokens: LIMITS.maxTokens });
  } catch (e) {
    const err = e as GraphQLError;
    const tooMany = /contains more th\w* \d+ tokens/i.test(err.message);
    return {
      errors: [
        new GraphQLError(tooMany ? `The query has more than ${LIMITS.maxTokens} tokens` : err.message, {
          extensions: { code: tooMany ? 'TOO_MANY_TOKENS' : 'GRAPHQL_PARSE_FAILED' },
        }),
      ],
      operationName: fallbackName,
    };
  }
  const rules: ValidationRule[] = [
    maxDepthRule({
      n: LIMITS.maxDepth,
      ignoreIntrospection: true,
      flattenFragments: true,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [report],
    }) as unknown as ValidationRule,
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
