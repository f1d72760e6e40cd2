import type { Resolvers } from '../src/graphql/generated/resolvers-types';
import type { GatewayContext } from '../src/context/context';
import { decodeGlobalId, type NodeType } from '../src/graphql/global-id';
import { scalarResolvers } from '../src/graphql/scalars';
import { connectionFields } from '../src/graphql/connection';

const TYPENAME = Symbol('typename');

/** Loads any node by global id through the same scoped loaders as every other path. */
async function loadNode(id: string, ctx: GatewayContext): Promise<object | null> {
  const { type, key } = decodeGlobalId(id, 'id');
  const n = Number(key);
  const f = ctx.sources.fagsystem;
  const byType: Partial<Record<NodeType, () => Promise<object | null>>> = {
    Sag: () => f.sag.load(n),
    Afgoerelse: () => f.afgoerelse.load(n),
    Indsats: () => f.indsats.load(n),
    Bestilling: () => f.bestilling.load(n),
    Leverandoer: () => f.leverandoer.load(n),
    Opfoelgning: () => f.opfoelgning.load(n),
    Borger: () => f.borger.load(n),
    Team: () => f.team.load(n),
    Organisationsenhed: () => f.organisationsenhed.load(n),
    Sagsbehandler: () => f.sagsbehandler.load(n),
  };
  if (type === 'Borger') {
    // Borger ids are per role (pseudonymous for pseudonym roles): decoded by the request's access rules
    const borgerId = ctx.access.borgerIdOf(key);
    byType.Borger = () => (borgerId === null ? Promise.resolve(null) : f.borger.load(borgerId));
  }
  const load = byType[type];
  if (!load || (type !== 'Borger' && !Number.isSafeInteger(n))) return null;
  const found = await load();
  return found ? Object.assign(Object.create(null), found, { [TYPENAME]: type }) : null;
}

export const commonResolvers: Resolvers = {
  ...scalarResolvers,
  Query: {
    node: (_p, { id }, ctx) => loadNode(id, ctx) as never,
    nodes: (_p, { ids }, ctx) => Promise.all(ids.map((id) => loadNode(id, ctx))) as never,
  },
  Node: {
    __resolveType: (obj) => (obj as unknown as Record<symbol, NodeType>)[TYPENAME] as never,
  },
  PageInfo: {},
  SagConnection: connectionFields,
  IndsatsConnection: connectionFields,
  BorgerConnection: connectionFields,
  OpfoelgningConnection: connectionFields,
  LeverandoerConnection: connectionFields,
};
