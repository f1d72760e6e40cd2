import { dim, felt, filter } from './define';
import type { Emnedef } from './types';

/**
 * The reconciled store's subject: one row per indsats and month with the four prices and what was paid
 * (src/store/migrations/001). Money is integer øre there. The citizen (borger_id; the store holds no CPR) is
 * on the month row itself (migration 006), so distinct citizens per group need no join.
 */
/**
 * The store's months plus the postings left TVETYDIG (several indsatser fit equally; src/reconcile rules):
 * such a posting is counted in a group when ALL its candidate indsatser fall in it — each dimension takes the
 * candidates' common value, or null when they differ — so a provider's, paragraph's or account's faktisk
 * is not short by money that is certainly its own; `uafklaret_oere` says how much of a group is such money.
 * Both branches give every column the same type (the casts): PostgreSQL then scans the months' branch in
 * place instead of projecting all sixteen columns of ~420,000 rows a year through a subquery first.
 */
const MAANEDER_OG_TVETYDIGE = `(select m.indsats_id, m.maaned, m.paragraf, m.leverandoer_id, m.konto, m.team_id, m.dage, m.forventet_oere,
    m.kontrakt_fagsystem_oere, m.kontrakt_oekonomi_oere, m.takst_oere, m.faktisk_oere, m.antal_posteringer, cast(0 as bigint) as uafklaret_oere,
    0 as antal_uafklarede, m.borger_id
  from indsats_maaned m
  union all
  select cast(null as int), a.maaned, k.paragraf, k.leverandoer_id, k.konto, k.team_id, cast(0 as smallint), cast(null as bigint), cast(null as bigint),
    cast(null as bigint), cast(null as bigint), a.beloeb_oere, 1, a.beloeb_oere, 1, a.borger_id
  from afvigelse a cross join lateral (
    select case when count(distinct ia.paragraf) = 1 then min(ia.paragraf) end as paragraf,
      case when count(distinct ia.leverandoer_id) = 1 then min(ia.leverandoer_id) end as leverandoer_id,
      case when count(distinct ia.konto) = 1 then min(ia.konto) end as konto,
      case when count(distinct ia.team_id) = 1 then min(ia.team_id) end as team_id
    from jsonb_array_elements_text(coalesce(a.detaljer -> 'kandidatIndsatser', '[]'::jsonb)) c(id)
    join indsats_afstemning ia on ia.indsats_id = cast(c.id as int)) k
  where a.art = 'POSTERING_TVETYDIG') im`;

export const INDSATSMAANED: Emnedef = {
  ejer: 'store',
  beskrivelse: 'Reconciled indsats-months: forventet, kontrakt (both truths), takst and faktisk per indsats and month of service',
  fra: MAANEDER_OG_TVETYDIGE,
  noegle: "im.indsats_id || '|' || im.maaned",
  borger: 'im.borger_id',
  team: 'im.team_id',
  tid: { art: 'dato', kolonne: 'im.maaned', maanedsstart: true },
  dimensioner: {
    PARAGRAF: dim('im.paragraf', 'VUM 2.0 ID 66'),
    LEVERANDOER: dim('im.leverandoer_id', 'VUM 2.0 ID 69'),
    KONTO: dim('im.konto', 'VUM 2.0 ID 37'),
    TEAM: dim('im.team_id', "the case's team"),
  },
  felter: {
    BORGER: felt('im.borger_id', 'id'),
    INDSATS: felt('im.indsats_id', 'id'),
    FORVENTET: felt('im.forventet_oere', 'oere'),
    KONTRAKT: felt('case when im.dage > 0 then coalesce(im.kontrakt_oekonomi_oere, im.kontrakt_fagsystem_oere) end', 'oere'),
    KONTRAKT_FAGSYSTEM: felt('im.kontrakt_fagsystem_oere', 'oere'),
    KONTRAKT_OEKONOMI: felt('im.kontrakt_oekonomi_oere', 'oere'),
    TAKST: felt('im.takst_oere', 'oere'),
    FAKTISK: felt('im.faktisk_oere', 'oere'),
    POSTERING: felt('im.antal_posteringer', 'tal'),
    // ambiguous postings counted in the group (all their candidates fall in it): part of FAKTISK
    UAFKLARET: felt('im.uafklaret_oere', 'oere'),
  },
  joins: {},
  filtre: {
    paragraffer: filter('im.paragraf'),
    leverandoerer: filter('im.leverandoer_id'),
    konti: filter('im.konto'),
    teams: filter('im.team_id'),
  },
};
