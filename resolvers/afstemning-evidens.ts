import type { Resolvers } from '../src/graphql/generated/resolvers-types';
import { expandEvidens } from '../src/reconcile/rules/linkage/evidence-api';

/**
 * The evidence of a posting's match (schema/afstemning-evidens.graphql) and the automatic rule beside a
 * manual decision (stored as auto_regel; the field had no resolver and failed with an internal error).
 */
export const afstemningEvidensResolvers: Resolvers = {
  PosteringAfstemning: {
    automatiskRegel: (m) => m.autoRegel,
    evidens: (m) => expandEvidens(m.evidens),
  },
  Kandidatevidens: {
    indsats: (k, _a, ctx) => ctx.sources.fagsystem.indsats.load(k.indsatsId),
  },
};
