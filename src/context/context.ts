import type { FastifyBaseLogger } from 'fastify';
import type { Knex } from 'knex';
import type { DocumentNode } from 'graphql';
import type { AccessScope } from '../access/scope';
import type { FagsystemRequest } from '../../connectors/fagsystem/types';
import type { OekonomiRequest } from '../../connectors/oekonomi/types';
import type { TilbudsportalenRequest } from '../../connectors/tilbudsportalen/types';
import type { ServiceplatformenRequest } from '../../connectors/serviceplatformen/types';
import type { ReconciledRequest } from '../reconcile/read/types';
import type { Principal } from '../access/principal';
import type { Purpose } from '../access/policy';
import { scopeFor } from '../access/principal';
import { createRequestAccess, type RequestAccess } from '../access/request-access';
import type { RateLimiter } from '../access/limits/rate-limiter';
import type { Pseudonymizer } from '../access/pseudonym';
import type { AccessLogEmployees } from '../access/access-log/employees';
import { createAnalyticsRequest, type AnalyticsRequestContext, type AnalyticsSetup } from '../analytics/context';
import type { ColumnOmissions } from '../../connectors/fagsystem/projection';
import { createRequestReads, type RequestReads } from '../reconcile/read/request-reads';
import type { Connectors } from './connectors';

/** Per-request source access: loaders are created lazily, only for the systems a query touches. */
export interface RequestSources {
  readonly fagsystem: FagsystemRequest;
  readonly oekonomi: OekonomiRequest;
  readonly tilbudsportalen: TilbudsportalenRequest;
  readonly serviceplatformen: ServiceplatformenRequest;
  readonly reconciled: ReconciledRequest;
}

/** A non-fatal message for the response's `extensions.warnings` (e.g. a masked field, KOMBIT style). */
export interface Warning {
  type: 'WARNING';
  code: string;
  message: string;
  path?: ReadonlyArray<string | number>;
  /** how many values this warning covers (e.g. a masked field on every row of a page) */
  antal?: number;
}

export interface GatewayContext {
  /** Correlates logs, the access log and the response header `x-transaction-id`. */
  transactionId: string;
  scope: AccessScope;
  /** "today" for overdue follow-ups and current-year prices; injected so tests can fix it */
  now(): Date;
  today(): string;
  sources: RequestSources;
  warnings: Warning[];
  log: FastifyBaseLogger;
  /** the verified caller (src/server/guards ran before any resolver) */
  principal: Principal;
  purpose: Purpose | null;
  operationName: string;
  /** access log, citizen caps and pseudonyms for this request */
  access: RequestAccess;
  /** resolves when every access-log row this request started is durable (the engines await it before answering) */
  accessLogged(): Promise<void>;
  /** compositions over several sources for the reconciliation fields, memoised for this request */
  readonly reads: RequestReads;
  /** aggregate questions: planned into the owning database, one access-log row each (src/analytics) */
  analytics: AnalyticsRequestContext;
}

export interface ContextDeps {
  connectors: Connectors;
  reconciled: { forRequest(teamScope?: () => Promise<readonly number[] | null>): ReconciledRequest };
  clock?: () => Date;
  storeDb: Knex;
  rateLimiter: RateLimiter;
  pseudonymizer: Pseudonymizer;
  /** the employee rows of the access log in storeDb (one per app) */
  employees: AccessLogEmployees;
  analytics: AnalyticsSetup;
  /** per document, the fagsystem columns its fields do not need (src/graphql/fagsystem-columns) */
  fagsystemColumns?: (document: DocumentNode | undefined) => ColumnOmissions | undefined;
}

export interface RequestInfo {
  /** fastify's request id, which is the transaction id (see src/server/transaction-id) */
  transactionId: string;
  headers: Record<string, string | string[] | undefined>;
  log: FastifyBaseLogger;
  gate: { principal: Principal; purpose: Purpose | null; operationName: string; document?: DocumentNode };
}

/** One context factory for both engines (Mercurius and Apollo). */
export function createContextFactory(deps: ContextDeps) {
  const clock = deps.clock ?? (() => new Date());
  return function buildContext(req: RequestInfo): GatewayContext {
    const transactionId = req.transactionId;
    const { principal, purpose, operationName } = req.gate;
    const scope: AccessScope = scopeFor(principal);
    const c = deps.connectors;
    // the sources see the transaction id (connectors/shared/call-context)
    const call = { transactionId };
    const cache: Partial<Record<keyof RequestSources, unknown>> = {};
    const lazy = <K extends keyof RequestSources>(k: K, make: () => RequestSources[K]): RequestSources[K] => (cache[k] ??= make()) as RequestSources[K];
    const sources: RequestSources = {
      get fagsystem() {
        return lazy('fagsystem', () => c.fagsystem.forRequest(scope, { omit: deps.fagsystemColumns?.(req.gate.document) }, call));
      },
      get oekonomi() {
        return lazy('oekonomi', () => c.oekonomi.forRequest(call));
      },
      get tilbudsportalen() {
        return lazy('tilbudsportalen', () => c.tilbudsportalen.forRequest(call));
      },
      get serviceplatformen() {
        return lazy('serviceplatformen', () => c.serviceplatformen.forRequest(call));
      },
      get reconciled() {
        // the row rule as teams, for the reconciled store (which keys results by team, not by unit)
        return lazy('reconciled', () =>
          deps.reconciled.forRequest(async () => {
            if (scope.teamIds !== null) return scope.teamIds;
            if (scope.enhedIds === null) return null;
            const teams = await Promise.all(scope.enhedIds.map((e) => sources.fagsystem.teamsByEnhed.load(e)));
            return teams.flat().map((t) => t.id);
          }),
        );
      },
    };
    let access: RequestAccess | undefined;
    let analytics: AnalyticsRequestContext | undefined;
    const today = () => clock().toISOString().slice(0, 10);
    const warnings: Warning[] = [];
    let reads: RequestReads | undefined;
    return {
      transactionId,
      scope,
      now: clock,
      today,
      sources,
      warnings,
      get reads() {
        return (reads ??= createRequestReads({ sources, now: clock, today, warn: (w) => warnings.push(w) }));
      },
      log: req.log,
      principal,
      purpose,
      operationName,
      // made on first use: a request that reads no citizen never builds its access log
      get access() {
        return (access ??= createRequestAccess({
          db: deps.storeDb,
          principal,
          purpose,
          operation: operationName,
          transactionId,
          now: clock,
          rateLimiter: deps.rateLimiter,
          pseudonymizer: deps.pseudonymizer,
          employees: deps.employees,
        }));
      },
      accessLogged: () => (access ? access.logged() : Promise.resolve()),
      // made on first use, like the access log: most requests ask no aggregate question
      get analytics() {
        return (analytics ??= createAnalyticsRequest(deps.analytics, {
          principal,
          scope,
          purpose,
          operation: operationName,
          transactionId,
          now: clock,
          today: today(),
        }));
      },
    };
  };
}
