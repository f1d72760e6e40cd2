import { TypeInfo, visit, visitWithTypeInfo, getNamedType, type DocumentNode, type GraphQLSchema } from 'graphql';

/** Types whose fields are personal data at citizen level: selecting any of them is a citizen-level read. */
export const CITIZEN_TYPES = new Set(['Borger', 'CprOplysninger']);

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
