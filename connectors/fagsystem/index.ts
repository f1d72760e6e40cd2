import type { Knex } from 'knex';
import type { AccessScope } from '../../src/access/scope';
import type { FagsystemConnector, FagsystemRequest } from './types';
import { isoDay, type QueryContext } from './context';
import { createLoaders } from './loaders';
import { countSager, listSager } from './queries/sager';
import { countIndsatser, listIndsatser } from './queries/indsatser';
import { countBorgere, listBorgere } from './queries/borgere';
import { countOpfoelgninger, listOpfoelgninger } from './queries/opfoelgninger';
import { countLeverandoerer, listLeverandoerer, listOrganisationsenheder, listTeams } from './queries/organisation';
import { createJobReads } from './job';
import { guarded } from './errors';

export type * from './types';

export interface FagsystemConnectorOptions {
  /** The fagsystem's database (PostgreSQL or embedded PGlite). The connector owns it: close() destroys it. */
  db: Knex;
  /** "Now", injected so tests fix the day målgruppe memberships and current bestillinger are judged on. */
  clock?: () => Date;
}

/**
 * The fagsystem (case system) connector: one long-lived instance over one pool; `forRequest` builds fresh
 * loaders bound to the caller's AccessScope, so no loader cache is shared across requests or scopes.
 */
export function createFagsystemConnector(options: FagsystemConnectorOptions): FagsystemConnector {
  if (!options?.db) throw new TypeError('createFagsystemConnector: `db` (a knex instance) is required');
  const { db } = options;
  const clock = options.clock ?? (() => new Date());

  function forRequest(scope: AccessScope): FagsystemRequest {
    // the scope is copied so a caller mutating its arrays later cannot widen an already-built request
    const ctx: QueryContext = {
      db,
      scope: Object.freeze({ teamIds: scope.teamIds && [...scope.teamIds], enhedIds: scope.enhedIds && [...scope.enhedIds] }),
      today: isoDay(clock),
    };
    return {
      ...createLoaders(ctx),
      listSager: (args) => listSager(ctx, args),
      countSager: (filter) => countSager(ctx, filter),
      listIndsatser: (args) => listIndsatser(ctx, args),
      countIndsatser: (filter) => countIndsatser(ctx, filter),
      listBorgere: (args) => listBorgere(ctx, args),
      countBorgere: (filter) => countBorgere(ctx, filter),
      listOpfoelgninger: (args) => listOpfoelgninger(ctx, args),
      countOpfoelgninger: (filter) => countOpfoelgninger(ctx, filter),
      listLeverandoerer: (args) => listLeverandoerer(db, args),
      countLeverandoerer: () => countLeverandoerer(db),
      listTeams: () => listTeams(db),
      listOrganisationsenheder: () => listOrganisationsenheder(db),
    };
  }

  return {
    forRequest,
    job: createJobReads({ db, today: () => isoDay(clock) }),
    async ping() {
      await guarded(() => db.raw('select 1'));
    },
    async close() {
      await db.destroy();
    },
  };
}
