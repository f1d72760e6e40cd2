import type { Knex } from 'knex';
import DataLoader from 'dataloader';
import { SourceError, classifyTransportError } from '../../../connectors/shared/source-error';
import type { Principal } from '../principal';
import type { Purpose } from '../policy';
import { cleanOperationName } from '../operation-name';
import type { AccessLogEmployees } from './employees';

/**
 * Writes the access log for one request. Every citizen whose data a request reads is recorded once
 * (deduplicated by CPR), and the record is written BEFORE the data is returned: if the write fails the
 * caller gets an error instead of the data (fail closed). Citizens met in the same tick are written in one
 * INSERT.
 */
export interface AccessLogEntryContext {
  principal: Principal;
  purpose: Purpose;
  operation: string;
  transactionId: string;
  now: () => Date;
  /** the app's employee rows in the same store */
  employees: AccessLogEmployees;
}

export interface RequestAccessLog {
  /** Resolves when the read of these citizens is logged; rejects (SourceError) when it cannot be. */
  record(cprs: readonly string[]): Promise<void>;
  /** distinct citizens logged so far in this request */
  readonly count: number;
}

// the metric (src/observability/metrics) recognises an access-log write by its leading `insert into "adgangslog"`
const INSERT_ROWS = `insert into "adgangslog" (tidspunkt, cpr, organisation, rolle, formaal, operation, transaktions_id, medarbejder_ref)
  select ?::timestamptz, c, ?, ?, ?, ?, ?, ? from unnest(?::text[]) with ordinality as u(c, n) order by n`;

export function createRequestAccessLog(db: Knex, ctx: AccessLogEntryContext): RequestAccessLog {
  const seen = new Set<string>();
  const loader = new DataLoader<string, true>(async (cprs) => {
    try {
      const ref = await ctx.employees.ensure(ctx.principal);
      // one statement of constant text whatever the number of citizens: the CPRs as one array parameter
      // (a VALUES row per citizen meant 8 bindings each — 4,000 for a page of 500 — built by knex every time)
      await db.raw(INSERT_ROWS, [
        ctx.now(),
        ctx.principal.organisation,
        ctx.principal.roles.join(','),
        ctx.purpose,
        cleanOperationName(ctx.operation),
        ctx.transactionId,
        ref,
        [...cprs],
      ]);
    } catch (e) {
      throw new SourceError({
        source: 'gateway-store',
        code: classifyTransportError(e) ?? 'SOURCE_QUERY_FAILED',
        message: 'the access log could not be written, so personal data is not returned',
        cause: e,
      });
    }
    return cprs.map(() => true as const);
  });
  return {
    async record(cprs) {
      for (const c of cprs) seen.add(c);
      await loader.loadMany(cprs).then((results) => {
        const failed = results.find((r) => r instanceof Error);
        if (failed) throw failed;
      });
    },
    get count() {
      return seen.size;
    },
  };
}
