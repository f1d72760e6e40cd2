import { KATALOG, type Emnedef } from '../catalogue';
import { INDSATS_SLUT, INDSATS_START } from '../catalogue/fagsystem';
import { Sql } from '../planner/sql';
import { where } from '../planner/plan';
import type { AnalyseFilterSpec, PlanContext } from '../planner/types';
import type { FieldClass } from '../../access/policy';

/**
 * Row datasets that can be exported (the connections of the schema, flattened): the SQL, read through a
 * database cursor in key order (so an interrupted download resumes with `efter=<last key>`), and each
 * column's privacy class. `borger` is the citizen: CPR for roles that see it, else the role's pseudonym.
 */
export interface Kolonne {
  navn: string;
  /** personal-data class (src/access/policy FIELD classes); absent = not personal */
  klasse?: FieldClass;
  /** an amount (DKK): written with a decimal comma when asked */
  penge?: boolean;
}

export interface Datasaet {
  navn: string;
  ejer: 'fagsystem' | 'oekonomi';
  kolonner: Kolonne[];
  /** the column holding the citizen's CPR (logged per citizen, shown as CPR or pseudonym) */
  borger: string | null;
  noegle: string;
  sql(filter: AnalyseFilterSpec, ctx: PlanContext, efter: number | null): Sql;
}

const days = (ctx: PlanContext, f: AnalyseFilterSpec) => ({ ref: f.referencedato ?? ctx.idag, idag: ctx.idag });

const INDSATSER: Datasaet = {
  navn: 'indsatser',
  ejer: 'fagsystem',
  noegle: 'indsats_id',
  borger: 'borger',
  kolonner: [
    { navn: 'indsats_id' },
    { navn: 'sagsnummer' },
    { navn: 'borger', klasse: 'cpr' },
    { navn: 'paragraf' },
    { navn: 'tilbudstype' },
    { navn: 'status' },
    { navn: 'leverandoer_id' },
    { navn: 'team_id' },
    { navn: 'start' },
    { navn: 'slut' },
    { navn: 'forventet_start' },
    { navn: 'forventet_slut' },
    { navn: 'enhedspris', penge: true },
    { navn: 'kontonummer' },
  ],
  sql(f, ctx, efter) {
    const sql = new Sql(days(ctx, f));
    sql.add(`select i.indsats_id, s.sagsnummer, b.cpr as borger, i.paragraf, i.tilbudstype, i.status, i.leverandoer_id, s.team_id,
      ${INDSATS_START} as start, ${INDSATS_SLUT} as slut, i.forventet_start, i.forventet_slut, cast(i.enhedspris as text) as enhedspris, i.kontonummer
      from indsats i join sag s on s.sag_id = i.sag_id join borger b on b.borger_id = s.borger_id where 1 = 1`);
    if (efter !== null) sql.add('and i.indsats_id > ?', efter);
    where(sql, KATALOG.INDSATS, { emne: 'INDSATS', maal: [], grupperPaa: [], filter: f }, ctx, ctx.idag);
    return sql.add('order by i.indsats_id');
  },
};

const POSTERINGER: Datasaet = {
  navn: 'posteringer',
  ejer: 'oekonomi',
  noegle: 'postering_id',
  borger: 'borger',
  kolonner: [
    { navn: 'postering_id' },
    { navn: 'bilagsnr' },
    { navn: 'bilagsdato' },
    { navn: 'konto' },
    { navn: 'art' },
    { navn: 'kreditor_nr' },
    { navn: 'beloeb', penge: true },
    { navn: 'periode_fra' },
    { navn: 'periode_til' },
    { navn: 'borger', klasse: 'cpr' },
    { navn: 'tekst', klasse: 'fritekst' },
  ],
  sql(f, ctx, efter) {
    const sql = new Sql(days(ctx, f));
    const def: Emnedef = KATALOG.POSTERING;
    // dates as text on both engines (SQL Server's driver would make them JavaScript Dates)
    const d = (c: string) => (ctx.dialect === 'mssql' ? `convert(varchar(10), p.${c}, 23)` : `cast(p.${c} as text)`);
    sql.add(`select p.postering_id, p.bilagsnr, ${d('bilagsdato')} as bilagsdato, p.konto, p.art, p.kreditor_nr, cast(p.beloeb as varchar(40)) as beloeb,
      ${d('periode_fra')} as periode_fra, ${d('periode_til')} as periode_til, p.cpr as borger, p.tekst from postering p where 1 = 1`);
    if (efter !== null) sql.add('and p.postering_id > ?', efter);
    where(sql, def, { emne: 'POSTERING', maal: [], grupperPaa: [], filter: f }, ctx, ctx.idag);
    return sql.add('order by p.postering_id');
  },
};

export const DATASAET: Readonly<Record<string, Datasaet>> = { indsatser: INDSATSER, posteringer: POSTERINGER };
