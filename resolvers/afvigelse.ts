import type { Resolvers } from '../src/graphql/generated/resolvers-types';
import { AFVIGELSESARTER } from '../src/reconcile/rules/afvigelser/kinds';
import { toGlobalId } from '../src/graphql/global-id';
import { fromOere } from '../src/domain/money';
import { opaqueId } from './opaque-id';

/** An afvigelse's details as key/value strings (objects as JSON), in the order the run wrote them. */
function flatten(d: Record<string, unknown> | null | undefined): Array<{ noegle: string; vaerdi: string | null }> {
  if (!d) return [];
  return Object.entries(d).map(([noegle, v]) => ({
    noegle,
    vaerdi: v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : String(v),
  }));
}

/** Afvigelser (afvigelser of the reconciliation run) and their list. */
export const afvigelseResolvers: Resolvers = {
  Afvigelse: {
    id: (a) => opaqueId('Afvigelse', a.afvigelseId),
    beskrivelse: (a) => AFVIGELSESARTER[a.art].beskrivelse,
    posteringId: (a) => (a.posteringId == null ? null : toGlobalId('Betaling', a.posteringId)),
    postering: (a, _x, ctx) => (a.posteringId == null ? null : ctx.sources.reconciled.matchByPostering.load(a.posteringId)),
    relateretPostering: (a, _x, ctx) => (a.relateretPosteringId == null ? null : ctx.sources.reconciled.matchByPostering.load(a.relateretPosteringId)),
    indsats: (a, _x, ctx) => (a.indsatsId == null ? null : ctx.sources.fagsystem.indsats.load(a.indsatsId)),
    borger: (a, _x, ctx) => (a.borgerId == null ? null : ctx.sources.fagsystem.borger.load(a.borgerId)),
    leverandoer: (a, _x, ctx) => (a.leverandoerId == null ? null : ctx.sources.fagsystem.leverandoer.load(a.leverandoerId)),
    maaned: (a) => (a.maaned ? a.maaned.slice(0, 7) : null),
    beloeb: (a) => (a.beloebOere == null ? null : fromOere(a.beloebOere)),
    detaljer: (a) => flatten(a.detaljer),
  },
  AfvigelseAntal: {
    beskrivelse: (a) => AFVIGELSESARTER[a.art].beskrivelse,
  },
  AfvigelseConnection: {
    edges: (c) => c.rows.map((node) => ({ node, cursor: c.cursor.encode({ v: null, id: node.afvigelseId }) })),
    nodes: (c) => c.rows,
    pageInfo: (c) => ({
      hasNextPage: c.hasNextPage,
      hasPreviousPage: c.hadCursor,
      startCursor: c.rows.length ? c.cursor.encode({ v: null, id: c.rows[0]!.afvigelseId }) : null,
      endCursor: c.rows.length ? c.cursor.encode({ v: null, id: c.rows[c.rows.length - 1]!.afvigelseId }) : null,
    }),
    totalCount: (c) => c.totalCount(),
    antalPrArt: (c) => c.antalPrArt(),
    friskhed: (c) => c.friskhed(),
  },
};
