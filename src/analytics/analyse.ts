import { KATALOG } from './catalogue';
import { planAnalyse } from './planner/plan';
import type { AnalyseSpec } from './planner/types';
import { suppress } from './suppression';
import { dimensionsvaerdi } from './labels';
import type { Analysegruppe, Analyseresultat } from './types';
import type { AnalyticsRequestContext } from './context';

const KILDE = { fagsystem: 'FAGSYSTEM', oekonomi: 'OEKONOMI', store: 'GATEWAY' } as const;

/**
 * Answers one aggregate question: plan → one statement in the owning database → small-cell suppression →
 * one access-log row → the groups. Nothing is computed over rows here; the database returns the groups.
 */
export async function runAnalyse(c: AnalyticsRequestContext, spec: AnalyseSpec, emneNavn?: string): Promise<Analyseresultat> {
  const def = KATALOG[spec.emne];
  const source = c.sources[def.ejer];
  const enhedTeams = def.ejer !== 'fagsystem' && c.scope.enhedIds !== null ? await c.enhedTeams() : undefined;
  const plan = planAnalyse(spec, { idag: c.today, scope: c.scope, enhedTeams, taelBorgere: c.suppression.applies, dialect: source.dialect });
  const rows = await source.rows(plan.sql, plan.bindings);
  const toGruppe = (r: Record<string, unknown>): Analysegruppe => ({
    dimensioner: plan.dimensioner.map((d, k) => dimensionsvaerdi(d, r[`d${k}`])),
    vaerdier: plan.maal.map((_, k) => (r[`m${k}`] === null || r[`m${k}`] === undefined ? null : String(r[`m${k}`]))),
    antalBorgere: r.n_borgere === undefined || r.n_borgere === null ? null : Number(r.n_borgere),
    undertrykt: false,
  });
  const grouped = plan.dimensioner.length > 0;
  const totalRow = grouped ? rows.find((r) => Number(r.total) === 1) : rows[0];
  const groupRows = grouped ? rows.filter((r) => Number(r.total) !== 1) : [];
  const antalGrupper = rows.length ? Number(rows[0]!.antal_raekker) - (grouped ? 1 : 0) : 0;
  const grupper = groupRows.slice(0, plan.graense).map(toGruppe);
  const iAlt = totalRow ? toGruppe(totalRow) : { dimensioner: [], vaerdier: plan.maal.map(() => null), antalBorgere: 0, undertrykt: false };
  const antalUndertrykte = c.suppression.applies ? suppress(grupper, iAlt, c.suppression.graense) : 0;
  const result: Analyseresultat = {
    emne: emneNavn ?? spec.emne,
    kilde: KILDE[def.ejer],
    grupperPaa: [...plan.dimensioner],
    maal: [...plan.maal],
    grupper,
    iAlt: { ...iAlt, dimensioner: [] },
    antalGrupper,
    afkortet: antalGrupper > grupper.length,
    undertrykkelse: c.suppression.describe(antalUndertrykte),
  };
  await c.log({
    emne: result.emne,
    kilde: result.kilde,
    antalGrupper: grupper.length,
    antalBorgere: totalRow?.n_borgere == null ? null : Number(totalRow.n_borgere),
    antalUndertrykte,
  });
  return result;
}
