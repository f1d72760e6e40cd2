import { dim, felt, filter } from './define';
import type { DimDef, Emnedef } from './types';

/**
 * The fagsystem's subjects (PostgreSQL). Aliases: i indsats, s sag, o opfølgning, m indsatsmål,
 * v funktionsevnevurdering. `:ref` is the reference day of "state at" dimensions (målgruppe, støttebehov,
 * alder, current kontraktpris): the end of the filter's periode, else today. `:idag` is today.
 * Every dimension names the VUM 2.0 ID it carries (seed 000).
 */

/** INDSATS start and end by actual dates where known (VUM 2.0 ID 75 before ID 39; ID 40/41 only before delivery began). */
export const startOf = (a: string) => `coalesce(${a}.faktisk_start, ${a}.forventet_start)`;
export const slutOf = (a: string) =>
  `case when ${a}.faktisk_slut is not null then ${a}.faktisk_slut when ${a}.faktisk_start is not null then null else ${a}.forventet_slut end`;
export const INDSATS_START = startOf('i');
export const INDSATS_SLUT = slutOf('i');

/** Birth date from the CPR number (century from digit 7, as src/domain/identifiers/cpr), age at :ref. */
const ALDER_JOIN = `join borger b on b.borger_id = s.borger_id
  cross join lateral (select date_part('year', age(cast(:ref as date), make_date(
    (case when substr(b.cpr, 7, 1) in ('0','1','2','3') then 1900
          when substr(b.cpr, 7, 1) in ('4','9') then case when cast(substr(b.cpr, 5, 2) as int) <= 36 then 2000 else 1900 end
          else case when cast(substr(b.cpr, 5, 2) as int) <= 57 then 2000 else 1800 end end) + cast(substr(b.cpr, 5, 2) as int),
    cast(substr(b.cpr, 3, 2) as int), cast(substr(b.cpr, 1, 2) as int))))::int as alder) fd`;

/** VUM 2.0 ID 23 Aldersgruppe, in the bands Danmarks Statistik uses for adults. */
const ALDERSGRUPPE = `case when fd.alder < 18 then 'UNDER_18' when fd.alder < 25 then '18-24' when fd.alder < 35 then '25-34'
  when fd.alder < 45 then '35-44' when fd.alder < 55 then '45-54' when fd.alder < 65 then '55-64' else '65_OG_OVER' end`;

/** Membership of a målgruppe active on :ref (VUM 2.0 ID 60); a citizen in two målgrupper counts in both. */
const MAALGRUPPE_JOIN = `join borger_maalgruppe bm on bm.borger_id = s.borger_id and bm.fra_dato <= cast(:ref as date)
  and (bm.til_dato is null or bm.til_dato >= cast(:ref as date))`;

/** The latest støttebehov assessed on or before :ref (VUM 2.0 ID 59/83). */
const STOETTEBEHOV_JOIN = `left join lateral (select sb.niveau from stoettebehov sb where sb.borger_id = s.borger_id
  and sb.vurderingsdato <= cast(:ref as date) order by sb.vurderingsdato desc, sb.stoettebehov_id desc limit 1) sb on true`;

/** The bestilling's kontraktpris valid on :ref (VUM 2.0 ID 68). */
const KONTRAKTPRIS_JOIN = `left join lateral (select kb.kontraktpris_pr_maaned as pris from bestilling kb where kb.indsats_id = i.indsats_id
  and kb.gyldig_fra <= cast(:ref as date) and (kb.gyldig_til is null or kb.gyldig_til >= cast(:ref as date))
  order by kb.gyldig_fra desc, kb.bestilling_id desc limit 1) kp on true`;

/** VUM 2.0 ID 51: units per period × periods per month (weekly: 52/12) × enhedspris, to the øre. */
export const FORVENTET_PR_MAANED = `round(case when i.ydelsesfrekvens = 'UGE' then i.antal_enheder * i.enhedspris * 52 / 12 else i.antal_enheder * i.enhedspris end, 2)`;

const SAG_DIMENSIONER: Record<string, DimDef> = {
  HANDLEKOMMUNE: dim('s.handlekommune', 'VUM 2.0 ID 19 handlekommune (kommunekode)'),
  BETALINGSKOMMUNE: dim('s.betalingskommune', 'VUM 2.0 ID 20 betalingskommune (kommunekode)'),
  TEAM: dim('s.team_id', "the case's team"),
  SAGSBEHANDLER: dim('s.sagsbehandler_id', "the case's caseworker (caseload, VUM 2.0 ID 22)"),
  MAALGRUPPE: dim('bm.maalgruppe_kode', 'VUM 2.0 ID 60 målgruppe on the reference day', ['maalgruppe']),
  STOETTEBEHOV: dim("coalesce(sb.niveau, 'IKKE_VURDERET')", 'VUM 2.0 ID 59 latest støttebehov on the reference day', ['stoettebehov']),
  ALDERSGRUPPE: dim(ALDERSGRUPPE, 'VUM 2.0 ID 23 age band on the reference day', ['alder']),
};

const SAG_JOINS = { maalgruppe: MAALGRUPPE_JOIN, stoettebehov: STOETTEBEHOV_JOIN, alder: ALDER_JOIN };
/** The subjects reached through an indsats (alias i) also join its ydelser (VUM 2.0 ID 35). */
const INDSATS_JOINS = { ...SAG_JOINS, ydelse: 'join ydelse y on y.indsats_id = i.indsats_id' };

/** Every fagsystem subject is reached through its case (alias s): the citizen and the team are the case's. */
const GENNEM_SAG = { ejer: 'fagsystem', borger: 's.borger_id', team: 's.team_id' } as const;
const BORGER = felt('s.borger_id', 'id');
const INDSATS_ID = felt('i.indsats_id', 'id');

const SAG_FILTRE = {
  teams: filter('s.team_id'),
  sagsbehandlere: filter('s.sagsbehandler_id'),
  handlekommuner: filter('s.handlekommune'),
  maalgrupper: filter('maalgruppe'),
} as const;

const INDSATS_DIMENSIONER: Record<string, DimDef> = {
  PARAGRAF: dim('i.paragraf', 'VUM 2.0 ID 66 bevillingsparagraf'),
  TILBUDSTYPE: dim('i.tilbudstype', 'VUM 2.0 ID 36 FFB tilbudstype'),
  YDELSE: dim('y.ydelseskode', 'VUM 2.0 ID 35 FFB ydelse (an indsats with several ydelser counts under each)', ['ydelse']),
  LEVERANDOER: dim('i.leverandoer_id', 'VUM 2.0 ID 69 udfører'),
  STATUS: dim('i.status', 'BEVILGET, AKTIV or AFSLUTTET'),
  KONTO: dim('i.kontonummer', 'VUM 2.0 ID 37 kontonummer'),
  ...SAG_DIMENSIONER,
};

export const INDSATS: Emnedef = {
  ...GENNEM_SAG,
  beskrivelse: 'Indsatser (VUM 2.0 ID 35–52, 75), with their case; time = the months an indsats was active',
  fra: 'indsats i join sag s on s.sag_id = i.sag_id',
  noegle: 'i.indsats_id',
  tid: { art: 'aktiv', start: INDSATS_START, slut: INDSATS_SLUT },
  dimensioner: INDSATS_DIMENSIONER,
  felter: {
    BORGER,
    SAG: felt('s.sag_id', 'id'),
    INDSATS: INDSATS_ID,
    FORVENTET_PRIS_PR_MAANED: felt(FORVENTET_PR_MAANED, 'penge'),
    KONTRAKTPRIS_PR_MAANED: felt('kp.pris', 'penge', ['kontraktpris']),
    // days delivered so far: from the actual start to the actual end or the reference day (VUM 2.0 ID 50)
    VARIGHED_DAGE: felt(
      `case when i.faktisk_start is null then null else least(coalesce(i.faktisk_slut, cast(:ref as date)), cast(:ref as date)) - i.faktisk_start + 1 end`,
      'dage',
    ),
  },
  joins: { ...INDSATS_JOINS, kontraktpris: KONTRAKTPRIS_JOIN },
  filtre: {
    ...SAG_FILTRE,
    paragraffer: filter('i.paragraf'),
    tilbudstyper: filter('i.tilbudstype'),
    status: filter('i.status'),
    leverandoerer: filter('i.leverandoer_id'),
    konti: filter('i.kontonummer'),
  },
};

export const SAG: Emnedef = {
  ...GENNEM_SAG,
  beskrivelse: 'Sager (VUM 2.0 ID 1–28); time = the day the case was opened (ID 1)',
  fra: 'sag s',
  noegle: 's.sag_id',
  tid: { art: 'dato', kolonne: 's.sag_aabnet' },
  dimensioner: {
    ...SAG_DIMENSIONER,
    STATUS: dim('s.status', 'AABEN or LUKKET'),
    HENVENDELSESTYPE: dim('s.henvendelsestype', 'VUM 2.0 ID 2'),
  },
  felter: {
    BORGER,
    SAG: felt('s.sag_id', 'id'),
    // sagsbehandlingstid between the VUM phase dates (ID 1 → 25 → 28 → afgørelse)
    DAGE_TIL_SAGSOPLYSNING: felt('s.sagsoplysning_start - s.sag_aabnet', 'dage'),
    DAGE_TIL_SAGSVURDERING: felt('s.sagsvurdering_start - s.sagsoplysning_start', 'dage'),
    DAGE_TIL_AFGOERELSE: felt('af.foerste - s.sag_aabnet', 'dage', ['afgoerelse']),
  },
  joins: { ...SAG_JOINS, afgoerelse: 'left join lateral (select min(a.afgoerelsesdato) as foerste from afgoerelse a where a.sag_id = s.sag_id) af on true' },
  filtre: { ...SAG_FILTRE, status: filter('s.status') },
};

/** VUM 2.0 ID 67/76: on time (done by the planned day), late, overdue (not done, planned day passed), not due. */
export const RETTIDIGHED = `case when o.udfoert_dato is not null and o.udfoert_dato <= o.planlagt_dato then 'RETTIDIG'
  when o.udfoert_dato is not null then 'FOR_SENT' when o.planlagt_dato < cast(:idag as date) then 'OVERSKREDET' else 'IKKE_FORFALDEN' end`;

export const OPFOELGNING: Emnedef = {
  ...GENNEM_SAG,
  beskrivelse: 'Opfølgninger (VUM 2.0 ID 67, 74–84) with their indsats and case; time = the planned day',
  fra: 'opfoelgning o join indsats i on i.indsats_id = o.indsats_id join sag s on s.sag_id = i.sag_id',
  noegle: 'o.opfoelgning_id',
  tid: { art: 'dato', kolonne: 'o.planlagt_dato' },
  dimensioner: {
    ...INDSATS_DIMENSIONER,
    SAGSBEHANDLER: dim('o.sagsbehandler_id', 'the caseworker responsible for the follow-up'),
    OPFOELGNINGSTYPE: dim('o.opfoelgningstype', 'VUM 2.0 ID 77'),
    RETTIDIGHED: dim(RETTIDIGHED, 'rettidig opfølgning: RETTIDIG, FOR_SENT, OVERSKREDET, IKKE_FORFALDEN'),
  },
  felter: {
    BORGER,
    OPFOELGNING: felt('o.opfoelgning_id', 'id'),
    INDSATS: INDSATS_ID,
    DAGE_FOR_SENT: felt(
      `case when o.udfoert_dato is not null then greatest(o.udfoert_dato - o.planlagt_dato, 0)
        when o.planlagt_dato < cast(:idag as date) then cast(:idag as date) - o.planlagt_dato else null end`,
      'dage',
    ),
    MAGTANVENDELSER: felt('o.magtanvendelser', 'tal'),
    TRIVSEL: felt('o.trivsel', 'tal'),
  },
  joins: INDSATS_JOINS,
  filtre: {
    ...SAG_FILTRE,
    sagsbehandlere: filter('o.sagsbehandler_id'),
    paragraffer: filter('i.paragraf'),
    status: filter('i.status'),
    leverandoerer: filter('i.leverandoer_id'),
    opfoelgningstyper: filter('o.opfoelgningstype'),
  },
};

export const INDSATSMAAL: Emnedef = {
  ...GENNEM_SAG,
  beskrivelse: 'Indsatsmål / delmål (VUM 2.0 ID 29–31) with their indsats and case; time = the day a goal was set',
  fra: 'indsatsmaal m join indsats i on i.indsats_id = m.indsats_id join sag s on s.sag_id = i.sag_id',
  noegle: 'm.indsatsmaal_id',
  tid: { art: 'dato', kolonne: 'm.oprettet' },
  dimensioner: {
    ...INDSATS_DIMENSIONER,
    STATUS: dim('m.status', "the goal's status: AKTIV, OPFYLDT, DELVIST_OPFYLDT, IKKE_OPFYLDT"),
    TEMA: dim('m.tema', 'VUM 2.0 ID 30 primary udredningstema'),
    MAALTYPE: dim('m.maaltype', 'VUM 2.0 ID 29'),
  },
  felter: {
    BORGER,
    INDSATSMAAL: felt('m.indsatsmaal_id', 'id'),
    INDSATS: INDSATS_ID,
    NIVEAU: felt('m.forventet_niveau', 'tal'),
  },
  joins: INDSATS_JOINS,
  filtre: { ...SAG_FILTRE, paragraffer: filter('i.paragraf'), status: filter('m.status'), temaer: filter('m.tema') },
};

export const FUNKTIONSEVNEVURDERING: Emnedef = {
  ...GENNEM_SAG,
  beskrivelse: 'VUM-vurderinger: one row per undertema assessed (VUM 2.0 ID 26–27) with the case; time = the assessment day',
  fra: 'funktionsevnevurdering v join sag s on s.sag_id = v.sag_id',
  noegle: 'v.vurdering_id',
  borger: 'v.borger_id',
  tid: { art: 'dato', kolonne: 'v.vurderingsdato' },
  dimensioner: {
    ...SAG_DIMENSIONER,
    TEMA: dim('v.tema', 'VUM 2.0 ID 26 tema'),
    FUNKTIONSEVNENIVEAU: dim("coalesce(cast(v.niveau as text), 'IKKE_VURDERET')", 'VUM 2.0 ID 27 niveau 0–4'),
  },
  felter: {
    BORGER: felt('v.borger_id', 'id'),
    SAG: felt('s.sag_id', 'id'),
    VURDERING: felt('v.vurdering_id', 'id'),
    NIVEAU: felt('v.niveau', 'tal'),
  },
  joins: SAG_JOINS,
  filtre: { ...SAG_FILTRE, temaer: filter('v.tema') },
};

/** Paragraphs that overlap § 85 support (seed 003: "potentielt overlappende ydelser"): housing with staff already includes it. */
export const OVERLAP_MED_SEL85 = ['ABL105', 'SEL107', 'SEL108'] as const;

/**
 * Pairs of a citizen's § 85 indsats and an ABL § 105 / SEL § 107 / § 108 indsats that run at the same time
 * (actual dates where known): one row per pair, with the overlap's own start and end (open = still running).
 */
const OVERLAP_PAR = `(select a.indsats_id, b.indsats_id as andet_indsats_id, a.sag_id, a.paragraf || '+' || b.paragraf as kombination,
    greatest(${startOf('a')}, ${startOf('b')}) as fra,
    case when (${slutOf('a')}) is null then (${slutOf('b')}) when (${slutOf('b')}) is null then (${slutOf('a')}) else least(${slutOf('a')}, ${slutOf('b')}) end as til
  from indsats a join sag sa on sa.sag_id = a.sag_id join sag sb on sb.borger_id = sa.borger_id join indsats b on b.sag_id = sb.sag_id
  where a.paragraf = 'SEL85' and b.paragraf in (${OVERLAP_MED_SEL85.map((p) => `'${p}'`).join(', ')})
    and ${startOf('a')} <= coalesce(${slutOf('b')}, date '9999-12-31') and ${startOf('b')} <= coalesce(${slutOf('a')}, date '9999-12-31')) ov`;

export const OVERLAPPENDE_YDELSER: Emnedef = {
  ...GENNEM_SAG,
  beskrivelse: 'Pairs of a § 85 indsats and an ABL § 105 / SEL § 107 / § 108 indsats of the same citizen running at the same time',
  fra: `${OVERLAP_PAR} join sag s on s.sag_id = ov.sag_id`,
  noegle: "ov.indsats_id || '|' || ov.andet_indsats_id",
  tid: { art: 'aktiv', start: 'ov.fra', slut: 'ov.til' },
  dimensioner: { ...SAG_DIMENSIONER, KOMBINATION: dim('ov.kombination', 'the two paragraphs, e.g. SEL85+SEL107') },
  felter: {
    BORGER,
    INDSATS: felt('ov.indsats_id', 'id'),
    OVERLAP_DAGE: felt('least(coalesce(ov.til, cast(:ref as date)), cast(:ref as date)) - ov.fra + 1', 'dage'),
  },
  joins: SAG_JOINS,
  filtre: SAG_FILTRE,
};
