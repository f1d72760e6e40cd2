import type { AggregateSource } from '../../../connectors/shared/aggregate-source';
import { FORVENTET_PR_MAANED, INDSATS_SLUT, INDSATS_START } from '../catalogue/fagsystem';
import { Sql } from '../planner/sql';

/**
 * The statements of budget follow-up (seed 004 "budgetopfølgning", "Prognose"). The economy ones are
 * portable SQL (SQL Server in production): GROUPING SETS, CAST(… AS VARCHAR) for exact amounts on both.
 */
const money = (e: string) => `cast(${e} as varchar(40))`;

/** Forbrug per konto, per konto × artskonto and per konto × month, Jan 1 … the end of tilMaaned, in one scan. */
export function forbrugSql(src: AggregateSource, aar: number, tilDato: string, konti?: readonly string[]) {
  const month = src.dialect === 'mssql' ? 'month(p.bilagsdato)' : 'cast(extract(month from p.bilagsdato) as int)';
  const sql = new Sql({ ref: tilDato, idag: tilDato });
  sql.add(
    `select x.konto, x.art, x.maaned, ${money('sum(x.beloeb)')} as forbrug, count(*) as antal, grouping(x.art) as uden_art, grouping(x.maaned) as uden_maaned
    from (select p.konto, p.art, ${month} as maaned, p.beloeb from postering p where p.bilagsdato >= ? and p.bilagsdato <= ?`,
    `${aar}-01-01`,
    tilDato,
  );
  if (konti) sql.add('and').inList('p.konto', konti);
  sql.add(') x group by grouping sets ((x.konto), (x.konto, x.art), (x.konto, x.maaned))');
  return sql;
}

/** The year's budget per konto and the corrections dated up to tilDato (korrigeret budget). */
export function budgetSql(aar: number, tilDato: string, konti?: readonly string[]) {
  const sql = new Sql({ ref: tilDato, idag: tilDato });
  sql.add(
    `select kt.konto, kt.tekst, ${money('b.beloeb')} as budget,
    ${money('(select sum(k.beloeb) from budget_korrektion k where k.konto = kt.konto and k.aar = ? and k.dato <= ?)')} as korrektioner
    from konto kt left join budget b on b.konto = kt.konto and b.aar = ? where 1 = 1`,
    aar,
    tilDato,
    aar,
  );
  if (konti) sql.add('and').inList('kt.konto', konti);
  return sql;
}

/**
 * Fremskrivning (VUM 2.0 ID 51/52 "indgår i fremskrivninger indtil den afløses af kontraktpris"): for every
 * indsats at a provider settled per citizen that runs after `fra`, the kontraktpris of its bestilling
 * (else the expected price per month) × the days it runs from `fra` to the year's end × 12/365, rounded to
 * the øre per indsats; per konto. Internal units financed by budget are paid by transfers, not per indsats.
 */
export function fremskrivningSql(aar: number, fra: string, konti?: readonly string[]) {
  const slut = `${aar}-12-31`;
  const sql = new Sql({ ref: fra, idag: fra });
  const from = `greatest(${INDSATS_START}, cast(? as date))`;
  sql.add(
    `select x.konto, cast(sum(round(x.pris * (x.til - x.fra + 1) * 12 / 365, 2)) as text) as fremskrivning, count(*) as antal
    from (select i.kontonummer as konto, ${from} as fra, least(coalesce(${INDSATS_SLUT}, cast(? as date)), cast(? as date)) as til,
      coalesce(kp.pris, ${FORVENTET_PR_MAANED}) as pris
      from indsats i join leverandoer l on l.leverandoer_id = i.leverandoer_id and l.afregnes_pr_borger
      left join lateral (select kb.kontraktpris_pr_maaned as pris from bestilling kb where kb.indsats_id = i.indsats_id
        and kb.gyldig_fra <= ${from} and (kb.gyldig_til is null or kb.gyldig_til >= ${from})
        order by kb.gyldig_fra desc, kb.bestilling_id desc limit 1) kp on true
      where ${INDSATS_START} <= cast(? as date) and ((${INDSATS_SLUT}) is null or (${INDSATS_SLUT}) >= cast(? as date))`,
    fra,
    slut,
    slut,
    fra,
    fra,
    slut,
    fra,
  );
  if (konti) sql.add('and').inList('i.kontonummer', konti);
  sql.add(') x group by x.konto');
  return sql;
}
