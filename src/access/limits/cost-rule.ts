import { GraphQLError, getNamedType, isListType, getNullableType, isObjectType, isInterfaceType, Kind, type ValidationContext, type ASTVisitor, type FieldNode, type SelectionSetNode, type GraphQLOutputType, type FragmentDefinitionNode } from 'graphql';
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

    const firstOf = (node: FieldNode, parentType: GraphQLOutputType | null): number | null => {
      const arg = node.arguments?.find((a) => a.name.value === 'first');
      const named = parentType ? getNamedType(parentType) : null;
      const def = named && (isObjectType(named) || isInterfaceType(named)) ? named.getFields()[node.name.value] : undefined;
      const schemaArg = def?.args.find((a) => a.name === 'first');
      if (!arg) return schemaArg ? Number(schemaArg.defaultValue ?? 0) || null : null;
      if (arg.value.kind === Kind.INT) return Number(arg.value.value);
      if (arg.value.kind === Kind.VARIABLE) {
        const v = variables[arg.value.name.value];
        return typeof v === 'number' ? v : Number(schemaArg?.defaultValue ?? LIMITS.listCostEstimate);
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
          const first = firstOf(sel, type);
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
        const cost = costOf(op.selectionSet, root, new Set());
        if (cost > maxCost) {
          context.reportError(new GraphQLError(`Query cost ${cost > maxCost * 1000 ? `over ${maxCost * 1000}` : cost} exceeds the limit of ${maxCost} for your role (page sizes count: request smaller pages or fewer nested lists)`, { nodes: [op], extensions: { code: 'QUERY_TOO_COSTLY', cost, limit: maxCost } }));
        }
      },
    };
  };
}
