import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Borger, Leverandoer } from '../../src/domain/model';
import { toIsoDate } from '../../src/domain/dates';
import { normaliseMoney } from '../../src/domain/money';
import type { BorgerRow, LeverandoerRow } from './rows';
import type { FagsystemJobReads, IndsatsForMatching } from './types';
import { toBorger, toLeverandoer } from './mapping';
import type { FagsystemClient } from './client';

/**
 * Unscoped bulk reads for the gateway's own reconciliation job (payment matching). Never handed to a
 * request. Each batch is one statement, walked by id keyset (`where id > last order by id limit n`), so a
 * municipality of any size streams in constant memory and no batch rescans what came before (no OFFSET).
 */
const DEFAULT_BATCH = 1000;

interface MatchingRow {
  indsats_id: number;
  sag_id: number;
  borger_id: number;
  cpr: string;
  team_id: number;
  paragraf: string;
  kontonummer: string;
  leverandoer_id: number;
  pnummer: string | null;
  tilbudsid: number | null;
  afdelingsid: number | null;
  intern: boolean;
  afregnes_pr_borger: boolean;
  status: IndsatsForMatching['status'];
  start: string | Date;
  slut: string | Date | null;
  integrations_id: string | null;
  kontraktpris_pr_maaned: string | null;
}

/**
 * The current bestilling's kontraktpris (VUM 2.0 ID 68), by the same rule as src/reconcile/rules/prices/
 * contract-price.ts: the bestilling valid on `today`, else the latest one (gyldig_fra, then id).
 */
const CURRENT_KONTRAKTPRIS = `(select b.kontraktpris_pr_maaned from bestilling b where b.indsats_id = i.indsats_id
  order by case when b.gyldig_fra <= ? and (b.gyldig_til is null or b.gyldig_til >= ?) then 0 else 1 end,
  b.gyldig_fra desc, b.bestilling_id desc limit 1) as kontraktpris_pr_maaned`;

function matchingBatch(db: Knex, today: string, afterId: number, size: number): Knex.QueryBuilder {
  return db('indsats as i')
    .join('sag as s', 's.sag_id', 'i.sag_id')
    .join('borger as b', 'b.borger_id', 's.borger_id')
    .join('leverandoer as l', 'l.leverandoer_id', 'i.leverandoer_id')
    .select(
      'i.indsats_id',
      'i.sag_id',
      's.borger_id',
      'b.cpr',
      's.team_id',
      'i.paragraf',
      'i.kontonummer',
      'i.leverandoer_id',
      'l.pnummer',
      'l.tilbudsid',
      'l.afdelingsid',
      'l.intern',
      'l.afregnes_pr_borger',
      'i.status',
      'i.integrations_id',
      db.raw('coalesce(i.faktisk_start, i.forventet_start) as start'),
      db.raw('coalesce(i.faktisk_slut, i.forventet_slut) as slut'),
      db.raw(CURRENT_KONTRAKTPRIS, [today, today]),
    )
    .where('i.indsats_id', '>', afterId)
    .orderBy('i.indsats_id')
    .limit(size);
}

/**
 * A content hash of everything matching depends on (the fagsystem keeps no change timestamp): when any of
 * these fields changes, the job sees a new version and re-matches the indsats; otherwise it may skip it.
 * The CPR number is deliberately left out: the hash is stored in the gateway's store, and a hash that covers
 * a CPR can be reversed by trying the ~3.65×10⁸ possible numbers. The citizen is in it as `borgerId`; a CPR
 * corrected on the same fagsystem row is picked up by the scheduled full run.
 */
export function matchingVersion(m: Omit<IndsatsForMatching, 'version'>): string {
  const fields = [
    m.indsatsId,
    m.sagId,
    m.borgerId,
    m.teamId,
    m.paragraf,
    m.kontonummer,
    m.leverandoerId,
    m.pnummer,
    m.tilbudsid,
    m.afdelingsid,
    m.intern,
    m.afregnesPrBorger,
    m.status,
    m.start,
    m.slut,
    m.integrationsId,
    m.kontraktprisPrMaaned,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 32);
}

function toMatching(r: MatchingRow): IndsatsForMatching {
  const m: Omit<IndsatsForMatching, 'version'> = {
    indsatsId: r.indsats_id,
    sagId: r.sag_id,
    borgerId: r.borger_id,
    cpr: r.cpr,
    teamId: r.team_id,
    paragraf: r.paragraf,
    kontonummer: r.kontonummer,
    leverandoerId: r.leverandoer_id,
    pnummer: r.pnummer,
    tilbudsid: r.tilbudsid,
    afdelingsid: r.afdelingsid,
    intern: r.intern,
    afregnesPrBorger: r.afregnes_pr_borger,
    status: r.status,
    start: toIsoDate(r.start)!,
    slut: toIsoDate(r.slut),
    integrationsId: r.integrations_id,
    kontraktprisPrMaaned: r.kontraktpris_pr_maaned === null ? null : normaliseMoney(r.kontraktpris_pr_maaned),
  };
  return { ...m, version: matchingVersion(m) };
}

/**
 * The fagsystem keeps no change column (no `aendret`, and xmin is PostgreSQL's and wraps), so its change
 * marker is a content checksum per table the job reads: count and the sum of a 64-bit hash of each row's
 * text, summed as numeric (no overflow). A fagsystem with a maintained change timestamp would use
 * max(aendret) and count instead; the contract is only "equal markers, equal reads".
 */
const MARKER_TABLES = ['borger', 'sag', 'indsats', 'leverandoer', 'bestilling', 'ydelse'] as const;
const MARKER_SQL = MARKER_TABLES.map((t) => `select '${t}' as t, count(*) as n, sum(hashtextextended(x::text, 0)::numeric) as h from ${t} x`).join(
  ' union all ',
);

function batchSizeOf(opts?: { batchSize?: number }): number {
  const n = opts?.batchSize ?? DEFAULT_BATCH;
  if (!Number.isInteger(n) || n < 1) throw new RangeError('batchSize must be a whole number ≥ 1');
  return n;
}

export function createJobReads(opts: { client: FagsystemClient; today: () => string }): FagsystemJobReads {
  const { client } = opts;
  const { db } = client;
  return {
    async *indsatserForMatching(o) {
      const size = batchSizeOf(o);
      // one "today" for the whole run, so a run crossing midnight does not mix two current prices
      const today = opts.today();
      for (let after = 0; ;) {
        const rows = await client.run<MatchingRow[]>(matchingBatch(db, today, after, size));
        if (!rows.length) return;
        yield rows.map(toMatching);
        if (rows.length < size) return;
        after = rows[rows.length - 1]!.indsats_id;
      }
    },
    async leverandoerer(): Promise<Leverandoer[]> {
      const rows = await client.run<LeverandoerRow[]>(db('leverandoer').select('leverandoer.*').orderBy('leverandoer.leverandoer_id'));
      return rows.map(toLeverandoer);
    },
    async aendringsmarkoer(): Promise<string> {
      const rows = await client.run<{ rows: Array<{ t: string; n: string | number; h: string | number | null }> }>(db.raw(MARKER_SQL));
      return rows.rows.map((r) => `${r.t}:${r.n}:${r.h ?? 0}`).join(';');
    },
    async *borgere(o): AsyncIterable<Borger[]> {
      const size = batchSizeOf(o);
      for (let after = 0; ;) {
        const rows = await client.run<BorgerRow[]>(
          db('borger').select('borger.*').where('borger.borger_id', '>', after).orderBy('borger.borger_id').limit(size),
        );
        if (!rows.length) return;
        yield rows.map(toBorger);
        if (rows.length < size) return;
        after = rows[rows.length - 1]!.borger_id;
      }
    },
  };
}
