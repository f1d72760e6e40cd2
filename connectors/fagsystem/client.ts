import { createSqlClient, type SqlClient } from '../shared/sql-client';
import type { ResolvedOptions } from './config';

/**
 * The fagsystem's statements run through the shared SQL client (connectors/shared/sql-client.ts): one time
 * limit, one SQLSTATE classifier, failures as SourceError('fagsystem', …).
 */
export type FagsystemClient = SqlClient;

/** Enough to build and run a statement: what query files take (a QueryContext is one, too). */
export type Executor = Pick<FagsystemClient, 'db' | 'run'>;

export function createClient(opts: ResolvedOptions): FagsystemClient {
  return createSqlClient({ source: 'fagsystem', db: opts.db, queryTimeoutMs: opts.queryTimeoutMs });
}
