import type { Knex } from 'knex';

/**
 * The reconciled store: derived results of matching economy postings to fagsystem indsatser, per-indsats
 * per-month money, afvigelser and the provider identity graph. Nothing here is a copy of a source: a
 * posting is referenced by its ERP id and bilagsnr, an indsats/borger/leverandør by its fagsystem id,
 * amounts are integer øre. No CPR, no citizen name and no address is stored (citizens are borger_id).
 * Manual decisions (the gateway's own data, never derived) live in 002.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('afstemning_koersel', (t) => {
    t.increments('koersel_id').primary();
    t.string('type', 20).notNullable(); // FULD | INKREMENTEL
    t.string('udloeser', 20).notNullable(); // START | PLAN | MANUEL
    t.timestamp('startet', { useTz: true }).notNullable();
    t.timestamp('afsluttet', { useTz: true });
    t.string('status', 20).notNullable(); // KOERER | OK | FEJL
    /** "today" the run judged periods and prices on */
    t.date('idag').notNullable();
    /** keyset watermark: postings registered up to (posteringer_til, til_postering_id) are reconciled */
    t.string('posteringer_til', 40);
    t.bigInteger('til_postering_id');
    /** the months prices were compared over (first payment month … last whole month before idag) */
    t.date('horisont_fra');
    t.date('horisont_til');
    t.integer('antal_posteringer').notNullable().defaultTo(0);
    t.integer('antal_indsatser').notNullable().defaultTo(0);
    t.integer('antal_matchet').notNullable().defaultTo(0);
    t.integer('antal_forsvundne').notNullable().defaultTo(0);
    t.integer('varighed_ms');
    t.string('fejl', 400);
  });

  await db.schema.createTable('postering_match', (t) => {
    t.bigInteger('postering_id').primary();
    t.string('bilagsnr', 40).notNullable();
    /** null = explicitly unmatched (a first-class result) */
    t.integer('indsats_id');
    t.string('regel', 40).notNullable();
    t.decimal('confidence', 4, 3).notNullable();
    /** what the automatic rules said, kept beside a manual decision so both are visible */
    t.integer('auto_indsats_id');
    t.string('auto_regel', 40).notNullable();
    t.smallint('kandidater').notNullable().defaultTo(0);
    t.bigInteger('beloeb_oere').notNullable();
    t.date('periode_fra').notNullable();
    t.date('periode_til').notNullable();
    t.string('konto', 20).notNullable();
    t.string('kreditor_nr', 20);
    t.string('registreret', 40).notNullable();
    /** the citizen the posting's CPR (field or text) resolved to; never the CPR itself */
    t.integer('borger_id');
    /** FELT | TEKST | INGEN: where the CPR was found */
    t.string('cpr_kilde', 8).notNullable();
    /** the creditor is (one of) the matched indsats' provider's creditors */
    t.boolean('kreditor_er_leverandoer');
    t.integer('koersel_id').notNullable();
    // every index costs on each of the 1.5 million rows a full run writes: only what reads need
    t.index(['indsats_id']);
    t.index(['borger_id']);
  });
  // an incremental run re-matches the unattributed postings of a changed provider's creditors
  await db.raw('create index postering_match_umatchet_kreditor on postering_match (kreditor_nr) where indsats_id is null and borger_id is null');

  /** Per-indsats state of the last reconciliation: the change marker and the grouping dimensions. */
  await db.schema.createTable('indsats_afstemning', (t) => {
    t.integer('indsats_id').primary();
    t.string('version', 64).notNullable();
    t.integer('sag_id').notNullable();
    t.integer('borger_id').notNullable();
    t.integer('team_id').notNullable();
    t.integer('leverandoer_id').notNullable();
    t.string('paragraf', 20).notNullable();
    t.string('konto', 20).notNullable();
    t.string('status', 20).notNullable();
    t.date('start').notNullable();
    t.date('slut');
    t.boolean('afregnes_pr_borger').notNullable();
    t.integer('koersel_id').notNullable();
    t.index(['leverandoer_id']);
    t.index(['borger_id']);
  });

  /**
   * The four prices per indsats and month (øre), for grouped comparison pushed into SQL. Prices are for the
   * days the indsats ran that month (prorated like the invoices); faktisk is the sum of matched postings
   * whose service period starts in the month.
   */
  await db.schema.createTable('indsats_maaned', (t) => {
    t.integer('indsats_id').notNullable();
    t.date('maaned').notNullable();
    t.smallint('aar').notNullable();
    t.string('paragraf', 20).notNullable();
    t.integer('leverandoer_id').notNullable();
    t.string('konto', 20).notNullable();
    t.integer('team_id').notNullable();
    /** the provider is settled per citizen (else financed by budget: no payments per indsats are expected) */
    t.boolean('afregnes_pr_borger').notNullable();
    t.smallint('dage').notNullable();
    t.bigInteger('forventet_oere');
    t.bigInteger('kontrakt_fagsystem_oere');
    t.bigInteger('kontrakt_oekonomi_oere');
    t.bigInteger('takst_oere');
    t.bigInteger('faktisk_oere').notNullable().defaultTo(0);
    t.integer('antal_posteringer').notNullable().defaultTo(0);
    t.primary(['indsats_id', 'maaned']);
    t.index(['maaned']);
    t.index(['leverandoer_id', 'maaned']);
  });

  /**
   * Afvigelser, one row per afvigelse, keyed by a stable `noegle` (kind + the records involved) so a
   * afvigelse keeps its first-seen time across runs. `omfang` says which recomputation owns the row.
   * `detaljer` holds amounts, dates and ids only — never a CPR, name or address.
   */
  await db.schema.createTable('afvigelse', (t) => {
    t.bigIncrements('afvigelse_id').primary();
    t.string('noegle', 160).notNullable().unique();
    t.string('art', 40).notNullable();
    t.string('omfang', 12).notNullable(); // POSTERING | INDSATS | ATTRIBUT | BESLUTNING
    t.bigInteger('postering_id');
    t.bigInteger('relateret_postering_id');
    t.integer('indsats_id');
    t.integer('borger_id');
    t.integer('leverandoer_id');
    t.string('kreditor_nr', 20);
    t.date('maaned');
    t.bigInteger('beloeb_oere');
    t.string('felt', 40);
    t.jsonb('detaljer');
    t.timestamp('fundet', { useTz: true }).notNullable();
    t.integer('koersel_id').notNullable();
    t.index(['art']);
    t.index(['postering_id']);
    t.index(['indsats_id']);
    t.index(['leverandoer_id']);
    t.index(['borger_id']);
  });

  /**
   * Identity graph: which economy creditors are which fagsystem provider, with the evidence (CVR via
   * Tilbudsportalen or the CVR register, the economy's contract register, address).
   */
  await db.schema.createTable('leverandoer_kreditor', (t) => {
    t.integer('leverandoer_id').notNullable();
    t.string('kreditor_nr', 20).notNullable();
    t.string('evidens', 60).notNullable();
    t.integer('koersel_id').notNullable();
    t.primary(['leverandoer_id', 'kreditor_nr']);
    t.index(['kreditor_nr']);
  });

  /**
   * Results of attribute checks between sources (values are not kept: the API reads them live for
   * provenance). `version` is a hash of the inputs, `kontrolleret` when the external register was asked.
   */
  await db.schema.createTable('attribut_kontrol', (t) => {
    t.string('entitet', 12).notNullable(); // LEVERANDOER | BORGER
    t.integer('entitet_id').notNullable();
    t.string('version', 64).notNullable();
    t.timestamp('kontrolleret', { useTz: true }).notNullable();
    /** comma-separated fields that disagree, '' when none */
    t.string('konflikter', 200).notNullable();
    t.primary(['entitet', 'entitet_id']);
  });

  /** P-nummer → CVR from the CVR register (SF1530), so a run does not pay for the same lookup again. */
  await db.schema.createTable('cvr_opslag', (t) => {
    t.string('pnummer', 10).primary();
    t.string('cvr', 8);
    t.timestamp('kontrolleret', { useTz: true }).notNullable();
  });
}
