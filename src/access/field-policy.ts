import { mapSchema, MapperKind } from '@graphql-tools/utils';
import {
  defaultFieldResolver,
  getNamedType,
  isInputObjectType,
  isNonNullType,
  isAbstractType,
  GraphQLError,
  type GraphQLSchema,
  type GraphQLFieldConfig,
  type GraphQLAbstractType,
  type GraphQLResolveInfo,
} from 'graphql';
import type { GatewayContext } from '../context/context';
import { FIELD_RULES, ORDER_RULES, seesCitizensByPseudonym } from './policy';
import { citizensOfCaseData, needsCitizenTrace } from './case-data';

/**
 * Applies the policy table to the executable schema, once, at build time:
 *  - a field in FIELD_RULES that the caller's role may not see resolves to null with a WARNING in
 *    `extensions.warnings` (KOMBIT org-graphql's pattern) — never an error that wipes the parent;
 *  - every field that returns a citizen records the read in the access log, durable BEFORE the answer is
 *    sent (the engines await RequestAccess.logged(); a failed write replaces the answer by an error: fail
 *    closed) — the fields below go on resolving while the INSERT runs;
 *  - mutations need the role's `mayDecide`; fields marked in OPERATION_RULES need the named right;
 *  - every case-data object (src/access/case-data) records its citizen too, whatever path reached it;
 *  - `borger(cpr:)` is refused to roles that see citizens only by pseudonym, and every lookup — hit or
 *    miss — is logged and counts against the citizen caps before the source is asked;
 *  - an `orderBy` on a field the role may not see is refused (ORDER_RULES).
 */
export const OPERATION_RULES: Readonly<Record<string, 'mayDecide' | 'mayReconcile' | 'mayReadAccessLog' | 'mayFollowBudget'>> = {
  'Query.adgangslog': 'mayReadAccessLog',
  // reconciliation results: economy staff, leaders and BI (freshness and the precedence policy are open to all)
  'Query.afvigelser': 'mayReconcile',
  'Query.prissammenligning': 'mayReconcile',
  'Query.afstemtPostering': 'mayReconcile',
  'Query.manuelleBeslutninger': 'mayReconcile',
  'Betaling.afstemning': 'mayReconcile',
  // budget follow-up spans every account: only roles whose rows are the whole municipality
  'Query.budgetopfoelgning': 'mayFollowBudget',
};

function pathOf(info: { path: { key: string | number; prev: unknown } }): Array<string | number> {
  const out: Array<string | number> = [];
  let p: { key: string | number; prev: unknown } | undefined = info.path;
  while (p) {
    out.unshift(p.key);
    p = p.prev as typeof p;
  }
  return out;
}

/** One warning per masked field, with the first path and how many values were masked (not one per row). */
function warnOnce(ctx: GatewayContext, w: GatewayContext['warnings'][number]) {
  const existing = ctx.warnings.find((x) => x.code === w.code && x.message === w.message);
  if (existing) existing.antal = (existing.antal ?? 1) + 1;
  else ctx.warnings.push({ ...w, antal: 1 });
}

/** The values of an abstract-typed result (e.g. `node`, `nodes`) that resolve to Borger. */
async function citizensAmong(value: unknown, type: GraphQLAbstractType, ctx: GatewayContext, info: GraphQLResolveInfo): Promise<unknown[]> {
  const values = Array.isArray(value) ? value : [value];
  const out: unknown[] = [];
  for (const v of values) {
    if (v && (await type.resolveType?.(v, ctx, info, type)) === 'Borger') out.push(v);
  }
  return out;
}

function cprsOf(value: unknown): string[] {
  if (!value) return [];
  if (Array.isArray(value)) return value.flatMap(cprsOf);
  const cpr = (value as { cpr?: unknown }).cpr;
  return typeof cpr === 'string' ? [cpr] : [];
}

/** The enum of a field's `orderBy: XxxOrder { field: XxxOrderField }` argument, if it has one. */
function orderEnumOf(fieldConfig: GraphQLFieldConfig<unknown, GatewayContext>): string | null {
  const arg = fieldConfig.args?.orderBy;
  if (!arg) return null;
  const input = getNamedType(arg.type);
  if (!isInputObjectType(input)) return null;
  const f = input.getFields().field;
  return f ? getNamedType(f.type).name : null;
}

export function applyAccessPolicy(
  schema: GraphQLSchema,
  extraRules: Readonly<Record<string, 'mayDecide' | 'mayReconcile' | 'mayReadAccessLog' | 'mayFollowBudget'>> = {},
): GraphQLSchema {
  const rules = { ...OPERATION_RULES, ...extraRules };
  for (const key of Object.keys(FIELD_RULES)) {
    const [typeName, fieldName] = key.split('.') as [string, string];
    const type = schema.getType(typeName);
    const field = type && 'getFields' in type ? (type.getFields() as Record<string, { type: unknown }>)[fieldName] : undefined;
    if (!field) throw new Error(`policy names ${key}, which is not in the schema`);
    if (isNonNullType(field.type as never)) throw new Error(`policy masks ${key}, so it must be nullable in the schema`);
  }
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig: GraphQLFieldConfig<unknown, GatewayContext>, fieldName, typeName) => {
      const key = `${typeName}.${fieldName}`;
      const resolve = fieldConfig.resolve ?? defaultFieldResolver;
      const fieldClass = FIELD_RULES[key];
      const right = typeName === 'Mutation' ? 'mayDecide' : rules[key];
      // a Borger object is the unit of a citizen-level read (CprOplysninger is only reachable through one);
      // an abstract return type that can be a Borger (Node) is checked per value when it resolves
      const named = getNamedType(fieldConfig.type);
      const borgerType = schema.getType('Borger');
      const mayBeCitizen = isAbstractType(named) && borgerType !== undefined && schema.isSubType(named, borgerType as never);
      const returnsCitizen = named.name === 'Borger' || mayBeCitizen;
      const traceCaseData = needsCitizenTrace(typeName, named.name);
      const isCprLookup = key === 'Query.borger';
      const orderEnum = orderEnumOf(fieldConfig);
      if (!fieldClass && !right && !returnsCitizen && !traceCaseData && !isCprLookup && !orderEnum) return fieldConfig;
      return {
        ...fieldConfig,
        resolve: async (source, args, ctx, info) => {
          const policy = ctx.principal.policy;
          if (right && !policy[right]) {
            throw new GraphQLError(`Your role (${ctx.principal.roles.join(', ')}) may not use ${key}`, { extensions: { code: 'FORBIDDEN' } });
          }
          if (orderEnum) {
            const by = (args as { orderBy?: { field?: string } | null }).orderBy?.field;
            const cls = by ? ORDER_RULES[`${orderEnum}.${by}`] : undefined;
            if (cls && !policy.sees.has(cls)) {
              throw new GraphQLError(`Your role (${ctx.principal.role}) may not order by ${by}: it may not see that field`, {
                extensions: { code: 'FORBIDDEN', argument: 'orderBy' },
              });
            }
          }
          if (isCprLookup) {
            if (seesCitizensByPseudonym(policy)) {
              throw new GraphQLError(`Your role (${ctx.principal.role}) sees citizens by pseudonym only, so it has no lookup by CPR number`, {
                extensions: { code: 'FORBIDDEN' },
              });
            }
            // a miss is as much a lookup as a hit (an oracle is built from misses): logged and counted first
            await ctx.access.recordCitizens([String((args as { cpr: unknown }).cpr)], { now: true });
          }
          if (fieldClass && !policy.sees.has(fieldClass)) {
            warnOnce(ctx, {
              type: 'WARNING',
              code: 'FELT_SKJULT',
              message: `${key} is not shown for role ${ctx.principal.roles.join(', ')}`,
              path: pathOf(info),
            });
            return null;
          }
          const value = await resolve(source, args, ctx, info);
          if (returnsCitizen) {
            const citizens = mayBeCitizen && isAbstractType(named) ? await citizensAmong(value, named, ctx, info) : value;
            await ctx.access.recordCitizens(cprsOf(citizens));
          }
          if (traceCaseData) await ctx.access.recordCitizens(await citizensOfCaseData(named.name, value, ctx));
          return value;
        },
      };
    },
  });
}
