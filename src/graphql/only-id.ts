import type { GraphQLResolveInfo } from 'graphql';

/**
 * Whether a to-one field's selection is only `id` (and `__typename`): the parent already holds the key, so
 * the row need not be fetched from its source to answer it (a grouped list naming 500 providers by id would
 * otherwise read 500 provider rows for nothing). Fragments or directives: not only id (fetch as usual).
 */
export function selectsOnlyId(info: Pick<GraphQLResolveInfo, 'fieldNodes'>): boolean {
  for (const f of info.fieldNodes) {
    for (const s of f.selectionSet?.selections ?? []) {
      if (s.kind !== 'Field' || s.directives?.length || (s.name.value !== 'id' && s.name.value !== '__typename')) return false;
    }
  }
  return true;
}
