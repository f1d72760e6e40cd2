import type { Knex } from 'knex';
import { SourceError, classifyTransportError } from '../../../connectors/shared/source-error';
import type { AccessLogEmployees } from '../../access/access-log/employees';
import type { Principal } from '../../access/principal';
import type { Purpose } from '../../access/policy';

/** Who asked, for the one access-log row an aggregate question writes. */
export interface AnalyseLogContext {
  db: Knex;
  /** the app's employee rows in the same store (shared with the per-citizen access log) */
  employees: AccessLogEmployees;
  principal: Principal;
  purpose: Purpose | null;
  operation: string;
  transactionId: string;
  now: () => Date;
}

export interface AnalyseLogEntry {
  emne: string;
  kilde: string;
  antalGrupper: number;
  antalBorgere: number | null;
  antalUndertrykte: number;
}

/**
 * Writes the row BEFORE the answer is returned; if it cannot be written the answer is refused (fail closed,
 * as the per-citizen log). The employee row is shared with the per-citizen access log (same key).
 */
export async function logAnalyse(c: AnalyseLogContext, e: AnalyseLogEntry): Promise<void> {
  try {
    const ref = await c.employees.ensure(c.principal);
    await c.db('analyse_adgangslog').insert({
      tidspunkt: c.now(),
      organisation: c.principal.organisation,
      rolle: c.principal.roles.join(','),
      formaal: c.purpose,
      operation: c.operation.slice(0, 200),
      transaktions_id: c.transactionId,
      medarbejder_ref: ref,
      emne: e.emne.slice(0, 60),
      kilde: e.kilde,
      antal_grupper: e.antalGrupper,
      antal_borgere: e.antalBorgere,
      antal_undertrykte: e.antalUndertrykte,
    });
  } catch (err) {
    throw new SourceError({
      source: 'gateway-store',
      code: classifyTransportError(err) ?? 'SOURCE_QUERY_FAILED',
      message: 'the access log could not be written, so the answer is not returned',
      cause: err,
    });
  }
}
