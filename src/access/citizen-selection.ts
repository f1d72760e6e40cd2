import { TypeInfo, visit, visitWithTypeInfo, getNamedType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { CITIZEN_BOUND_TYPES } from './case-data';

/**
 * Types whose fields are personal data about a citizen — the citizen and everything under their cases
 * (src/access/case-data): selecting any of them is a citizen-level read and needs a purpose.
 */
export const CITIZEN_TYPES = CITIZEN_BOUND_TYPES;

/** Does the document select a citizen (by any path)? Decides the purpose-header check before execution. */
export function selectsCitizenData(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const t = typeInfo.getType();
        if (t && CITIZEN_TYPES.has(getNamedType(t).name)) found = true;
      },
    }),
  );
  return found;
}
