import { type GraphQLError, getVariableValues, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { Lru } from '../access/lru';

/**
 * graphql-js's own validation and variable coercion, run by the guards on the document they parsed, so that
 * (a) the engine is handed a document already known valid and runs it as it is, and (b) a refused request gets
 * the same body whichever engine serves. Validation depends on the text alone: the verdict is remembered, in a
 * cache that belongs to one schema (the guards make one per app, with the schema they check against).
 */
export type ValidationVerdicts = Lru<string, readonly GraphQLError[]>;

export function validationVerdicts(): ValidationVerdicts {
  return new Lru(1_000);
}

export function standardValidation(schema: GraphQLSchema, verdicts: ValidationVerdicts, query: string, document: DocumentNode): readonly GraphQLError[] {
  const hit = verdicts.get(query);
  if (hit) return hit;
  const errors = validate(schema, document, specifiedRules, { maxErrors: 10 });
  verdicts.set(query, errors);
  return errors;
}

/** The variables as the engine will coerce them; errors name the variable (the scalar's message never echoes the value). */
export function coerceVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>): readonly GraphQLError[] {
  const r = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 10 });
  return r.errors ?? [];
}
