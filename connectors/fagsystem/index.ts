import type { AccessScope } from '../../src/access/scope';
import type { FagsystemConnector, FagsystemRequest } from './types';
import { resolveOptions, type FagsystemConnectorOptions } from './config';
import { createClient } from './client';
import { isoDay, type QueryContext } from './context';
import { createLoaders } from './loaders';
import { countSager, listSager } from './queries/sager';
import { countIndsatser, listIndsatser } from './queries/indsatser';
import { countBorgere, listBorgere } from './queries/borgere';
import { countOpfoelgninger, listOpfoelgninger } from './queries/opfoelgninger';
import { countLeverandoerer, listLeverandoerer, listOrganisationsenheder, listTeams } from './queries/organisation';
import { createJobReads } from './job';
import { createAggregateSource } from '../shared/aggregate-source';
import { toSqlSourceError } from '../shared/sql-errors';
import type { ColumnOmissions } from './projection';

export type * from './types';
export type { FagsystemConnectorOptions } from './config';

/**
 * The fagsystem (case system) connector: one long-lived instance over one pool; `forRequest` builds fresh
 * loaders bound to the caller's AccessScope, so no loader cache is shared across requests or scopes.
 */
export function createFagsystemConnector(options: FagsystemConnectorOptions): FagsystemConnector {
  const opts = resolveOptions(options);
  const client = createClient(opts);
  const { db } = client;

  function forRequest(scope: AccessScope, projection?: { omit?: ColumnOmissions }): FagsystemRequest {
    // the scope is copied so a caller mutating its arrays later cannot widen an already-built request
    const ctx: QueryContext = {
      db,
      run: client.run,
      scope: Object.freeze({ teamIds: scope.teamIds && [...scope.teamIds], enhedIds: scope.enhedIds && [...scope.enhedIds] }),
      today: isoDay(opts.clock),
      omit: projection?.omit,
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
      listLeverandoerer: (args) => listLeverandoerer(ctx, args),
      countLeverandoerer: () => countLeverandoerer(ctx),
      listTeams: () => listTeams(ctx),
      listOrganisationsenheder: () => listOrganisationsenheder(ctx),
    };
  }

  return {
    forRequest,
    job: createJobReads({ client, today: () => isoDay(opts.clock) }),
    analytics: createAggregateSource({ source: 'fagsystem', db, toError: (e) => toSqlSourceError('fagsystem', e), timeoutMs: opts.queryTimeoutMs }),
    async ping() {
      await client.run(db.raw('select 1'));
    },
    close: () => client.close(),
  };
}
