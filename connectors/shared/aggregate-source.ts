import type { Knex } from 'knex';
import { type SourceError, type SourceName } from './source-error';

/**
 * What the analytics side (src/analytics) needs of a database that owns data: run ONE planned aggregate
 * statement (rows come back small: groups, never citizens) and read an export through a database cursor.
 * Each connector wraps its own pool and error mapping, so a failure leaves as that source's SourceError.
 */
export type Row = Record<string, unknown>;

export interface AggregateSource {
  readonly source: SourceName;
  readonly dialect: 'postgres' | 'mssql';
  rows(sql: string, bindings: readonly unknown[]): Promise<Row[]>;
  /**
   * Rows in batches from a server-side cursor: the next batch is fetched only when the consumer asks for it
   * (backpressure end to end), so memory stays flat whatever the size. Breaking out of the loop closes the
   * cursor and ends the transaction.
   */
  cursor(sql: string, bindings: readonly unknown[], batchSize?: number): AsyncIterable<Row[]>;
}

export interface AggregateSourceOptions {
  source: SourceName;
  db: Knex;
  toError(e: unknown): SourceError;
  /** per aggregate statement; the export cursor has none (it lives as long as the download) */
  timeoutMs: number;
}

const rowsOf = (r: unknown): Row[] => (Array.isArray(r) ? (r as Row[]) : (((r as { rows?: Row[] }).rows ?? []) as Row[]));

export function createAggregateSource(o: AggregateSourceOptions): AggregateSource {
  const client = o.db.client as { config?: { client?: unknown }; dialect?: string };
  const dialect = client.dialect === 'mssql' ? 'mssql' : 'postgres';
  const canCancel = client.config?.client === 'pg';
  return {
    source: o.source,
    dialect,
    async rows(sql, bindings) {
      const q = o.db.raw(sql, bindings as Knex.RawBinding[]);
      try {
        return rowsOf(await (o.timeoutMs > 0 ? q.timeout(o.timeoutMs, { cancel: canCancel }) : q));
      } catch (e) {
        throw o.toError(e);
      }
    },
    cursor(sql, bindings, batchSize = 2000) {
      return dialect === 'postgres' ? pgCursor(o, sql, bindings, batchSize) : streamBatches(o, sql, bindings, batchSize);
    },
  };
}

/** DECLARE … CURSOR inside a read-only transaction, FETCH n at a time (PostgreSQL and PGlite alike). */
async function* pgCursor(o: AggregateSourceOptions, sql: string, bindings: readonly unknown[], batchSize: number): AsyncGenerator<Row[]> {
  let trx: Knex.Transaction;
  try {
    trx = await o.db.transaction(undefined, { readOnly: true });
  } catch (e) {
    throw o.toError(e);
  }
  let done = false;
  try {
    await trx.raw(`declare export_cursor no scroll cursor for ${sql}`, bindings as Knex.RawBinding[]);
    for (;;) {
      const batch = rowsOf(await trx.raw(`fetch forward ${Math.trunc(batchSize)} from export_cursor`));
      if (!batch.length) break;
      yield batch;
    }
    await trx.raw('close export_cursor');
    await trx.commit();
    done = true;
  } catch (e) {
    throw o.toError(e);
  } finally {
    // the consumer stopped (client went away) or a statement failed: end the transaction, freeing the cursor
    if (!done) await trx.rollback().catch(() => undefined);
  }
}

/** SQL Server: the driver's row stream (tedious streams rows; pausing the stream pauses the socket). */
async function* streamBatches(o: AggregateSourceOptions, sql: string, bindings: readonly unknown[], batchSize: number): AsyncGenerator<Row[]> {
  const stream = o.db.raw(sql, bindings as Knex.RawBinding[]).stream();
  let batch: Row[] = [];
  try {
    for await (const row of stream as AsyncIterable<Row>) {
      batch.push(row);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  } catch (e) {
    throw o.toError(e);
  } finally {
    (stream as { destroy?: () => void }).destroy?.();
  }
}
