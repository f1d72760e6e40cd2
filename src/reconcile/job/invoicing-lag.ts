import type { Knex } from 'knex';
import { addDays, addMonths, firstOfMonth, lastOfMonth } from '../../domain/dates';

/**
 * The last month the store compares prices for (issue 11: the not-yet-invoiced month was reported as a
 * deviation for almost every indsats). Invoices for a month arrive in the days after it ends; a month is
 * compared once `faktureringsforsinkelseDage` days have passed since its end, or earlier when it is already
 * invoiced as fully as the month before it (90 % of that month's matched postings — a ledger that books
 * each month before it ends). A month whose invoices have not come is left out on both sides: its
 * contract is not expected yet and the few postings that did come are not counted either.
 */
export const STANDARD_FAKTURERINGSFORSINKELSE_DAGE = 10;
const FULDT_FAKTURERET = 0.9;

export async function lastComparedMonth(db: Knex, today: string, lagDays: number): Promise<string> {
  let til = lastOfMonth(addMonths(firstOfMonth(today), -1));
  // at most two months can still be waiting for invoices (a lag above a month)
  for (let k = 0; k < 2 && addDays(til, lagDays) >= today; k++) {
    const month = firstOfMonth(til);
    const before = addMonths(month, -1);
    const rows = (
      await db.raw(
        `select (periode_fra >= ?::date) as denne, count(*)::int as n from postering_match where indsats_id is not null and periode_fra >= ?::date and periode_fra <= ?::date group by 1`,
        [month, before, til],
      )
    ).rows as Array<{ denne: boolean; n: number }>;
    const now = rows.find((r) => r.denne)?.n ?? 0;
    const prev = rows.find((r) => !r.denne)?.n ?? 0;
    if (prev > 0 && now >= FULDT_FAKTURERET * prev) break;
    til = lastOfMonth(before);
  }
  return til;
}
