import { DIMENSIONER, EMNER, FELTER, FUNKTIONER, type Dimension, type Emne, type Felt, type Funktion } from '../catalogue';
import { analyseFilter, type AnalyseFilterInput } from '../input';
import type { AnalyseSpec } from '../planner/types';
import type { Format } from './writers';
import { ExportError, type ExportRequest } from './run';

/**
 * `/export/<datasæt>.<csv|ndjson>?filter=<JSON>&decimal=komma&efter=<key>` and, for aggregates,
 * `/export/analyse.csv?q=<JSON of the analyse arguments>`: the same inputs as GraphQL, as URL parameters
 * (Power BI's and Excel's web connectors can only GET a URL with headers).
 */
const bad = (argument: string, message: string) => new ExportError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });

function json(value: unknown, argument: string): unknown {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw bad(argument, `"${argument}" must be given once, as JSON`);
  try {
    return JSON.parse(value);
  } catch {
    throw bad(argument, `"${argument}" is not valid JSON`);
  }
}

function oneOf<T extends string>(list: readonly T[], v: unknown, argument: string): T {
  if (typeof v !== 'string' || !(list as readonly string[]).includes(v)) throw bad(argument, `"${argument}" must be one of ${list.join(', ')}`);
  return v as T;
}

export function parseExport(navn: string, query: Record<string, unknown>): ExportRequest {
  const m = /^([a-z]+)\.(csv|ndjson)$/.exec(navn);
  if (!m) throw bad('datasaet', 'The export is named <datasæt>.csv or <datasæt>.ndjson');
  const decimal = query.decimal;
  if (decimal !== undefined && decimal !== 'komma' && decimal !== 'punktum') throw bad('decimal', '"decimal" is komma or punktum');
  const efterText = query.efter;
  let efter: number | null = null;
  if (efterText !== undefined) {
    efter = Number(efterText);
    if (typeof efterText !== 'string' || !Number.isSafeInteger(efter) || efter < 0) throw bad('efter', '"efter" is the last key received (a whole number)');
  }
  const filterJson = json(query.filter, 'filter');
  if (filterJson !== undefined && (typeof filterJson !== 'object' || filterJson === null || Array.isArray(filterJson)))
    throw bad('filter', '"filter" is a JSON object (the GraphQL filter input)');
  const r: ExportRequest = {
    datasaet: m[1]!,
    format: m[2] as Format,
    decimalKomma: decimal === 'komma',
    filter: analyseFilter(filterJson as AnalyseFilterInput | undefined),
    efter,
  };
  if (r.datasaet === 'analyse') r.analyse = parseAnalyse(json(query.q, 'q'));
  return r;
}

function parseAnalyse(q: unknown): AnalyseSpec {
  if (!q || typeof q !== 'object' || Array.isArray(q)) throw bad('q', '"q" is a JSON object: {"emne": …, "maal": […], "grupperPaa": […], "filter": {…}}');
  const o = q as Record<string, unknown>;
  if (!Array.isArray(o.maal)) throw bad('q.maal', '"q.maal" is a list of {"funktion", "felt"}');
  return {
    emne: oneOf<Emne>(EMNER, o.emne, 'q.emne'),
    maal: o.maal.map((x: unknown, k: number) => {
      const mm = (x ?? {}) as Record<string, unknown>;
      return {
        funktion: oneOf<Funktion>(FUNKTIONER, mm.funktion, `q.maal[${k}].funktion`),
        felt: mm.felt == null ? null : oneOf<Felt>(FELTER, mm.felt, `q.maal[${k}].felt`),
      };
    }),
    grupperPaa: Array.isArray(o.grupperPaa) ? o.grupperPaa.map((d: unknown, k: number) => oneOf<Dimension>(DIMENSIONER, d, `q.grupperPaa[${k}]`)) : [],
    filter: analyseFilter(o.filter as AnalyseFilterInput | undefined, 'q.filter'),
    foerste: typeof o.foerste === 'number' ? o.foerste : null,
  };
}
