import { GraphQLError, getVariableValues, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { Lru } from '../access/lru';

/**
 * graphql-js's own validation and variable coercion, run by the guards on the document they parsed, so that
 * (a) the engine is handed a document already known valid and runs it as it is, and (b) a refused request gets
 * the same body whichever engine serves. Validation depends on the text alone: the verdict is remembered.
 */
const verdicts = new WeakMap<GraphQLSchema, Lru<string, readonly GraphQLError[]>>();

export function standardValidation(schema: GraphQLSchema, query: string, document: DocumentNode): readonly GraphQLError[] {
  let cache = verdicts.get(schema);
  if (!cache) verdicts.set(schema, (cache = new Lru(1_000)));
  const hit = cache.get(query);
  if (hit) return hit;
  const errors = validate(schema, document, specifiedRules, { maxErrors: 10 });
  cache.set(query, errors);
  return errors;
}

/** The variables as the engine will coerce them; errors name the variable (the scalar's message never echoes the value). */
export function coerceVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>): readonly GraphQLError[] {
  const r = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 10 });
  return r.errors ?? [];
}
