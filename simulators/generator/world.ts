import type { BestillingRow, IndsatsRow, KontraktRow, SagRow } from '../model';
import type { Citizen } from './citizens';
import type { ProviderUnit } from './providers';

/**
 * The generator's working view of one indsats: its fagsystem row plus what the other systems derive from
 * it. Nothing here leaves the generator except through the rows.
 */
export interface Indsats {
  row: IndsatsRow;
  citizen: Citizen;
  sag: SagRow;
  unit: ProviderUnit;
  /** VUM 2.0 ID 45 in hundredths of a unit (3.5 hours = 350). */
  hundredths: number;
  /** The ydelse the takst is per (§ 107), else null. */
  takstYdelse: string | null;
  afgoerelseDay: number;
  /** Actual start (VUM 2.0 ID 75) and end as day numbers; null start = not started (status BEVILGET). */
  startDay: number | null;
  endDay: number | null;
  /** Price periods, one per calendar year (index regulation on 1 January). */
  periods: PricePeriod[];
}

/** One price period: the fagsystem's bestilling and, for providers settled per citizen, the economy's contract. */
export interface PricePeriod {
  aar: number;
  fromDay: number;
  /** inclusive; null = open */
  toDay: number | null;
  bestilling: BestillingRow;
  kontrakt: KontraktRow | null;
  enhedsprisOere: number;
  /** kontraktpris per month as the fagsystem has it */
  fagsystemOere: number;
  /** beloeb per month as the economy's contract register has it (the amount invoices are paid by) */
  oekonomiOere: number;
}

/** Whether the economy pays this indsats per citizen (postings expected while it runs). */
export function isSettled(i: Indsats): boolean {
  return i.unit.row.afregnes_pr_borger;
}
