import type DataLoader from 'dataloader';
import type { Budget, Kontrakt, Kreditor, Postering } from '../../src/domain/model';

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
}

export interface OekonomiJobReads {
  /** Postings with registreret > after (or all), in (registreret, postering_id) order, batched. */
  posteringer(opts: { registreretEfter?: string; batchSize?: number }): AsyncIterable<Postering[]>;
  /** Every posting id currently in the ledger (to detect postings that disappeared). */
  posteringIds(): Promise<number[]>;
  kontrakter(): Promise<Kontrakt[]>;
  kreditorer(): Promise<Kreditor[]>;
}

export interface OekonomiConnector {
  forRequest(): OekonomiRequest;
  job: OekonomiJobReads;
  ping(): Promise<void>;
  close(): Promise<void>;
}
