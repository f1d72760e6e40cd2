import type { AccessScope } from '../../src/access/scope';
import { guard, poolUsage, sqlPolicy, type PolicyOption } from '../shared/guard';
import { withTransactionComment, type CallContext } from '../shared/call-context';
import { createAggregateSource } from '../shared/aggregate-source';
import { toSqlSourceError } from '../shared/sql-errors';
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
import type { ColumnOmissions } from './projection';

export type * from './types';
export type { FagsystemConnectorOptions } from './config';

/**
 * The fagsystem (case system) connector: one long-lived instance over one pool; `forRequest` builds fresh
 * loaders bound to the caller's AccessScope, so no loader cache is shared across requests or scopes.
 */
export function createFagsystemConnector(options: FagsystemConnectorOptions & PolicyOption): FagsystemConnector {
  const opts = resolveOptions(options);
  const client = createClient(opts);
  // every statement (requests, job, ping) through the source's resilience policy
  const policy = options.policy ?? sqlPolicy('fagsystem', opts.db, opts.queryTimeoutMs);
  client.run = guard(policy, client.run) as typeof client.run;
  const { db } = client;

  function forRequest(scope: AccessScope, projection?: { omit?: ColumnOmissions }, call?: CallContext): FagsystemRequest {
    // a request's statements carry its transaction id (tagged before the policy, so a retry is tagged once)
    const run: typeof client.run = call ? <T>(query: Parameters<typeof client.run>[0]) => client.run<T>(withTransactionComment(query, call)) : client.run;
    // the scope is copied so a caller mutating its arrays later cannot widen an already-built request
    const ctx: QueryContext = {
      db,
      run,
      scope: Object.freeze({ teamIds: scope.teamIds && [...scope.teamIds], enhedIds: scope.enhedIds && [...scope.enhedIds] }),
      today: isoDay(opts.clock),
      omit: projection?.omit,
    };
    // the loaders stay lazy getters (not spread: spreading would make all of them)
    const lists: Omit<FagsystemRequest, keyof ReturnType<typeof createLoaders>> = {
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
    return Object.assign(createLoaders(ctx), lists);
  }

  return {
    policy,
    forRequest,
    job: createJobReads({ client, today: () => isoDay(opts.clock) }),
    analytics: createAggregateSource({ source: 'fagsystem', db, toError: (e) => toSqlSourceError('fagsystem', e), timeoutMs: opts.queryTimeoutMs }),
    poolUsage: () => poolUsage(db),
    async ping() {
      await client.run(db.raw('select 1'));
    },
    close: () => client.close(),
  };
}
