import type { Knex } from 'knex';
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
  OrganisationsenhedRow,
  SagRow,
  SagsbehandlerRow,
  StoettebehovRow,
  TeamRow,
  YdelseRow,
} from '../model';
import { bulkInsert } from '../oekonomi/bulk-insert';
import { columnsOf } from '../oekonomi/columns';
import { fastLoad } from '../oekonomi/fast-load';
import { createFagsystemSchema, dropFagsystemSchema } from './schema';

/**
 * Loads the fagsystem (PostgreSQL or PGlite): drops and recreates its schema, then inserts every row in
 * foreign-key order inside one transaction (see ../oekonomi/fast-load.ts).
 */
export const FAGSYSTEM_COLUMNS = {
  organisationsenhed: columnsOf<OrganisationsenhedRow>()(['enhed_id', 'navn']),
  team: columnsOf<TeamRow>()(['team_id', 'enhed_id', 'navn']),
  sagsbehandler: columnsOf<SagsbehandlerRow>()(['sagsbehandler_id', 'team_id', 'navn', 'initialer']),
  borger: columnsOf<BorgerRow>()(['borger_id', 'cpr', 'fornavn', 'efternavn', 'adresse', 'postnummer', 'bynavn', 'kommunekode']),
  borger_maalgruppe: columnsOf<BorgerMaalgruppeRow>()(['borger_maalgruppe_id', 'borger_id', 'maalgruppe_kode', 'fra_dato', 'til_dato']),
  leverandoer: columnsOf<LeverandoerRow>()([
    'leverandoer_id',
    'navn',
    'adresse',
    'postnummer',
    'bynavn',
    'pnummer',
    'tilbudsid',
    'afdelingsid',
    'intern',
    'afregnes_pr_borger',
  ]),
  sag: columnsOf<SagRow>()([
    'sag_id',
    'sagsnummer',
    'borger_id',
    'team_id',
    'sagsbehandler_id',
    'sag_aabnet',
    'henvendelsestype',
    'sagsoplysning_start',
    'sagsvurdering_start',
    'handlekommune',
    'betalingskommune',
    'status',
    'lukket_dato',
  ]),
  afgoerelse: columnsOf<AfgoerelseRow>()(['afgoerelse_id', 'sag_id', 'paragraf', 'resultat', 'afgoerelsesdato', 'opfoelgningsdato']),
  indsats: columnsOf<IndsatsRow>()([
    'indsats_id',
    'sag_id',
    'afgoerelse_id',
    'paragraf',
    'tilbudstype',
    'leverandoer_id',
    'forventet_start',
    'forventet_slut',
    'faktisk_start',
    'faktisk_slut',
    'status',
    'ydelsesenhed',
    'antal_enheder',
    'ydelsesfrekvens',
    'gentagelser',
    'enhedspris',
    'kontonummer',
    'integrations_id',
  ]),
  ydelse: columnsOf<YdelseRow>()(['ydelse_id', 'indsats_id', 'ydelseskode', 'forventet_start', 'forventet_slut']),
  bestilling: columnsOf<BestillingRow>()([
    'bestilling_id',
    'indsats_id',
    'leverandoer_id',
    'bestilt_dato',
    'kontraktpris_pr_maaned',
    'gyldig_fra',
    'gyldig_til',
    'egenbetaling',
  ]),
  funktionsevnevurdering: columnsOf<FunktionsevnevurderingRow>()(['vurdering_id', 'sag_id', 'borger_id', 'vurderingsdato', 'tema', 'undertema', 'niveau']),
  stoettebehov: columnsOf<StoettebehovRow>()(['stoettebehov_id', 'sag_id', 'borger_id', 'vurderingsdato', 'niveau']),
  indsatsmaal: columnsOf<IndsatsmaalRow>()([
    'indsatsmaal_id',
    'indsats_id',
    'tema',
    'maaltype',
    'beskrivelse',
    'forventet_niveau',
    'status',
    'oprettet',
    'afsluttet',
  ]),
  opfoelgning: columnsOf<OpfoelgningRow>()([
    'opfoelgning_id',
    'indsats_id',
    'sagsbehandler_id',
    'opfoelgningstype',
    'planlagt_dato',
    'udfoert_dato',
    'status_paa_indsats',
    'trivsel',
    'magtanvendelser',
    'stoettebehov_efter',
  ]),
} as const;

/** Table → rows, parents before children. */
export function fagsystemTables(data: FagsystemData): [keyof typeof FAGSYSTEM_COLUMNS, readonly object[]][] {
  return [
    ['organisationsenhed', data.organisationsenheder],
    ['team', data.teams],
    ['sagsbehandler', data.sagsbehandlere],
    ['borger', data.borgere],
    ['borger_maalgruppe', data.borgerMaalgrupper],
    ['leverandoer', data.leverandoerer],
    ['sag', data.sager],
    ['afgoerelse', data.afgoerelser],
    ['indsats', data.indsatser],
    ['ydelse', data.ydelser],
    ['bestilling', data.bestillinger],
    ['funktionsevnevurdering', data.funktionsevnevurderinger],
    ['stoettebehov', data.stoettebehov],
    ['indsatsmaal', data.indsatsmaal],
    ['opfoelgning', data.opfoelgninger],
  ];
}

export async function seedFagsystem(db: Knex, data: FagsystemData): Promise<Record<string, number>> {
  await dropFagsystemSchema(db);
  await createFagsystemSchema(db);
  const counts: Record<string, number> = {};
  const tables = fagsystemTables(data);
  await fastLoad(
    db,
    tables.map(([t]) => t),
    async (trx) => {
      for (const [table, rows] of tables) {
        await bulkInsert(trx, table, FAGSYSTEM_COLUMNS[table], rows);
        counts[table] = rows.length;
      }
    },
  );
  return counts;
}
