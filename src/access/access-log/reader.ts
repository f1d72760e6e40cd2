import type { Knex } from 'knex';
import { SourceError, classifyTransportError } from '../../../connectors/shared/source-error';
import { readOnceMore } from '../../../connectors/shared/read-once-more';

export interface AdgangslogpostRow {
  tidspunkt: string;
  organisation: string;
  formaal: string;
  operation: string;
  rolle: string;
  transaktionsId: string;
}

/** The citizen-facing part of the access log for one CPR (no employee identity), newest first. */
export async function readAccessLog(db: Knex, cpr: string, periode?: { fra?: string | null; til?: string | null } | null): Promise<AdgangslogpostRow[]> {
  try {
    const q = db('adgangslog')
      .where({ cpr })
      .orderBy([
        { column: 'tidspunkt', order: 'desc' },
        { column: 'adgangslog_id', order: 'desc' },
      ])
      .limit(10_000);
    if (periode?.fra) q.where('tidspunkt', '>=', periode.fra);
    if (periode?.til) q.where('tidspunkt', '<', db.raw("(?::date + interval '1 day')", [periode.til]));
    const rows = await readOnceMore(() => q.clone().select('tidspunkt', 'organisation', 'formaal', 'operation', 'rolle', 'transaktions_id'));
    return rows.map((r: { tidspunkt: string | Date; organisation: string; formaal: string; operation: string; rolle: string; transaktions_id: string }) => ({
      tidspunkt: new Date(r.tidspunkt).toISOString(),
      organisation: r.organisation,
      formaal: r.formaal,
      operation: r.operation,
      rolle: r.rolle,
      transaktionsId: r.transaktions_id,
    }));
  } catch (e) {
    throw new SourceError({ source: 'gateway-store', code: classifyTransportError(e) ?? 'SOURCE_QUERY_FAILED', cause: e });
  }
}
