/**
 * A column list for a row type, checked at compile time to name every field: a field added to a model
 * row type without being added to its seeder's column list is a type error, not a silently empty column.
 */
export function columnsOf<T>() {
  return <const C extends readonly (keyof T & string)[]>(
    columns: C & (Exclude<keyof T, C[number]> extends never ? unknown : { missingColumns: Exclude<keyof T, C[number]> }),
  ): C => columns;
}
