import type { Knex } from 'knex';
import { SourceError, classifyTransportError } from '../../../connectors/shared/source-error';
import { employeeRef } from '../../access/access-log/writer';
import type { Principal } from '../../access/principal';
import type { Purpose } from '../../access/policy';

/** Who asked, for the one access-log row an aggregate question writes. */
export interface AnalyseLogContext {
  db: Knex;
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
/** Employee rows known to be in the store (per database): after the first question a log write is one INSERT. */
const knownEmployees = new WeakMap<Knex, Set<string>>();

export async function logAnalyse(c: AnalyseLogContext, e: AnalyseLogEntry): Promise<void> {
  const ref = employeeRef(c.principal);
  let known = knownEmployees.get(c.db);
  if (!known) knownEmployees.set(c.db, (known = new Set()));
  try {
    if (!known.has(ref)) {
      await c
        .db('adgangslog_medarbejder')
        .insert({
          medarbejder_ref: ref,
          bruger_id: c.principal.userId,
          roller: c.principal.roles.join(','),
          team_id: c.principal.teamId,
          enhed_id: c.principal.enhedId,
        })
        .onConflict('medarbejder_ref')
        .ignore();
      known.add(ref);
    }
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
