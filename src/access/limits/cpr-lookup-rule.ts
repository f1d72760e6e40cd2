import { GraphQLError, Kind, type ASTVisitor, type ValidationContext, type SelectionSetNode, type FragmentDefinitionNode } from 'graphql';

/**
 * Counts `borger(cpr:)` lookups in an operation, through aliases and fragments. Aliases over
 * `borger(cpr:)` are the way to enumerate CPR numbers through GraphQL; a front-end needs one at a time.
 */
export function cprLookupRule(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    const count = (set: SelectionSetNode, seen: Set<string>): number => {
      let n = 0;
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) n += s.name.value === 'borger' && s.arguments?.some((a) => a.name.value === 'cpr') ? 1 : 0;
        else if (s.kind === Kind.INLINE_FRAGMENT) n += count(s.selectionSet, seen);
        else if (!seen.has(s.name.value) && fragments.has(s.name.value)) n += count(fragments.get(s.name.value)!.selectionSet, new Set(seen).add(s.name.value));
      }
      return n;
    };
    return {
      OperationDefinition(op) {
        const n = count(op.selectionSet, new Set());
        if (n > max)
          context.reportError(
            new GraphQLError(`At most ${max} borger(cpr:) lookups per request (found ${n})`, {
              nodes: [op],
              extensions: { code: 'TOO_MANY_CPR_LOOKUPS', limit: max },
            }),
          );
      },
    };
  };
}
