import type { Knex } from 'knex';
import { createAggregateSource } from '../../connectors/shared/aggregate-source';
import { toSqlSourceError } from '../../connectors/shared/sql-errors';
import type { Connectors } from '../context/connectors';
import type { AccessLogEmployees } from '../access/access-log/employees';
import type { AnalyticsSetup } from './context';

/**
 * The three databases that own data, as aggregate sources: the two connectors' and the gateway's store; the
 * access log of aggregate questions goes to the store, naming employees through the app's `employees`.
 */
export function analyticsSetup(connectors: Connectors, storeDb: Knex, employees: AccessLogEmployees, graense?: number): AnalyticsSetup {
  return {
    sources: {
      fagsystem: connectors.fagsystem.analytics,
      oekonomi: connectors.oekonomi.analytics,
      store: createAggregateSource({
        source: 'gateway-store',
        db: storeDb,
        toError: (e) => toSqlSourceError('gateway-store', e),
        timeoutMs: 30_000,
      }),
    },
    storeDb,
    employees,
    graense,
  };
}
