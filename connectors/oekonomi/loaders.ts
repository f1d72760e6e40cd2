import type { Budget, Kontrakt, Kreditor, Postering } from '../../src/domain/model';
import { groupBy, indexBy, keyedLoader } from '../shared/keyed-loader';
import type { OekonomiClient } from './client';
import { MAX_KEYS_PER_STATEMENT } from './config';
import { distinctStored, storedCpr, storedCvr, validPosteringId } from './keys';
import { toBudget, toKontoForbrug, toKontoForbrugOgBudget, toKontrakt, toKreditor, toPostering } from './mapping';
import * as q from './queries';
import type { ForbrugQuery, KontoForbrug, KontoForbrugOgBudget, OekonomiRequest } from './types';

/**
 * Per-request loaders (never shared across requests: two lifetimes). Each DataLoader batch is at most
 * MAX_KEYS_PER_STATEMENT keys, so one batch = one SQL statement; results are mapped back BY KEY
 * (keyedLoader), so order, duplicates and missing rows in the answer cannot shift data between keys.
 */
const LOADER_OPTIONS = { maxBatchSize: MAX_KEYS_PER_STATEMENT };

function checkAar(aar: number): void {
  if (!Number.isInteger(aar) || aar < 1900 || aar > 2999) throw new RangeError('oekonomi: aar must be a four-digit year');
}

/** Per-request memo for the whole-year reads (a query may select the same year in several fields). */
function memo<A, T>(fn: (a: A) => Promise<T>, key: (a: A) => string): (a: A) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (a) => {
    const k = key(a);
    let p = cache.get(k);
    if (!p) {
      p = fn(a);
      cache.set(k, p);
      // a failure is not remembered: the next field may retry once the source is back
      p.catch(() => cache.delete(k));
    }
    return p;
  };
}

export function createRequest(client: OekonomiClient): OekonomiRequest {
  const { db } = client;

  const kreditor = keyedLoader<string, Kreditor | null>(
    async (keys) => {
      const rows = await client.run(q.kreditorerByNr(db, [...new Set(keys)]), toKreditor);
      return indexBy(rows, (k) => k.kreditorNr);
    },
    () => null,
    LOADER_OPTIONS,
  );

  const kreditorerByCvr = keyedLoader<string, Kreditor[]>(
    async (keys) => {
      const stored = distinctStored(keys, storedCvr) as string[];
      const byCvr = stored.length ? groupBy(await client.run(q.kreditorerByCvr(db, stored), toKreditor), (k) => k.cvr) : new Map();
      return answerByKey(keys, storedCvr, byCvr);
    },
    () => [],
    { ...LOADER_OPTIONS, cacheKeyFn: (k) => storedCvr(k) ?? `invalid:${k}` },
  );

  const kontrakterByCpr = keyedLoader<string, Kontrakt[]>(
    async (keys) => {
      const stored = distinctStored(keys, storedCpr) as string[];
      const byCpr = stored.length ? groupBy(await client.run(q.kontrakterByCpr(db, stored), toKontrakt), (k) => k.cpr) : new Map();
      return answerByKey(keys, storedCpr, byCpr);
    },
    () => [],
    { ...LOADER_OPTIONS, cacheKeyFn: (k) => storedCpr(k) ?? `invalid:${k}` },
  );

  const postering = keyedLoader<number, Postering | null>(
    async (keys) => {
      const ids = distinctStored(keys, validPosteringId) as number[];
      if (!ids.length) return new Map();
      return indexBy(await client.run(q.posteringerById(db, ids), toPostering), (p) => p.id);
    },
    () => null,
    LOADER_OPTIONS,
  );

  const budget = memo(async (aar: number): Promise<Budget[]> => {
    checkAar(aar);
    return client.run(q.budgetForAar(db, aar), toBudget);
  }, String);

  const forbrug = memo(
    async (opts: ForbrugQuery): Promise<KontoForbrug[]> => {
      checkAar(opts.aar);
      if (opts.konti && opts.konti.length === 0) return [];
      if (opts.konti && opts.konti.length > MAX_KEYS_PER_STATEMENT) throw new RangeError(`oekonomi: at most ${MAX_KEYS_PER_STATEMENT} konti per forbrug query`);
      const args = {
        aar: opts.aar,
        prMaaned: opts.prMaaned ?? false,
        konti: opts.konti ? [...new Set(opts.konti)] : undefined,
        datogrundlag: opts.datogrundlag ?? 'BILAGSDATO',
      } as const;
      return client.run(q.forbrugPrKonto(db, args), (r) => toKontoForbrug(r, opts.aar));
    },
    (o) => JSON.stringify([o.aar, o.prMaaned ?? false, o.konti ? [...o.konti].sort() : null, o.datogrundlag ?? 'BILAGSDATO']),
  );

  const forbrugOgBudget = memo(async (aar: number): Promise<KontoForbrugOgBudget[]> => {
    checkAar(aar);
    return client.run(q.forbrugOgBudget(db, aar), (r) => toKontoForbrugOgBudget(r, aar));
  }, String);

  return { kreditor, kreditorerByCvr, kontrakterByCpr, postering, budget, forbrug, forbrugOgBudget };
}

/** Answers each requested key from rows grouped by the stored form of the key. */
function answerByKey<V>(keys: readonly string[], stored: (k: string) => string | null, grouped: Map<string | null, V[]>): Map<string, V[]> {
  const out = new Map<string, V[]>();
  for (const k of keys) {
    const s = stored(k);
    out.set(k, (s !== null && grouped.get(s)) || []);
  }
  return out;
}
