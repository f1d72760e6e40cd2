import type { Page } from '../../src/pagination/cursor';

/**
 * A page of a connector's list plus how to make each row's cursor (the keyset value of the ordering column).
 * Shared infrastructure: the connectors produce it and the GraphQL layer (src/graphql/connection.ts) turns it
 * into a Relay connection, so it lives where both may import it — not inside one connector.
 */
export interface ListResult<T> extends Page<T> {
  keyOf(row: T): { v: string | number | null; id: number };
}
