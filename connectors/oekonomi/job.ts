import type { Kontrakt, Kreditor, Postering } from '../../src/domain/model';
import { indexBy } from '../shared/keyed-loader';
import type { OekonomiClient } from './client';
import { checkBatchSize } from './config';
import { canonicalTimestamp, toKontrakt, toKreditor, toPostering, toPosteringId } from './mapping';
import * as q from './queries';
import type { OekonomiJobReads } from './types';

/**
 * Whole-ledger reads for the reconciliation job (src/reconcile), which runs on one replica under an
 * advisory lock and writes derived results to the gateway's store (ARCHITECTURE: cross-source money).
 *
 * Postings stream in keyset batches by (registreret, postering_id): each batch is one statement that seeks
 * past the last row of the previous batch, so batch N costs the same as batch 1 and a posting inserted
 * meanwhile cannot shift rows between batches (as it would with OFFSET). Only one batch is in memory.
 */
export function createJobReads(client: OekonomiClient, defaultBatchSize: number): OekonomiJobReads {
  const { db } = client;

  async function* posteringer(opts: { registreretEfter?: string; efterPosteringId?: number; batchSize?: number }): AsyncGenerator<Postering[]> {
    const limit = opts.batchSize ?? defaultBatchSize;
    checkBatchSize(limit);
    if (opts.efterPosteringId !== undefined && opts.registreretEfter === undefined) {
      throw new RangeError('oekonomi: efterPosteringId needs registreretEfter (a keyset position is both)');
    }
    let after: q.Keyset | undefined =
      opts.registreretEfter === undefined ? undefined : { registreret: watermark(opts.registreretEfter), postingId: opts.efterPosteringId };
    for (;;) {
      const batch = await client.run(q.posteringBatch(db, { after, limit }), toPostering);
      if (batch.length === 0) return;
      yield batch;
      if (batch.length < limit) return;
      const last = batch[batch.length - 1]!;
      after = { registreret: last.registreret, postingId: last.id };
    }
  }

  return {
    posteringer,
    async posteringerByIds(ids) {
      const distinct = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0);
      const rows = await client.runChunked(distinct, (chunk) => q.posteringerById(db, chunk), toPostering);
      return indexBy(rows, (p) => p.id);
    },
    async posteringIds(): Promise<number[]> {
      return client.run(q.allePosteringIds(db), toPosteringId);
    },
    async posteringOptaelling() {
      const [r] = await client.run(q.posteringOptaelling(db), (row) => ({ antal: Number(row.antal), idSum: Number(row.id_sum ?? 0) }));
      return r ?? { antal: 0, idSum: 0 };
    },
    async posteringBlokke(blok: number) {
      if (!Number.isInteger(blok) || blok < 1) throw new RangeError('oekonomi: blok must be a whole number ≥ 1');
      return client.run(q.posteringBlokke(db, blok), (row) => ({ blok: Number(row.blok), antal: Number(row.antal), idSum: Number(row.id_sum) }));
    },
    async posteringIdsMellem(fra: number, til: number): Promise<number[]> {
      return client.run(q.posteringIdsMellem(db, fra, til), toPosteringId);
    },
    async referenceMarkoer(): Promise<string> {
      const parts: string[] = [];
      for (const t of ['kreditor', 'kontrakt'] as const) {
        const [r] = await client.run(q.referenceMarkoer(db, t), (row) => `${t}:${String(row.antal)}:${String(row.h ?? 0)}`);
        parts.push(r ?? `${t}:0:0`);
      }
      return parts.join(';');
    },
    async kontrakter(): Promise<Kontrakt[]> {
      return client.run(q.alleKontrakter(db), toKontrakt);
    },
    async kreditorer(): Promise<Kreditor[]> {
      return client.run(q.alleKreditorer(db), toKreditor);
    },
  };
}

/**
 * A watermark is a timestamp the connector handed out (Postering.registreret) or a caller's ISO value;
 * it goes to the database as canonical ISO text (never a JS Date: knex binds a Date as SQL Server
 * DATETIME, which rounds to 1/300 s and would move the watermark).
 */
function watermark(value: string): string {
  try {
    return canonicalTimestamp(value.replace(/Z$/, ''));
  } catch {
    throw new RangeError('oekonomi: registreretEfter must be an ISO timestamp YYYY-MM-DDTHH:MM:SS[.fraction]');
  }
}
