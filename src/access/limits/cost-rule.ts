import {
  GraphQLError,
  getNamedType,
  isListType,
  getNullableType,
  isObjectType,
  isInterfaceType,
  Kind,
  type ValidationContext,
  type ASTVisitor,
  type FieldNode,
  type SelectionSetNode,
  type GraphQLOutputType,
  type FragmentDefinitionNode,
  type ValueNode,
} from 'graphql';
import { LIMITS } from './numbers';

/**
 * Cost estimate that counts page sizes: a field costs 1, and everything selected below a field with a
 * `first` argument is multiplied by that page size (the argument's value, a variable's value, or the
 * schema default); below a plain list field by LIMITS.listCostEstimate. Computed on the document before
 * execution, so a cost bomb is refused before any source is asked for anything.
 */
export function costRule(maxCost: number, variables: Record<string, unknown> = {}) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    // the operation's own variable defaults (`$n: Int = 500`) count like a value sent (issue 8 point 7)
    let defaults = new Map<string, ValueNode>();
    const variableValue = (name: string): unknown => {
      if (Object.hasOwn(variables, name) && variables[name] !== undefined && variables[name] !== null) return variables[name];
      const d = defaults.get(name);
      if (d?.kind === Kind.INT) return Number(d.value);
      if (d?.kind === Kind.LIST) return d.values;
      return undefined;
    };
    // a page size counts as what can run: never below 0 (a negative `first` in a branch that never runs must
    // not make the estimate negative), a non-number as the page cap
    const pageSize = (n: number): number => (Number.isFinite(n) ? Math.min(Math.max(Math.trunc(n), 0), LIMITS.maxPageSize) : LIMITS.maxPageSize);
    /** `nodes(ids:)`: every id is a load, so the children count once per id (and more than the cap is refused) */
    const idsCount = (node: FieldNode): number | null => {
      if (node.name.value !== 'nodes') return null;
      const arg = node.arguments?.find((a) => a.name.value === 'ids');
      if (!arg) return null;
      if (arg.value.kind === Kind.LIST) return arg.value.values.length;
      if (arg.value.kind === Kind.VARIABLE) {
        const v = variableValue(arg.value.name.value);
        return Array.isArray(v) ? v.length : 1;
      }
      return 1;
    };
    let tooManyIds: { node: FieldNode; n: number } | null = null;

    const firstOf = (node: FieldNode, parentType: GraphQLOutputType | null): number | null => {
      const arg = node.arguments?.find((a) => a.name.value === 'first');
      const named = parentType ? getNamedType(parentType) : null;
      const def = named && (isObjectType(named) || isInterfaceType(named)) ? named.getFields()[node.name.value] : undefined;
      const schemaArg = def?.args.find((a) => a.name === 'first');
      if (!arg) return schemaArg ? Number(schemaArg.defaultValue ?? 0) || null : null;
      if (arg.value.kind === Kind.INT) return pageSize(Number(arg.value.value));
      if (arg.value.kind === Kind.VARIABLE) {
        const v = variableValue(arg.value.name.value);
        return typeof v === 'number' ? pageSize(v) : v === undefined ? Number(schemaArg?.defaultValue ?? LIMITS.listCostEstimate) : LIMITS.maxPageSize;
      }
      return null;
    };

    const costOf = (set: SelectionSetNode | undefined, type: GraphQLOutputType | null, seen: Set<string>): number => {
      if (!set) return 0;
      let total = 0;
      const named = type ? getNamedType(type) : null;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          const field = named && (isObjectType(named) || isInterfaceType(named)) ? named.getFields()[sel.name.value] : undefined;
          const fieldType = field?.type ?? null;
          const ids = idsCount(sel);
          if (ids !== null && ids > LIMITS.maxNodeIds && !tooManyIds) tooManyIds = { node: sel, n: ids };
          const first = ids ?? firstOf(sel, type);
          // a connection's page size is counted on the connection field; its edges/nodes lists are that page
          const isPageList = sel.name.value === 'edges' || sel.name.value === 'nodes';
          const multiplier = first ?? (!isPageList && fieldType && isListType(getNullableType(fieldType)) ? LIMITS.listCostEstimate : 1);
          total += 1 + multiplier * costOf(sel.selectionSet, fieldType, seen);
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          const t = sel.typeCondition ? (context.getSchema().getType(sel.typeCondition.name.value) as GraphQLOutputType) : type;
          total += costOf(sel.selectionSet, t, seen);
        } else {
          const f = fragments.get(sel.name.value);
          if (!f || seen.has(f.name.value)) continue; // a cycle is reported by the standard NoFragmentCycles rule
          const next = new Set(seen).add(f.name.value);
          total += costOf(f.selectionSet, context.getSchema().getType(f.typeCondition.name.value) as GraphQLOutputType, next);
        }
        if (total > maxCost * 1000) return total; // enough to reject; stop walking a bomb
      }
      return total;
    };

    return {
      OperationDefinition(op) {
        const root = op.operation === 'query' ? context.getSchema().getQueryType() : op.operation === 'mutation' ? context.getSchema().getMutationType() : null;
        if (!root) return;
        defaults = new Map((op.variableDefinitions ?? []).flatMap((v) => (v.defaultValue ? [[v.variable.name.value, v.defaultValue] as const] : [])));
        tooManyIds = null;
        const cost = costOf(op.selectionSet, root, new Set());
        if (tooManyIds) {
          const t = tooManyIds as { node: FieldNode; n: number };
          context.reportError(
            new GraphQLError(`nodes(ids:) takes at most ${LIMITS.maxNodeIds} ids (found ${t.n})`, {
              nodes: [t.node],
              extensions: { code: 'TOO_MANY_IDS', limit: LIMITS.maxNodeIds },
            }),
          );
        }
        if (cost > maxCost) {
          context.reportError(
            new GraphQLError(
              `Query cost ${cost > maxCost * 1000 ? `over ${maxCost * 1000}` : cost} exceeds the limit of ${maxCost} for your role (page sizes count: request smaller pages or fewer nested lists)`,
              { nodes: [op], extensions: { code: 'QUERY_TOO_COSTLY', cost, limit: maxCost } },
            ),
          );
        }
      },
    };
  };
}
