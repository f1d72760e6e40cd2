import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { checkCpr } from '../domain/identifiers/cpr';
import { cvrError } from '../domain/identifiers/cvr';
import { pnummerError } from '../domain/identifiers/pnummer';
import { eanError } from '../domain/identifiers/ean';
import { isoDateError } from '../domain/dates';
import { moneyError, normaliseMoney } from '../domain/money';

/**
 * Custom scalars validate on the way in (literals and variables alike), so a malformed CPR, CVR or date is
 * a GraphQL validation error naming the type — before any resolver or source is touched. Error messages
 * never echo the value (a CPR is personal data).
 */
function stringScalar(opts: { name: string; description: string; check: (v: string) => string | null; normalise?: (v: string) => string }) {
  const parse = (value: unknown): string => {
    if (typeof value !== 'string') throw new TypeError(`${opts.name} must be a string`);
    const v = value.trim();
    const err = opts.check(v);
    if (err) throw new TypeError(`${opts.name}: ${err}`);
    return opts.normalise ? opts.normalise(v) : v;
  };
  return new GraphQLScalarType({
    name: opts.name,
    description: opts.description,
    serialize: (v) => String(v),
    parseValue: parse,
    parseLiteral(ast: ValueNode) {
      if (ast.kind !== Kind.STRING) throw new TypeError(`${opts.name} must be given as a string`);
      return parse(ast.value);
    },
  });
}

export const CprScalar = stringScalar({
  name: 'CPR',
  description: 'CPR number, DDMMYY-SSSS or DDMMYYSSSS',
  check: (v) => checkCpr(v).error,
  normalise: (v) => checkCpr(v).cpr!,
});
export const CvrScalar = stringScalar({ name: 'CVR', description: 'CVR number', check: cvrError });
export const PNummerScalar = stringScalar({ name: 'PNummer', description: 'P-nummer', check: pnummerError });
export const EanScalar = stringScalar({ name: 'EAN', description: 'EAN/GLN number', check: eanError });
export const DateScalar = stringScalar({ name: 'Date', description: 'ISO date YYYY-MM-DD', check: isoDateError });
export const DateTimeScalar = stringScalar({
  name: 'DateTime',
  description: 'ISO 8601 timestamp',
  check: (v) => (Number.isNaN(Date.parse(v)) ? 'not an ISO 8601 timestamp' : null),
});
export const MoneyScalar = new GraphQLScalarType({
  name: 'Money',
  description: 'DKK as an exact decimal string',
  serialize: (v) => normaliseMoney(v as string),
  parseValue: (v) => {
    if (typeof v !== 'string') throw new TypeError('Money is given as a decimal string, e.g. "1234.50", never a float');
    const err = moneyError(v);
    if (err) throw new TypeError(`Money: ${err}`);
    return normaliseMoney(v);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new TypeError('Money is given as a decimal string, e.g. "1234.50", never a float');
    const err = moneyError(ast.value);
    if (err) throw new TypeError(`Money: ${err}`);
    return normaliseMoney(ast.value);
  },
});

export const scalarResolvers = {
  CPR: CprScalar,
  CVR: CvrScalar,
  PNummer: PNummerScalar,
  EAN: EanScalar,
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Money: MoneyScalar,
};
