import type { Knex } from 'knex';

/**
 * The citizen on each indsats-month row (issue 10: "a year of grouped contract vs actual < 1 s"). Small-cell
 * suppression counts distinct citizens per group; reading them through a join to `indsats_afstemning` cost
 * about a fifth of a year's grouped question on `large`. The reconciliation job writes the citizen with the
 * month rows (the indsats' citizen, like its provider and account).
 *
 * The table is rebuilt rather than updated in place: an UPDATE of every row would leave the table twice its
 * size until a full run rewrote it, and a year's question reads the table's pages. Existing rows take their
 * citizen from `indsats_afstemning` (written in the same transaction as they are, so every row has one) and are
 * written in the order the job writes them (src/reconcile/job/indsats-level.ts: chunks of 1,000 indsatser,
 * each chunk's rows by month), so a month range is read from a third of the pages, not from all of them.
 */
const COLUMNS = [
  'indsats_id',
  'maaned',
  'aar',
  'paragraf',
  'leverandoer_id',
  'konto',
  'team_id',
  'afregnes_pr_borger',
  'dage',
  'forventet_oere',
  'kontrakt_fagsystem_oere',
  'kontrakt_oekonomi_oere',
  'takst_oere',
  'faktisk_oere',
  'antal_posteringer',
];

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('indsats_maaned_ny', (t) => {
    t.integer('indsats_id').notNullable();
    t.date('maaned').notNullable();
    t.smallint('aar').notNullable();
    t.string('paragraf', 20).notNullable();
    t.integer('leverandoer_id').notNullable();
    t.string('konto', 20).notNullable();
    t.integer('team_id').notNullable();
    t.integer('borger_id').notNullable();
    t.boolean('afregnes_pr_borger').notNullable();
    t.smallint('dage').notNullable();
    t.bigInteger('forventet_oere');
    t.bigInteger('kontrakt_fagsystem_oere');
    t.bigInteger('kontrakt_oekonomi_oere');
    t.bigInteger('takst_oere');
    t.bigInteger('faktisk_oere').notNullable().defaultTo(0);
    t.integer('antal_posteringer').notNullable().defaultTo(0);
  });
  const cols = COLUMNS.join(', ');
  await db.raw(
    `insert into indsats_maaned_ny (${cols}, borger_id)
     select ${COLUMNS.map((c) => `m.${c}`).join(', ')}, ia.borger_id
       from indsats_maaned m join indsats_afstemning ia on ia.indsats_id = m.indsats_id
      order by m.indsats_id / 1000, m.maaned, m.indsats_id`,
  );
  await db.schema.dropTable('indsats_maaned');
  await db.schema.renameTable('indsats_maaned_ny', 'indsats_maaned');
  // the names 001 gave them, so later migrations find them
  await db.raw('alter table indsats_maaned add constraint indsats_maaned_pkey primary key (indsats_id, maaned)');
  await db.raw('create index indsats_maaned_maaned_index on indsats_maaned (maaned)');
  await db.raw('create index indsats_maaned_leverandoer_id_maaned_index on indsats_maaned (leverandoer_id, maaned)');
  await db.raw('analyze indsats_maaned');
}
