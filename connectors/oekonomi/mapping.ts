import type { Budget, Kontrakt, Kreditor, Postering } from '../../src/domain/model';
import { toIsoDate, type IsoDate } from '../../src/domain/dates';
import { normaliseMoney, type Money } from '../../src/domain/money';
import { REGISTRERET_TEXT } from './timestamp-columns';
import type { KontoForbrug, KontoForbrugOgBudget } from './types';

/**
 * Source row → domain type. Rows differ by driver, and mapping absorbs it so callers see one shape:
 * - DATE: string on node-postgres (open.ts parser), JS Date at UTC midnight on tedious and PGlite → toIsoDate;
 * - BIGINT (postering_id) and COUNT: number on node-postgres/PGlite, string on tedious for BIGINT → Number;
 * - amounts: exact decimal strings on every engine (money-columns.ts) → normaliseMoney (two decimals);
 * - registreret: ISO text on every engine (timestamp-columns.ts) → canonical form below.
 */
type Cell = string | number | Date | null | undefined;
export type Row = Record<string, Cell>;

function str(v: Cell): string {
  if (v === null || v === undefined) throw new TypeError('oekonomi: a required column was NULL');
  return String(v);
}

function strOrNull(v: Cell): string | null {
  return v === null || v === undefined ? null : String(v);
}

function date(v: Cell): IsoDate {
  const d = toIsoDate(v as string | Date | null);
  if (d === null) throw new TypeError('oekonomi: a required date was NULL');
  return d;
}

function int(v: Cell): number {
  const n = Number(v);
  // ids are BIGINT in the source; above 2^53 a JS number would silently round to a neighbour's id
  if (!Number.isSafeInteger(n)) throw new RangeError('oekonomi: an integer column is outside the safe range');
  return n;
}

function money(v: Cell): Money {
  if (typeof v === 'number') throw new TypeError('oekonomi: an amount arrived as a binary number; select it through moneyColumn');
  return normaliseMoney(str(v));
}

/**
 * Canonical timestamp text: `YYYY-MM-DDTHH:MM:SS` plus the fraction without trailing zeros. PostgreSQL's
 * to_char gives 6 fraction digits, SQL Server's style 126 up to 7 (or none); both map to the same string
 * for the same instant, and the string sorts like the instant (so the job's watermark compares right).
 */
export function canonicalTimestamp(v: Cell): string {
  const s = str(v instanceof Date ? v.toISOString().slice(0, 23) : v).replace(' ', 'T');
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?$/.exec(s);
  if (!m) throw new TypeError('oekonomi: registreret is not an ISO timestamp');
  const frac = (m[2] ?? '').replace(/0+$/, '');
  return frac ? `${m[1]}.${frac}` : m[1]!;
}

export function toKreditor(r: Row): Kreditor {
  return {
    kreditorNr: str(r.kreditor_nr),
    navn: str(r.navn),
    cvr: strOrNull(r.cvr),
    ean: strOrNull(r.ean),
    adresse: str(r.adresse),
    postnummer: str(r.postnummer),
    bynavn: str(r.bynavn),
  };
}

export function toKontrakt(r: Row): Kontrakt {
  return {
    kontraktNr: str(r.kontrakt_nr),
    kreditorNr: str(r.kreditor_nr),
    cpr: strOrNull(r.cpr),
    konto: str(r.konto),
    beloebPrMaaned: money(r.beloeb_pr_maaned),
    gyldigFra: date(r.gyldig_fra),
    gyldigTil: toIsoDate(r.gyldig_til as string | Date | null),
    sagsreference: strOrNull(r.sagsreference),
  };
}

export function toPostering(r: Row): Postering {
  return {
    id: int(r.postering_id),
    bilagsnr: str(r.bilagsnr),
    bilagsdato: date(r.bilagsdato),
    konto: str(r.konto),
    art: str(r.art),
    kreditorNr: strOrNull(r.kreditor_nr),
    beloeb: money(r.beloeb),
    periodeFra: date(r.periode_fra),
    periodeTil: date(r.periode_til),
    cpr: strOrNull(r.cpr),
    tekst: str(r.tekst),
    integrationsId: strOrNull(r.integrations_id),
    registreret: canonicalTimestamp(r[REGISTRERET_TEXT]),
  };
}

export function toBudget(r: Row): Budget {
  return { konto: str(r.konto), aar: int(r.aar), beloeb: money(r.beloeb) };
}

export function toKontoForbrug(r: Row, aar: number): KontoForbrug {
  return {
    konto: str(r.konto),
    aar,
    maaned: r.maaned === undefined || r.maaned === null ? null : int(r.maaned),
    beloeb: money(r.beloeb),
    antalPosteringer: int(r.antal),
  };
}

export function toKontoForbrugOgBudget(r: Row, aar: number): KontoForbrugOgBudget {
  return {
    konto: str(r.konto),
    aar,
    budget: r.budget === null || r.budget === undefined ? null : money(r.budget),
    forbrug: r.forbrug === null || r.forbrug === undefined ? ('0.00' as Money) : money(r.forbrug),
    antalPosteringer: int(r.antal),
  };
}

export function toPosteringId(r: Row): number {
  return int(r.postering_id);
}
