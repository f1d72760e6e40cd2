import type { Resolvers } from '../src/graphql/generated/resolvers-types';
import { commonResolvers } from './common';
import { organisationResolvers } from './organisation';
import { borgerResolvers } from './borger';
import { sagResolvers } from './sag';
import { indsatsResolvers } from './indsats';
import { leverandoerResolvers } from './leverandoer';
import { priserResolvers } from './priser';
import { opfoelgningResolvers } from './opfoelgning';
import { adgangResolvers } from './adgang';
import { afstemningResolvers } from './afstemning';
import { afvigelseResolvers } from './afvigelse';
import { prissammenligningResolvers } from './prissammenligning';
import { proveniensResolvers } from './proveniens';
import { beslutningResolvers } from './beslutning';
import { afstemningEvidensResolvers } from './afstemning-evidens';
import { analyseResolvers } from './analyse';

/** One resolver map per schema area; merged by @graphql-tools/schema. */
export const resolverMaps: Resolvers[] = [
  commonResolvers,
  organisationResolvers,
  borgerResolvers,
  sagResolvers,
  indsatsResolvers,
  leverandoerResolvers,
  priserResolvers,
  opfoelgningResolvers,
  adgangResolvers,
  afstemningResolvers,
  afvigelseResolvers,
  prissammenligningResolvers,
  proveniensResolvers,
  beslutningResolvers,
  afstemningEvidensResolvers,
  analyseResolvers,
];
