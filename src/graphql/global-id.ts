import { GraphQLError } from 'graphql';

/**
 * Relay global ids: base64url("Type:key"). Opaque to clients, so a surrogate id of one source system never
 * becomes part of a client's contract, and `node(id)` can tell which loader to use.
 */
export const NODE_TYPES = [
  'Sag',
  'Afgoerelse',
  'Indsats',
  'Bestilling',
  'Leverandoer',
  'Opfoelgning',
  'Borger',
  'Team',
  'Organisationsenhed',
  'Sagsbehandler',
  'Betaling',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export function toGlobalId(type: NodeType, key: number | string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

export interface DecodedId {
  type: NodeType;
  key: string;
}

export function decodeGlobalId(id: string, argument: string): DecodedId {
  const raw = Buffer.from(id, 'base64url').toString('utf8');
  const i = raw.indexOf(':');
  const type = raw.slice(0, i) as NodeType;
  if (i <= 0 || !NODE_TYPES.includes(type) || raw.length === i + 1) {
    throw new GraphQLError(`"${argument}" is not an id returned by this API`, { extensions: { code: 'BAD_USER_INPUT', argument } });
  }
  return { type, key: raw.slice(i + 1) };
}

/** Decodes ids that must be of one type with a numeric key (e.g. team filters). */
export function numericIdsOf(type: NodeType, ids: readonly string[] | null | undefined, argument: string): number[] | undefined {
  if (!ids) return undefined;
  return ids.map((id) => {
    const d = decodeGlobalId(id, argument);
    const n = Number(d.key);
    if (d.type !== type || !Number.isSafeInteger(n)) {
      throw new GraphQLError(`"${argument}" expects ${type} ids`, { extensions: { code: 'BAD_USER_INPUT', argument } });
    }
    return n;
  });
}
