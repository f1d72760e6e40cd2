import type { DimDef, FeltDef, Feltart, FilterDef } from './types';

/**
 * Short forms for the catalogue's rows, so each subject reads as a table — one line per dimension, field or
 * filter — instead of the same object shape written out again for each.
 */

/** A dimension: its SQL expression, what it is (the VUM 2.0 ID it carries), and the named joins it needs. */
export const dim = (expr: string, beskrivelse: string, joins?: readonly string[]): DimDef => (joins ? { expr, joins, beskrivelse } : { expr, beskrivelse });

/** A field (measure input): its SQL expression, its kind, and the named joins it needs. */
export const felt = (expr: string, art: Feltart, joins?: readonly string[]): FeltDef => (joins ? { expr, art, joins } : { expr, art });

/** A filter on a list of values of one column. */
export const filter = (sql: string): FilterDef => ({ sql });
