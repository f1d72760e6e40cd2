import type {
  AfgoerelseRow,
  BestillingRow,
  BorgerMaalgruppeRow,
  BorgerRow,
  FagsystemData,
  FunktionsevnevurderingRow,
  IndsatsmaalRow,
  IndsatsRow,
  LeverandoerRow,
  OpfoelgningRow,
  SagRow,
  SagsbehandlerRow,
  StoettebehovRow,
  TeamRow,
  YdelseRow,
} from '../../simulators/model/fagsystem';
import { addDays } from '../../src/domain/dates';

/**
 * A small hand-written fagsystem for the connector tests (used until/unless the generator's `test`
 * municipality is available). Deterministic, and built to hit the edges the connector must get right:
 * ties on every ordering column (same sag_aabnet, same efternavn, same planlagt_dato), Danish letters in
 * names (code-point order), citizens with cases in two teams of two units, ended and future målgruppe
 * memberships, a code that shares a prefix without being a subgroup (FYSISK vs FYS), open-ended indsatser,
 * overdue / done / future follow-ups around `FIXTURE_TODAY`, and several bestillinger per indsats.
 */
export const FIXTURE_TODAY = '2026-03-15';

const EFTERNAVNE = ['Andersen', 'Ærø', 'Østergaard', 'Åberg', 'Jensen', 'Aagaard', 'Møller', 'jensen', 'Nielsen', 'Jensen'];
const KOMMUNER = ['846', '851', '820'];
const PARAGRAFFER = ['SEL85', 'SEL107', 'SEL108', 'SEL103', 'SEL104'];
const TILBUDSTYPER = ['MOBILT', 'MIDLERTIDIGT_BOTILBUD', 'LAENGEREVARENDE_BOTILBUD'];
const MAALGRUPPER = ['FYS', 'FYS.SYN', 'PSY.ANGST', 'PSY', 'SOC.MISBRUG', 'FYS.ERHVERVET_HJERNESKADE', 'PSY.DEPRESSION'];

export function buildFagsystemFixture(): FagsystemData {
  const teams: TeamRow[] = [1, 2, 3, 4].map((id) => ({ team_id: id, enhed_id: id <= 2 ? 1 : 2, navn: `Team ${id}` }));
  const sagsbehandlere: SagsbehandlerRow[] = Array.from({ length: 8 }, (_, i) => ({
    sagsbehandler_id: i + 1,
    team_id: Math.floor(i / 2) + 1,
    navn: `Sagsbehandler ${i + 1}`,
    initialer: `SB${i + 1}`,
  }));
  const leverandoerer: LeverandoerRow[] = Array.from({ length: 6 }, (_, i) => ({
    leverandoer_id: i + 1,
    navn: `Leverandør ${i + 1}`,
    adresse: `Vej ${i + 1}`,
    postnummer: '9500',
    bynavn: 'Hobro',
    pnummer: i % 3 === 2 ? null : String(1000000000 + i),
    tilbudsid: i % 2 ? 500 + i : null,
    afdelingsid: i % 2 ? 1 : null,
    intern: i === 5,
    afregnes_pr_borger: i !== 5,
  }));

  const borgere: BorgerRow[] = [];
  const borgerMaalgrupper: BorgerMaalgruppeRow[] = [];
  for (let b = 1; b <= 40; b++) {
    borgere.push({
      borger_id: b,
      cpr: `${String((b % 28) + 1).padStart(2, '0')}0${(b % 9) + 1}${String(50 + b).slice(-2)}${String(1000 + b * 7).slice(-4)}`,
      fornavn: `Fornavn${b}`,
      efternavn: EFTERNAVNE[b % EFTERNAVNE.length]!,
      adresse: `Gade ${b}`,
      postnummer: '9500',
      bynavn: 'Hobro',
      kommunekode: KOMMUNER[b % 3]!,
    });
    const kode = MAALGRUPPER[b % MAALGRUPPER.length]!;
    const id = borgerMaalgrupper.length + 1;
    // every 5th membership ended last year; every 7th starts next month (not active today)
    const ended = b % 5 === 0;
    const future = b % 7 === 0;
    borgerMaalgrupper.push({
      borger_maalgruppe_id: id,
      borger_id: b,
      maalgruppe_kode: kode,
      fra_dato: future ? addDays(FIXTURE_TODAY, 20) : '2020-01-01',
      til_dato: ended ? '2025-06-30' : null,
    });
    if (b % 4 === 0)
      borgerMaalgrupper.push({
        borger_maalgruppe_id: id + 1,
        borger_id: b,
        maalgruppe_kode: 'SOC.HJEMLOESHED',
        fra_dato: '2024-01-01',
        til_dato: FIXTURE_TODAY,
      });
    if (b % 11 === 0) borgerMaalgrupper.push({ borger_maalgruppe_id: id + 1, borger_id: b, maalgruppe_kode: 'FYSISK', fra_dato: '2024-01-01', til_dato: null });
  }
  // borger 40 has no case at all: invisible to every restricted scope
  const sager: SagRow[] = [];
  for (let b = 1; b <= 39; b++) {
    const teamsOf = b % 3 === 0 ? [(b % 4) + 1, ((b + 2) % 4) + 1] : [(b % 4) + 1];
    for (const team of teamsOf) {
      const id = sager.length + 1;
      sager.push({
        sag_id: id,
        sagsnummer: `S-${String((id * 37) % 101).padStart(3, '0')}-${id}`,
        borger_id: b,
        team_id: team,
        sagsbehandler_id: (team - 1) * 2 + 1 + (id % 2),
        sag_aabnet: addDays('2019-01-01', (id % 9) * 180),
        henvendelsestype: 'BORGER',
        sagsoplysning_start: id % 4 ? addDays('2019-01-10', (id % 9) * 180) : null,
        sagsvurdering_start: null,
        handlekommune: KOMMUNER[id % 3]!,
        betalingskommune: KOMMUNER[(id + 1) % 3]!,
        status: id % 5 === 0 ? 'LUKKET' : 'AABEN',
        lukket_dato: id % 5 === 0 ? '2025-12-31' : null,
      });
    }
  }

  const afgoerelser: AfgoerelseRow[] = [];
  const indsatser: IndsatsRow[] = [];
  const ydelser: YdelseRow[] = [];
  const bestillinger: BestillingRow[] = [];
  const indsatsmaal: IndsatsmaalRow[] = [];
  const opfoelgninger: OpfoelgningRow[] = [];
  const funktionsevnevurderinger: FunktionsevnevurderingRow[] = [];
  const stoettebehov: StoettebehovRow[] = [];
  for (const s of sager) {
    const aId = afgoerelser.length + 1;
    afgoerelser.push({
      afgoerelse_id: aId,
      sag_id: s.sag_id,
      paragraf: PARAGRAFFER[s.sag_id % 5]!,
      resultat: 'BEVILGET',
      afgoerelsesdato: addDays(s.sag_aabnet, 30),
      opfoelgningsdato: addDays(s.sag_aabnet, 210),
    });
    if (s.sag_id % 6 === 0)
      afgoerelser.push({
        afgoerelse_id: aId + 1,
        sag_id: s.sag_id,
        paragraf: 'SEL85',
        resultat: 'AFSLAG',
        afgoerelsesdato: addDays(s.sag_aabnet, 40),
        opfoelgningsdato: null,
      });
    funktionsevnevurderinger.push({
      vurdering_id: funktionsevnevurderinger.length + 1,
      sag_id: s.sag_id,
      borger_id: s.borger_id,
      vurderingsdato: addDays(s.sag_aabnet, 20),
      tema: 'MOBILITET',
      undertema: 'bevæge sig omkring',
      niveau: s.sag_id % 6 === 5 ? null : s.sag_id % 5,
    });
    stoettebehov.push({
      stoettebehov_id: stoettebehov.length + 1,
      sag_id: s.sag_id,
      borger_id: s.borger_id,
      vurderingsdato: addDays(s.sag_aabnet, 20),
      niveau: (['INTET', 'LET', 'MODERAT', 'HOEJT', 'FULDSTAENDIGT'] as const)[s.sag_id % 5]!,
    });
    const n = 1 + (s.sag_id % 3);
    for (let k = 0; k < n; k++) {
      const id = indsatser.length + 1;
      const start = addDays(s.sag_aabnet, 60 + k * 90);
      const open = id % 4 === 0;
      const status = id % 3 === 0 ? 'AFSLUTTET' : id % 3 === 1 ? 'AKTIV' : 'BEVILGET';
      indsatser.push({
        indsats_id: id,
        sag_id: s.sag_id,
        afgoerelse_id: aId,
        paragraf: PARAGRAFFER[(s.sag_id + k) % 5]!,
        tilbudstype: TILBUDSTYPER[id % 3]!,
        leverandoer_id: (id % 6) + 1,
        forventet_start: start,
        forventet_slut: open ? null : addDays(start, 365 * (1 + (id % 3))),
        faktisk_start: status === 'BEVILGET' ? null : addDays(start, 3),
        faktisk_slut: status === 'AFSLUTTET' ? addDays(start, 200) : null,
        status,
        ydelsesenhed: 'TIME',
        antal_enheder: 2.5,
        ydelsesfrekvens: 'UGE',
        gentagelser: 12,
        enhedspris: `${400 + id}.50`,
        kontonummer: '5.38.39',
        integrations_id: id % 5 === 0 ? `INT-${id}` : null,
      });
      ydelser.push({ ydelse_id: ydelser.length + 1, indsats_id: id, ydelseskode: '1.12.0.2', forventet_start: start, forventet_slut: null });
      for (let v = 0; v < id % 3; v++) {
        bestillinger.push({
          bestilling_id: bestillinger.length + 1,
          indsats_id: id,
          leverandoer_id: (id % 6) + 1,
          bestilt_dato: addDays(start, -10 + v * 365),
          kontraktpris_pr_maaned: `${10000 + id * 10 + v * 500}.00`,
          gyldig_fra: addDays(start, v * 365),
          gyldig_til: v === 0 && id % 3 === 2 ? addDays(start, 364) : null,
          egenbetaling: false,
        });
      }
      if (id % 2)
        indsatsmaal.push({
          indsatsmaal_id: indsatsmaal.length + 1,
          indsats_id: id,
          tema: 'MOBILITET',
          maaltype: 'UDVIKLE',
          beskrivelse: 'Kan tage bussen selv',
          forventet_niveau: 2,
          status: 'AKTIV',
          oprettet: start,
          afsluttet: null,
        });
      for (let o = 0; o < 1 + (id % 3); o++) {
        // planned days spread over ±60 days around today, with ties; some done
        const planlagt = addDays(FIXTURE_TODAY, ((id * 13 + o * 29) % 121) - 60);
        const done = (id + o) % 3 === 0;
        opfoelgninger.push({
          opfoelgning_id: opfoelgninger.length + 1,
          indsats_id: id, // the second follow-up is the team partner's (not the case's caseworker)
          sagsbehandler_id: o === 1 ? s.sagsbehandler_id + (s.sagsbehandler_id % 2 ? 1 : -1) : s.sagsbehandler_id,
          opfoelgningstype: o === 1 ? 'MARKANT_AENDRING' : 'PLANLAGT',
          planlagt_dato: planlagt,
          udfoert_dato: done ? addDays(planlagt, 2) : null,
          status_paa_indsats: done ? 'FORTSAET' : null,
          trivsel: done ? 3 : null,
          magtanvendelser: id % 7 === 0 ? 1 : 0,
          stoettebehov_efter: done ? 'LET' : null,
        });
      }
    }
  }
  return {
    organisationsenheder: [
      { enhed_id: 1, navn: 'Handicap og Psykiatri' },
      { enhed_id: 2, navn: 'Socialpsykiatri og Udsatte' },
    ],
    teams,
    sagsbehandlere,
    borgere,
    borgerMaalgrupper,
    leverandoerer,
    sager,
    afgoerelser,
    indsatser,
    ydelser,
    bestillinger,
    funktionsevnevurderinger,
    stoettebehov,
    indsatsmaal,
    opfoelgninger,
  };
}
