import type DataLoader from 'dataloader';
import type { CallContext } from '../shared/call-context';
import type { AggregateSource } from '../shared/aggregate-source';
import type { GuardedSource, PooledSource } from '../shared/guard';
import type { Budget, Kontrakt, Kreditor, Postering } from '../../src/domain/model';
import type { Money } from '../../src/domain/money';

/**
 * The economy connector's contract (ERP on SQL Server in production; PostgreSQL/PGlite here). All queries
 * are knex builders that compile on the mssql dialect too; money is read as exact decimal strings on every
 * engine (SQL Server's driver would return decimals as JS numbers, so amounts are CAST to strings there).
 */
export interface OekonomiRequest {
  kreditor: DataLoader<string, Kreditor | null>;
  kreditorerByCvr: DataLoader<string, Kreditor[]>;
  /** contract register entries booked on a citizen's CPR */
  kontrakterByCpr: DataLoader<string, Kontrakt[]>;
  postering: DataLoader<number, Postering | null>;
  budget(aar: number): Promise<Budget[]>;
  /** Spending per konto (optionally per month) in one year, summed in the source (forbrug pr. konto). */
  forbrug(opts: ForbrugQuery): Promise<KontoForbrug[]>;
  /** Budget and spending per konto for one year, one row per konto found on either side (forbrugsprocent). */
  forbrugOgBudget(aar: number): Promise<KontoForbrugOgBudget[]>;
}

/**
 * Which date places a posting in a year/month. BILAGSDATO is the accounting date (the ERP's own
 * forbrugsrapport and the budget follow it); PERIODE_FRA is the start of the service period paid for
 * (activity months: what was paid for in March, whenever it was booked).
 */
export type ForbrugDatogrundlag = 'BILAGSDATO' | 'PERIODE_FRA';

export interface ForbrugQuery {
  aar: number;
  /** one row per konto and month instead of one per konto */
  prMaaned?: boolean;
  /** only these accounts (all when absent) */
  konti?: string[];
  /** default BILAGSDATO */
  datogrundlag?: ForbrugDatogrundlag;
}

export interface KontoForbrug {
  konto: string;
  aar: number;
  /** 1–12 when prMaaned, else null */
  maaned: number | null;
  /** net spending (credit notes included, so it may be negative) */
  beloeb: Money;
  antalPosteringer: number;
}

export interface KontoForbrugOgBudget {
  konto: string;
  aar: number;
  /** null when the konto has postings but no budget line that year */
  budget: Money | null;
  /** "0.00" when the konto has a budget but no postings */
  forbrug: Money;
  antalPosteringer: number;
}

export interface OekonomiJobReads {
  /**
   * Postings with registreret > registreretEfter (or all), in (registreret, postering_id) order, batched.
   * With `efterPosteringId` too, the stream resumes strictly after the keyset position
   * (registreretEfter, efterPosteringId) — what a job needs to resume mid-timestamp after a crash.
   */
  posteringer(opts: { registreretEfter?: string; efterPosteringId?: number; batchSize?: number }): AsyncIterable<Postering[]>;
  /** Postings by id (e.g. to re-read the ones a run touched); missing ids are absent from the map. */
  posteringerByIds(ids: readonly number[]): Promise<Map<number, Postering>>;
  /** Every posting id currently in the ledger (to detect postings that disappeared). */
  posteringIds(): Promise<number[]>;
  /** Count and sum of the ledger's posting ids: equal to the store's means no posting is gone (nor new). */
  posteringOptaelling(): Promise<{ antal: number; idSum: number }>;
  /** The same per block of `blok` consecutive ids (block = floor(id / blok)). */
  posteringBlokke(blok: number): Promise<Array<{ blok: number; antal: number; idSum: number }>>;
  /** The ledger's posting ids in [fra, til]. */
  posteringIdsMellem(fra: number, til: number): Promise<number[]>;
  /** Change marker of kreditor and kontrakt (count and checksum, computed by the database). */
  referenceMarkoer(): Promise<string>;
  kontrakter(): Promise<Kontrakt[]>;
  kreditorer(): Promise<Kreditor[]>;
}

export interface OekonomiConnector extends GuardedSource, PooledSource {
  /** planned aggregate statements and export cursors (src/analytics), over the same pool */
  analytics: AggregateSource;
  /** `call`: the request, for its transaction id */
  forRequest(call?: CallContext): OekonomiRequest;
  job: OekonomiJobReads;
  ping(): Promise<void>;
  close(): Promise<void>;
}
