import { describe, expect, it } from 'vitest';
import { toSqlSourceError } from '../../connectors/shared/sql-errors';
import { canonicalTimestamp, toKontoForbrugOgBudget, toKontrakt, toPostering } from '../../connectors/oekonomi/mapping';
import { SourceError } from '../../connectors/shared/source-error';

/**
 * Rows as each driver delivers them, mapped to one domain shape; and driver errors mapped to one
 * SourceError. The tedious (SQL Server) shapes are written out here because no SQL Server runs in CI:
 * DATE as a JS Date at UTC midnight, BIGINT as a string, amounts as the text our CAST produces.
 */
const tediousPostering = {
  postering_id: '9007199254740991',
  bilagsnr: 'B1',
  bilagsdato: new Date('2024-02-29T00:00:00.000Z'),
  konto: '5.38.52',
  art: '4.0',
  kreditor_nr: null,
  beloeb: '-1234.50',
  periode_fra: new Date('2024-02-01T00:00:00.000Z'),
  periode_til: new Date('2024-02-29T00:00:00.000Z'),
  cpr: '0101801234',
  tekst: 'Betaling',
  integrations_id: null,
  registreret_iso: '2024-03-01T08:15:00.1234567',
};

describe('oekonomi mapping', () => {
  it('maps a SQL Server (tedious) row: Date dates, BIGINT string, CAST amount, style-126 timestamp', () => {
    expect(toPostering(tediousPostering)).toEqual({
      id: 9007199254740991,
      bilagsnr: 'B1',
      bilagsdato: '2024-02-29',
      konto: '5.38.52',
      art: '4.0',
      kreditorNr: null,
      beloeb: '-1234.50',
      periodeFra: '2024-02-01',
      periodeTil: '2024-02-29',
      cpr: '0101801234',
      tekst: 'Betaling',
      integrationsId: null,
      registreret: '2024-03-01T08:15:00.1234567',
    });
  });

  it('maps the PostgreSQL shape of the same posting to the same value (bar the 7th fraction digit)', () => {
    const pgRow = {
      ...tediousPostering,
      postering_id: 9007199254740991,
      bilagsdato: '2024-02-29',
      periode_fra: '2024-02-01',
      periode_til: '2024-02-29',
      registreret_iso: '2024-03-01T08:15:00.123456',
    };
    expect(toPostering(pgRow)).toEqual({ ...toPostering(tediousPostering), registreret: '2024-03-01T08:15:00.123456' });
  });

  it('canonical timestamps: fraction without trailing zeros, none when zero, from any engine', () => {
    expect(canonicalTimestamp('2024-03-01T08:15:00')).toBe('2024-03-01T08:15:00');
    expect(canonicalTimestamp('2024-03-01T08:15:00.000000')).toBe('2024-03-01T08:15:00');
    expect(canonicalTimestamp('2024-03-01T08:15:00.500000')).toBe('2024-03-01T08:15:00.5');
    expect(canonicalTimestamp('2024-03-01 08:15:00.1200000')).toBe('2024-03-01T08:15:00.12');
    expect(canonicalTimestamp(new Date('2024-03-01T08:15:00.250Z'))).toBe('2024-03-01T08:15:00.25');
    expect(() => canonicalTimestamp('01-03-2024 08:15')).toThrow(TypeError);
  });

  it('refuses an amount that arrived as a binary number (an uncast DECIMAL from tedious)', () => {
    expect(() => toPostering({ ...tediousPostering, beloeb: 1234.5 })).toThrow(/moneyColumn/);
  });

  it('refuses an id beyond 2^53 rather than rounding it onto another posting', () => {
    expect(() => toPostering({ ...tediousPostering, postering_id: '9007199254740993' })).toThrow(RangeError);
  });

  it('contract amounts keep two decimals; open-ended contracts have gyldigTil null', () => {
    const k = toKontrakt({
      kontrakt_nr: 'D1',
      kreditor_nr: 'K1',
      cpr: null,
      konto: '5.38.39',
      beloeb_pr_maaned: '100.5',
      gyldig_fra: new Date('2024-01-01T00:00:00Z'),
      gyldig_til: null,
      sagsreference: null,
    });
    expect(k).toMatchObject({ beloebPrMaaned: '100.50', gyldigFra: '2024-01-01', gyldigTil: null });
  });

  it('forbrug og budget: missing budget is null, missing spending is 0.00', () => {
    expect(toKontoForbrugOgBudget({ konto: 'A', budget: null, forbrug: '10.00', antal: '3' }, 2024)).toEqual({
      konto: 'A',
      aar: 2024,
      budget: null,
      forbrug: '10.00',
      antalPosteringer: 3,
    });
    expect(toKontoForbrugOgBudget({ konto: 'B', budget: '5.00', forbrug: null, antal: 0 }, 2024)).toMatchObject({
      budget: '5.00',
      forbrug: '0.00',
      antalPosteringer: 0,
    });
  });
});

describe('oekonomi errors', () => {
  const cases: Array<[string, unknown, SourceError['code']]> = [
    [
      'tedious connection refused',
      Object.assign(new Error('Failed to connect to db:1433 - connect ECONNREFUSED'), { name: 'ConnectionError', code: 'ESOCKET' }),
      'SOURCE_UNAVAILABLE',
    ],
    ['tedious login failed', Object.assign(new Error("Login failed for user 'gw'"), { name: 'ConnectionError', code: 'ELOGIN' }), 'SOURCE_AUTH_FAILED'],
    [
      'tedious request timeout',
      Object.assign(new Error('Timeout: Request failed to complete in 15000ms'), { name: 'RequestError', code: 'ETIMEOUT' }),
      'SOURCE_TIMEOUT',
    ],
    [
      'tedious SQL error',
      Object.assign(new Error("Invalid object name 'kontrakt'."), { name: 'RequestError', code: 'EREQUEST', number: 208 }),
      'SOURCE_QUERY_FAILED',
    ],
    ['knex pool timeout', Object.assign(new Error('Knex: Timeout acquiring a connection.'), { name: 'KnexTimeoutError' }), 'SOURCE_TIMEOUT'],
    ['pg statement_timeout', Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }), 'SOURCE_TIMEOUT'],
    ['pg admin shutdown', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), 'SOURCE_UNAVAILABLE'],
    ['pg auth', Object.assign(new Error('password authentication failed for user "x"'), { code: '28P01' }), 'SOURCE_AUTH_FAILED'],
    ['pg syntax', Object.assign(new Error('select … where cpr in ($1) - syntax error'), { code: '42601' }), 'SOURCE_QUERY_FAILED'],
    ['anything else', new Error('boom'), 'SOURCE_QUERY_FAILED'],
  ];

  it.each(cases)('%s → %s, with the catalogue message and only the driver code kept', (_n, err, code) => {
    const e = toSqlSourceError('oekonomi', err);
    expect(e).toBeInstanceOf(SourceError);
    expect(e.source).toBe('oekonomi');
    expect(e.code).toBe(code);
    expect(e.message).not.toContain((err as Error).message);
    expect(e.cause).toEqual({ driverCode: (err as { code?: string }).code ?? (err as Error).name });
  });

  it('knex error text with bound values (a CPR) never reaches the SourceError', () => {
    const knexErr = Object.assign(new Error("select * from kontrakt where cpr in ('0101801234') - relation does not exist"), { code: '42P01' });
    const e = toSqlSourceError('oekonomi', knexErr);
    expect(JSON.stringify({ m: e.message, c: e.cause, s: e.stack })).not.toContain('0101801234');
  });
});
