import type { Knex } from 'knex';

/**
 * The simulated fagsystem's own schema (PostgreSQL; also embedded PGlite). Table and column names follow
 * connectors/fagsystem/rows.ts one to one. Indexes are those the gateway's pushed-down filters need.
 */
export const FAGSYSTEM_TABLES = [
  'opfoelgning',
  'indsatsmaal',
  'stoettebehov',
  'funktionsevnevurdering',
  'bestilling',
  'ydelse',
  'indsats',
  'afgoerelse',
  'sag',
  'leverandoer',
  'borger_maalgruppe',
  'borger',
  'sagsbehandler',
  'team',
  'organisationsenhed',
] as const;

export async function dropFagsystemSchema(db: Knex): Promise<void> {
  for (const t of FAGSYSTEM_TABLES) await db.schema.dropTableIfExists(t);
}

export async function createFagsystemSchema(db: Knex): Promise<void> {
  await db.schema.createTable('organisationsenhed', (t) => {
    t.integer('enhed_id').primary();
    t.string('navn', 200).notNullable();
  });
  await db.schema.createTable('team', (t) => {
    t.integer('team_id').primary();
    t.integer('enhed_id').notNullable().references('enhed_id').inTable('organisationsenhed');
    t.string('navn', 200).notNullable();
  });
  await db.schema.createTable('sagsbehandler', (t) => {
    t.integer('sagsbehandler_id').primary();
    t.integer('team_id').notNullable().references('team_id').inTable('team');
    t.string('navn', 200).notNullable();
    t.string('initialer', 10).notNullable();
  });
  await db.schema.createTable('borger', (t) => {
    t.integer('borger_id').primary();
    t.string('cpr', 10).notNullable().unique();
    t.string('fornavn', 100).notNullable();
    t.string('efternavn', 100).notNullable();
    t.string('adresse', 200).notNullable();
    t.string('postnummer', 4).notNullable();
    t.string('bynavn', 100).notNullable();
    t.string('kommunekode', 3).notNullable();
  });
  await db.schema.createTable('borger_maalgruppe', (t) => {
    t.integer('borger_maalgruppe_id').primary();
    t.integer('borger_id').notNullable().references('borger_id').inTable('borger');
    t.string('maalgruppe_kode', 40).notNullable();
    t.date('fra_dato').notNullable();
    t.date('til_dato');
    t.index(['borger_id']);
    t.index(['maalgruppe_kode']);
  });
  await db.schema.createTable('leverandoer', (t) => {
    t.integer('leverandoer_id').primary();
    t.string('navn', 200).notNullable();
    t.string('adresse', 200).notNullable();
    t.string('postnummer', 4).notNullable();
    t.string('bynavn', 100).notNullable();
    t.string('pnummer', 10);
    t.integer('tilbudsid');
    t.integer('afdelingsid');
    t.boolean('intern').notNullable();
    t.boolean('afregnes_pr_borger').notNullable();
    t.index(['pnummer']);
  });
  await db.schema.createTable('sag', (t) => {
    t.integer('sag_id').primary();
    t.string('sagsnummer', 30).notNullable().unique();
    t.integer('borger_id').notNullable().references('borger_id').inTable('borger');
    t.integer('team_id').notNullable().references('team_id').inTable('team');
    t.integer('sagsbehandler_id').notNullable().references('sagsbehandler_id').inTable('sagsbehandler');
    t.date('sag_aabnet').notNullable();
    t.string('henvendelsestype', 30).notNullable();
    t.date('sagsoplysning_start');
    t.date('sagsvurdering_start');
    t.string('handlekommune', 3).notNullable();
    t.string('betalingskommune', 3).notNullable();
    t.string('status', 10).notNullable();
    t.date('lukket_dato');
    t.index(['borger_id']);
    t.index(['team_id']);
    t.index(['sagsbehandler_id']);
  });
  await db.schema.createTable('afgoerelse', (t) => {
    t.integer('afgoerelse_id').primary();
    t.integer('sag_id').notNullable().references('sag_id').inTable('sag');
    t.string('paragraf', 10).notNullable();
    t.string('resultat', 10).notNullable();
    t.date('afgoerelsesdato').notNullable();
    t.date('opfoelgningsdato');
    t.index(['sag_id']);
  });
  await db.schema.createTable('indsats', (t) => {
    t.integer('indsats_id').primary();
    t.integer('sag_id').notNullable().references('sag_id').inTable('sag');
    t.integer('afgoerelse_id').notNullable().references('afgoerelse_id').inTable('afgoerelse');
    t.string('paragraf', 10).notNullable();
    t.string('tilbudstype', 40).notNullable();
    t.integer('leverandoer_id').notNullable().references('leverandoer_id').inTable('leverandoer');
    t.date('forventet_start').notNullable();
    t.date('forventet_slut');
    t.date('faktisk_start');
    t.date('faktisk_slut');
    t.string('status', 10).notNullable();
    t.string('ydelsesenhed', 10).notNullable();
    t.decimal('antal_enheder', 10, 2).notNullable();
    t.string('ydelsesfrekvens', 10).notNullable();
    t.integer('gentagelser').notNullable();
    t.decimal('enhedspris', 14, 2).notNullable();
    t.string('kontonummer', 20).notNullable();
    t.string('integrations_id', 40);
    t.index(['sag_id']);
    t.index(['leverandoer_id']);
    t.index(['paragraf']);
    t.index(['status']);
  });
  await db.schema.createTable('ydelse', (t) => {
    t.integer('ydelse_id').primary();
    t.integer('indsats_id').notNullable().references('indsats_id').inTable('indsats');
    t.string('ydelseskode', 40).notNullable();
    t.date('forventet_start').notNullable();
    t.date('forventet_slut');
    t.index(['indsats_id']);
  });
  await db.schema.createTable('bestilling', (t) => {
    t.integer('bestilling_id').primary();
    t.integer('indsats_id').notNullable().references('indsats_id').inTable('indsats');
    t.integer('leverandoer_id').notNullable().references('leverandoer_id').inTable('leverandoer');
    t.date('bestilt_dato').notNullable();
    t.decimal('kontraktpris_pr_maaned', 14, 2).notNullable();
    t.date('gyldig_fra').notNullable();
    t.date('gyldig_til');
    t.boolean('egenbetaling').notNullable();
    t.index(['indsats_id']);
  });
  await db.schema.createTable('funktionsevnevurdering', (t) => {
    t.integer('vurdering_id').primary();
    t.integer('sag_id').notNullable().references('sag_id').inTable('sag');
    t.integer('borger_id').notNullable().references('borger_id').inTable('borger');
    t.date('vurderingsdato').notNullable();
    t.string('tema', 40).notNullable();
    t.string('undertema', 100).notNullable();
    t.smallint('niveau');
    t.index(['borger_id']);
    t.index(['sag_id']);
  });
  await db.schema.createTable('stoettebehov', (t) => {
    t.integer('stoettebehov_id').primary();
    t.integer('sag_id').notNullable().references('sag_id').inTable('sag');
    t.integer('borger_id').notNullable().references('borger_id').inTable('borger');
    t.date('vurderingsdato').notNullable();
    t.string('niveau', 20).notNullable();
    t.index(['borger_id']);
    t.index(['sag_id']);
  });
  await db.schema.createTable('indsatsmaal', (t) => {
    t.integer('indsatsmaal_id').primary();
    t.integer('indsats_id').notNullable().references('indsats_id').inTable('indsats');
    t.string('tema', 40).notNullable();
    t.string('maaltype', 20).notNullable();
    t.string('beskrivelse', 400).notNullable();
    t.smallint('forventet_niveau');
    t.string('status', 20).notNullable();
    t.date('oprettet').notNullable();
    t.date('afsluttet');
    t.index(['indsats_id']);
  });
  await db.schema.createTable('opfoelgning', (t) => {
    t.integer('opfoelgning_id').primary();
    t.integer('indsats_id').notNullable().references('indsats_id').inTable('indsats');
    t.integer('sagsbehandler_id').notNullable().references('sagsbehandler_id').inTable('sagsbehandler');
    t.string('opfoelgningstype', 20).notNullable();
    t.date('planlagt_dato').notNullable();
    t.date('udfoert_dato');
    t.string('status_paa_indsats', 20);
    t.smallint('trivsel');
    t.integer('magtanvendelser').notNullable();
    t.string('stoettebehov_efter', 20);
    t.index(['indsats_id']);
    t.index(['planlagt_dato']);
  });
}
