import type { Knex } from 'knex';
import { MAX_KEYS_PER_STATEMENT } from './config';
import { dialectOf, monthOf } from './dialect';
import { moneyColumn, moneySum } from './money-columns';
import { REGISTRERET_TEXT, timestampColumn } from './timestamp-columns';
import type { ForbrugDatogrundlag } from './types';

/**
 * Every statement the connector sends, as pure functions (db, args) → QueryBuilder, so a test can compile
 * each with the mssql dialect (`mssqlCompiler()`) and read the SQL Server text without a server.
 * Rules all of them keep:
 * - named columns, never `select *` (an ERP adds columns; we must not start reading them by accident);
 * - amounts via moneyColumn/moneySum (exact strings), `registreret` via timestampColumn (exact text);
 * - predicates on bare columns with parameters on the other side (sargable: the indexes in
 *   simulators/oekonomi/schema.ts — cpr, kreditor_nr, registreret, konto+periode_fra — can seek);
 * - at most MAX_KEYS_PER_STATEMENT keys in an IN list (SQL Server's 2,100-parameter limit).
 */

const KREDITOR_COLUMNS = ['kreditor_nr', 'navn', 'cvr', 'ean', 'adresse', 'postnummer', 'bynavn'] as const;
const POSTERING_PLAIN = [
  'postering_id',
  'bilagsnr',
  'bilagsdato',
  'konto',
  'art',
  'kreditor_nr',
  'periode_fra',
  'periode_til',
  'cpr',
  'tekst',
  'integrations_id',
] as const;
const KONTRAKT_PLAIN = ['kontrakt_nr', 'kreditor_nr', 'cpr', 'konto', 'gyldig_fra', 'gyldig_til', 'sagsreference'] as const;

function checkKeys(keys: readonly unknown[]): void {
  // a programming error, not a source failure: callers chunk first (client.runChunked)
  if (keys.length === 0 || keys.length > MAX_KEYS_PER_STATEMENT) {
    throw new RangeError(`oekonomi: a key list must hold 1–${MAX_KEYS_PER_STATEMENT} keys, got ${keys.length}`);
  }
}

function posteringColumns(db: Knex): Array<string | Knex.Raw> {
  return [...POSTERING_PLAIN, moneyColumn(db, 'beloeb', 'beloeb'), timestampColumn(db, 'registreret', REGISTRERET_TEXT)];
}

function kontraktColumns(db: Knex): Array<string | Knex.Raw> {
  return [...KONTRAKT_PLAIN, moneyColumn(db, 'beloeb_pr_maaned', 'beloeb_pr_maaned')];
}

/** Creditors by creditor number (kreditor loader). */
export function kreditorerByNr(db: Knex, nrs: readonly string[]): Knex.QueryBuilder {
  checkKeys(nrs);
  return db('kreditor').select(KREDITOR_COLUMNS).whereIn('kreditor_nr', nrs);
}

/** Creditors by CVR (one company can be several creditors: branches, EAN per institution). */
export function kreditorerByCvr(db: Knex, cvrs: readonly string[]): Knex.QueryBuilder {
  checkKeys(cvrs);
  return db('kreditor').select(KREDITOR_COLUMNS).whereIn('cvr', cvrs).orderBy('kreditor_nr');
}

/** Contract register entries booked on these CPR numbers (10 digits, as stored). */
export function kontrakterByCpr(db: Knex, cprs: readonly string[]): Knex.QueryBuilder {
  checkKeys(cprs);
  return db('kontrakt')
    .select(kontraktColumns(db))
    .whereIn('cpr', cprs)
    .orderBy([{ column: 'gyldig_fra' }, { column: 'kontrakt_nr' }]);
}

/** Postings by id (postering loader, job re-reads). */
export function posteringerById(db: Knex, ids: readonly number[]): Knex.QueryBuilder {
  checkKeys(ids);
  return db('postering').select(posteringColumns(db)).whereIn('postering_id', ids);
}

/** The budget lines of one year. */
export function budgetForAar(db: Knex, aar: number): Knex.QueryBuilder {
  return db('budget')
    .select('konto', 'aar', moneyColumn(db, 'beloeb', 'beloeb'))
    .where('aar', aar)
    .orderBy('konto');
}

const DATO_KOLONNE: Record<ForbrugDatogrundlag, string> = { BILAGSDATO: 'bilagsdato', PERIODE_FRA: 'periode_fra' };

/**
 * The half-open year range [1 Jan, 1 Jan next year) on a DATE column. Written as a range on the bare
 * column (not YEAR(col) = ?) so the (konto, periode_fra) index can seek; ISO 'YYYY-MM-DD' text converts
 * to DATE the same way under every SQL Server language/DATEFORMAT setting.
 */
function inYear(qb: Knex.QueryBuilder, column: string, aar: number): Knex.QueryBuilder {
  return qb.where(column, '>=', `${aar}-01-01`).andWhere(column, '<', `${aar + 1}-01-01`);
}

export interface ForbrugArgs {
  aar: number;
  prMaaned: boolean;
  konti?: readonly string[];
  datogrundlag: ForbrugDatogrundlag;
}

/** Net spending (SUM of beloeb, credit notes included) and posting count per konto [and month] in a year. */
export function forbrugPrKonto(db: Knex, args: ForbrugArgs): Knex.QueryBuilder {
  const col = DATO_KOLONNE[args.datogrundlag];
  const qb = db('postering').select('konto');
  if (args.prMaaned) qb.select(db.raw(`${monthOf(db, col).toQuery()} AS ??`, ['maaned']));
  qb.select(moneySum(db, 'beloeb', 'beloeb')).count({ antal: '*' });
  inYear(qb, col, args.aar);
  if (args.konti) {
    checkKeys(args.konti);
    qb.whereIn('konto', args.konti);
  }
  qb.groupBy('konto');
  if (args.prMaaned) qb.groupByRaw(monthOf(db, col).toQuery());
  qb.orderBy('konto');
  if (args.prMaaned) qb.orderBy('maaned');
  return qb;
}

/**
 * Budget and net spending per konto for one year in one statement: budget lines FULL OUTER JOIN the
 * spending per konto (by bilagsdato, the accounting date the budget follows), so a konto with postings
 * but no budget and a budget with no postings both come back.
 */
export function forbrugOgBudget(db: Knex, aar: number): Knex.QueryBuilder {
  const b = db('budget').select('konto', 'beloeb').where('aar', aar).as('b');
  const f = inYear(db('postering').select('konto').sum({ forbrug: 'beloeb' }).count({ antal: '*' }), 'bilagsdato', aar)
    .groupBy('konto')
    .as('f');
  return (
    db
      .from(b)
      .fullOuterJoin(f, 'f.konto', 'b.konto')
      .select(
        db.raw('COALESCE(??, ??) AS ??', ['b.konto', 'f.konto', 'konto']),
        moneyColumn(db, 'b.beloeb', 'budget'),
        moneyColumn(db, 'f.forbrug', 'forbrug'),
        db.raw('COALESCE(??, 0) AS ??', ['f.antal', 'antal']),
      )
      // the expression, not the alias: `konto` also names a column of both joined sides
      .orderByRaw('COALESCE(??, ??)', ['b.konto', 'f.konto'])
  );
}

/** A keyset position in the (registreret, postering_id) order. */
export interface Keyset {
  registreret: string;
  /** absent: strictly after the timestamp (every posting at it is skipped) */
  postingId?: number;
}

/**
 * One batch of postings in (registreret, postering_id) order after a keyset position — never OFFSET,
 * which rereads and discards every earlier row and shifts when rows are inserted meanwhile.
 * The predicate is `registreret >= t AND (registreret > t OR postering_id > id)` rather than the OR form
 * alone: SQL Server has no row-value comparison, and the leading `>=` gives both engines a range seek
 * on the registreret index (on SQL Server that index carries the clustered key postering_id, so the
 * seek also delivers the ORDER BY without a sort).
 */
export function posteringBatch(db: Knex, args: { after?: Keyset; limit: number }): Knex.QueryBuilder {
  const qb = db('postering').select(posteringColumns(db));
  const a = args.after;
  if (a && a.postingId !== undefined) {
    const id = a.postingId;
    qb.where('registreret', '>=', a.registreret).andWhere((w) => w.where('registreret', '>', a.registreret).orWhere('postering_id', '>', id));
  } else if (a) {
    qb.where('registreret', '>', a.registreret);
  }
  return qb.orderBy([{ column: 'registreret' }, { column: 'postering_id' }]).limit(args.limit);
}

/** Every posting id in the ledger (the job's disappearance check); reads only the primary key. */
export function allePosteringIds(db: Knex): Knex.QueryBuilder {
  return db('postering').select('postering_id').orderBy('postering_id');
}

/** Count and sum of posting ids, over the ledger or per block of `blok` ids (which blocks changed). */
export function posteringOptaelling(db: Knex): Knex.QueryBuilder {
  return db('postering').select(db.raw('COUNT(*) AS antal'), db.raw('SUM(CAST(postering_id AS BIGINT)) AS id_sum'));
}

export function posteringBlokke(db: Knex, blok: number): Knex.QueryBuilder {
  // the block size is written into the statement (a whole number, checked by the caller): SELECT and GROUP BY
  // must be the same expression, which two bind parameters are not
  if (!Number.isSafeInteger(blok) || blok < 1) throw new RangeError('oekonomi: blok must be a whole number ≥ 1');
  const b = `postering_id / ${blok}`;
  return db('postering')
    .select(db.raw(`${b} AS blok`), db.raw('COUNT(*) AS antal'), db.raw('SUM(CAST(postering_id AS BIGINT)) AS id_sum'))
    .groupByRaw(b);
}

export function posteringIdsMellem(db: Knex, fra: number, til: number): Knex.QueryBuilder {
  return db('postering').select('postering_id').whereBetween('postering_id', [fra, til]).orderBy('postering_id');
}

/**
 * The change marker of the reference tables the job reads (kreditor, kontrakt): count and a checksum of
 * the rows, computed by the database. PostgreSQL: the sum of a 64-bit hash of each row's text; SQL Server:
 * CHECKSUM_AGG over BINARY_CHECKSUM (32 bits: a change can collide, which the scheduled full run catches).
 */
export function referenceMarkoer(db: Knex, table: 'kreditor' | 'kontrakt'): Knex.Raw {
  return dialectOf(db) === 'mssql'
    ? db.raw(`SELECT COUNT(*) AS antal, CHECKSUM_AGG(BINARY_CHECKSUM(*)) AS h FROM ${table}`)
    : db.raw(`SELECT COUNT(*) AS antal, SUM(hashtextextended(x::text, 0)::numeric) AS h FROM ${table} x`);
}

export function alleKontrakter(db: Knex): Knex.QueryBuilder {
  return db('kontrakt').select(kontraktColumns(db)).orderBy('kontrakt_nr');
}

export function alleKreditorer(db: Knex): Knex.QueryBuilder {
  return db('kreditor').select(KREDITOR_COLUMNS).orderBy('kreditor_nr');
}

/** Liveness: the cheapest statement both engines accept. */
export function ping(db: Knex): Knex.Raw {
  return db.raw('SELECT 1 AS ok');
}
