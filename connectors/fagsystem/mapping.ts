import type {
  Afgoerelse,
  Bestilling,
  Borger,
  BorgerMaalgruppe,
  Funktionsevnevurdering,
  Indsats,
  Indsatsmaal,
  Leverandoer,
  Opfoelgning,
  Organisationsenhed,
  Sag,
  Sagsbehandler,
  Stoettebehov,
  Team,
  Ydelse,
} from '../../src/domain/model';
import type { Cpr } from '../../src/domain/identifiers/cpr';
import { toIsoDate, type IsoDate } from '../../src/domain/dates';
import { normaliseMoney } from '../../src/domain/money';
import type {
  AfgoerelseRow,
  BestillingRow,
  BorgerMaalgruppeRow,
  BorgerRow,
  FunktionsevnevurderingRow,
  IndsatsmaalRow,
  IndsatsRow,
  LeverandoerRow,
  OpfoelgningRow,
  OrganisationsenhedRow,
  SagRow,
  SagsbehandlerRow,
  StoettebehovRow,
  TeamRow,
  YdelseRow,
} from './rows';

/**
 * Fagsystem rows (snake_case, as the tables hold them) → domain types (camelCase). Dates go through
 * toIsoDate because drivers differ: pg is configured to hand DATE back as a string, but a driver may also
 * return a Date at UTC midnight. Money (numeric) arrives as an exact decimal string and is normalised to two
 * decimals; it is never turned into a binary float.
 */
// the row types say string; at run time a driver may still hand over a Date, which toIsoDate also takes
type DateIn = string | Date;

const d = (v: DateIn): IsoDate => toIsoDate(v)!;
const dn = (v: DateIn | null): IsoDate | null => toIsoDate(v);
/** numeric(10,2) that is not money (antal enheder): kept as the exact decimal string the database sent */
const decimal = (v: string | number): string => (typeof v === 'number' ? String(v) : v);

export const toOrganisationsenhed = (r: OrganisationsenhedRow): Organisationsenhed => ({ id: r.enhed_id, navn: r.navn });

export const toTeam = (r: TeamRow): Team => ({ id: r.team_id, enhedId: r.enhed_id, navn: r.navn });

export const toSagsbehandler = (r: SagsbehandlerRow): Sagsbehandler => ({
  id: r.sagsbehandler_id,
  teamId: r.team_id,
  navn: r.navn,
  initialer: r.initialer,
});

export const toBorger = (r: BorgerRow): Borger => ({
  id: r.borger_id,
  cpr: r.cpr as Cpr,
  fornavn: r.fornavn,
  efternavn: r.efternavn,
  adresse: r.adresse,
  postnummer: r.postnummer,
  bynavn: r.bynavn,
  kommunekode: r.kommunekode,
});

export const toBorgerMaalgruppe = (r: BorgerMaalgruppeRow): BorgerMaalgruppe => ({
  id: r.borger_maalgruppe_id,
  borgerId: r.borger_id,
  maalgruppeKode: r.maalgruppe_kode,
  fraDato: d(r.fra_dato),
  tilDato: dn(r.til_dato),
});

export const toLeverandoer = (r: LeverandoerRow): Leverandoer => ({
  id: r.leverandoer_id,
  navn: r.navn,
  adresse: r.adresse,
  postnummer: r.postnummer,
  bynavn: r.bynavn,
  pnummer: r.pnummer,
  tilbudsid: r.tilbudsid,
  afdelingsid: r.afdelingsid,
  intern: r.intern,
  afregnesPrBorger: r.afregnes_pr_borger,
});

export const toSag = (r: SagRow): Sag => ({
  id: r.sag_id,
  sagsnummer: r.sagsnummer,
  borgerId: r.borger_id,
  teamId: r.team_id,
  sagsbehandlerId: r.sagsbehandler_id,
  sagAabnet: d(r.sag_aabnet),
  henvendelsestype: r.henvendelsestype,
  sagsoplysningStart: dn(r.sagsoplysning_start),
  sagsvurderingStart: dn(r.sagsvurdering_start),
  handlekommune: r.handlekommune,
  betalingskommune: r.betalingskommune,
  status: r.status,
  lukketDato: dn(r.lukket_dato),
});

export const toAfgoerelse = (r: AfgoerelseRow): Afgoerelse => ({
  id: r.afgoerelse_id,
  sagId: r.sag_id,
  paragraf: r.paragraf,
  resultat: r.resultat,
  afgoerelsesdato: d(r.afgoerelsesdato),
  opfoelgningsdato: dn(r.opfoelgningsdato),
});

export const toIndsats = (r: IndsatsRow): Indsats => ({
  id: r.indsats_id,
  sagId: r.sag_id,
  afgoerelseId: r.afgoerelse_id,
  paragraf: r.paragraf,
  tilbudstype: r.tilbudstype,
  leverandoerId: r.leverandoer_id,
  forventetStart: d(r.forventet_start),
  forventetSlut: dn(r.forventet_slut),
  faktiskStart: dn(r.faktisk_start),
  faktiskSlut: dn(r.faktisk_slut),
  status: r.status,
  ydelsesenhed: r.ydelsesenhed,
  antalEnheder: decimal(r.antal_enheder),
  ydelsesfrekvens: r.ydelsesfrekvens,
  gentagelser: r.gentagelser,
  enhedspris: normaliseMoney(r.enhedspris),
  kontonummer: r.kontonummer,
  integrationsId: r.integrations_id,
});

export const toYdelse = (r: YdelseRow): Ydelse => ({
  id: r.ydelse_id,
  indsatsId: r.indsats_id,
  ydelseskode: r.ydelseskode,
  forventetStart: d(r.forventet_start),
  forventetSlut: dn(r.forventet_slut),
});

export const toBestilling = (r: BestillingRow): Bestilling => ({
  id: r.bestilling_id,
  indsatsId: r.indsats_id,
  leverandoerId: r.leverandoer_id,
  bestiltDato: d(r.bestilt_dato),
  kontraktprisPrMaaned: normaliseMoney(r.kontraktpris_pr_maaned),
  gyldigFra: d(r.gyldig_fra),
  gyldigTil: dn(r.gyldig_til),
  egenbetaling: r.egenbetaling,
});

export const toFunktionsevnevurdering = (r: FunktionsevnevurderingRow): Funktionsevnevurdering => ({
  id: r.vurdering_id,
  sagId: r.sag_id,
  borgerId: r.borger_id,
  vurderingsdato: d(r.vurderingsdato),
  tema: r.tema,
  undertema: r.undertema,
  niveau: r.niveau,
});

export const toStoettebehov = (r: StoettebehovRow): Stoettebehov => ({
  id: r.stoettebehov_id,
  sagId: r.sag_id,
  borgerId: r.borger_id,
  vurderingsdato: d(r.vurderingsdato),
  niveau: r.niveau,
});

export const toIndsatsmaal = (r: IndsatsmaalRow): Indsatsmaal => ({
  id: r.indsatsmaal_id,
  indsatsId: r.indsats_id,
  tema: r.tema,
  maaltype: r.maaltype,
  beskrivelse: r.beskrivelse,
  forventetNiveau: r.forventet_niveau,
  status: r.status,
  oprettet: d(r.oprettet),
  afsluttet: dn(r.afsluttet),
});

export const toOpfoelgning = (r: OpfoelgningRow): Opfoelgning => ({
  id: r.opfoelgning_id,
  indsatsId: r.indsats_id,
  sagsbehandlerId: r.sagsbehandler_id,
  opfoelgningstype: r.opfoelgningstype,
  planlagtDato: d(r.planlagt_dato),
  udfoertDato: dn(r.udfoert_dato),
  statusPaaIndsats: r.status_paa_indsats,
  trivsel: r.trivsel,
  magtanvendelser: r.magtanvendelser,
  stoettebehovEfter: r.stoettebehov_efter,
});
