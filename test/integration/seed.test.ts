import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Knex } from 'knex';
import { openDatabase } from '../../src/db/open';
import { toOere } from '../../src/domain/money';
import { generateMunicipality } from '../../simulators/generator';
import { loadMunicipality } from '../../simulators/load';
import { seedOekonomi } from '../../simulators/oekonomi/seed';
import type { Municipality } from '../../simulators/model';
import { createTempDatabase, type TempDatabase } from '../support/postgres';

/**
 * Seeds the `test` municipality into embedded PGlite and into throw-away databases on the real
 * PostgreSQL server, then checks with SQL that what is in the databases is what was generated: row
 * counts, money sums per account (in øre, computed here from the generated rows) and a few exact rows.
 */
let m: Municipality;
const temps: TempDatabase[] = [];
const dbs: Knex[] = [];

const isoDate = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
const isoTimestamp = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 19) : String(v).replace(' ', 'T').slice(0, 19));

function sumsByKey<T>(rows: readonly T[], key: (r: T) => string, amount: (r: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + toOere(amount(r)));
  return out;
}

async function targets(): Promise<[string, { fagsystem: Knex; oekonomi: Knex }][]> {
  const fagTemp = await createTempDatabase('seed_fag');
  const oekTemp = await createTempDatabase('seed_oek');
  temps.push(fagTemp, oekTemp);
  const pg = { fagsystem: openDatabase({ kind: 'postgres', url: fagTemp.url }), oekonomi: openDatabase({ kind: 'postgres', url: oekTemp.url }) };
  const lite = { fagsystem: openDatabase({ kind: 'pglite' }), oekonomi: openDatabase({ kind: 'pglite' }) };
  dbs.push(pg.fagsystem, pg.oekonomi, lite.fagsystem, lite.oekonomi);
  return [
    ['PostgreSQL', pg],
    ['PGlite', lite],
  ];
}

let engines: [string, { fagsystem: Knex; oekonomi: Knex }][];

beforeAll(async () => {
  m = generateMunicipality({ preset: 'test', seed: 5 });
  engines = await targets();
  for (const [, t] of engines) await loadMunicipality(t, m);
});

afterAll(async () => {
  for (const db of dbs) await db.destroy();
  for (const t of temps) await t.drop();
});

describe.each(['PostgreSQL', 'PGlite'])('seeded into %s', (engine) => {
  const target = () => engines.find(([name]) => name === engine)![1];

  it('has every generated row in every fagsystem and economy table', async () => {
    const { fagsystem, oekonomi } = target();
    const expected: [Knex, string, number][] = [
      [fagsystem, 'borger', m.fagsystem.borgere.length],
      [fagsystem, 'leverandoer', m.fagsystem.leverandoerer.length],
      [fagsystem, 'sag', m.fagsystem.sager.length],
      [fagsystem, 'afgoerelse', m.fagsystem.afgoerelser.length],
      [fagsystem, 'indsats', m.fagsystem.indsatser.length],
      [fagsystem, 'ydelse', m.fagsystem.ydelser.length],
      [fagsystem, 'bestilling', m.fagsystem.bestillinger.length],
      [fagsystem, 'funktionsevnevurdering', m.fagsystem.funktionsevnevurderinger.length],
      [fagsystem, 'opfoelgning', m.fagsystem.opfoelgninger.length],
      [oekonomi, 'konto', m.oekonomi.konti.length],
      [oekonomi, 'kreditor', m.oekonomi.kreditorer.length],
      [oekonomi, 'kontrakt', m.oekonomi.kontrakter.length],
      [oekonomi, 'postering', m.oekonomi.posteringer.length],
      [oekonomi, 'budget', m.oekonomi.budgetter.length],
    ];
    for (const [db, table, n] of expected) {
      const row = await db(table).count<{ n: string | number }[]>('* as n').first();
      expect(Number(row!.n), table).toBe(n);
    }
  });

  it('has the exact posting total per account, in øre', async () => {
    const rows = (await target().oekonomi('postering').select('konto').sum({ s: 'beloeb' }).groupBy('konto')) as unknown as { konto: string; s: string }[];
    const expected = sumsByKey(
      m.oekonomi.posteringer,
      (p) => p.konto,
      (p) => p.beloeb,
    );
    expect(new Map(rows.map((r) => [r.konto, toOere(String(r.s))]))).toEqual(expected);
  });

  it('has the exact contract amounts per creditor and kontraktpris per provider', async () => {
    const kontrakter = (await target().oekonomi('kontrakt').select('kreditor_nr').sum({ s: 'beloeb_pr_maaned' }).groupBy('kreditor_nr')) as unknown as {
      kreditor_nr: string;
      s: string;
    }[];
    expect(new Map(kontrakter.map((r) => [r.kreditor_nr, toOere(String(r.s))]))).toEqual(
      sumsByKey(
        m.oekonomi.kontrakter,
        (k) => k.kreditor_nr,
        (k) => k.beloeb_pr_maaned,
      ),
    );
    const bestillinger = (await target()
      .fagsystem('bestilling')
      .select('leverandoer_id')
      .sum({ s: 'kontraktpris_pr_maaned' })
      .groupBy('leverandoer_id')) as unknown as { leverandoer_id: number; s: string }[];
    expect(new Map(bestillinger.map((r) => [String(r.leverandoer_id), toOere(String(r.s))]))).toEqual(
      sumsByKey(
        m.fagsystem.bestillinger,
        (b) => String(b.leverandoer_id),
        (b) => b.kontraktpris_pr_maaned,
      ),
    );
  });

  it('round-trips dates, timestamps, nulls and booleans unchanged', async () => {
    const { fagsystem, oekonomi } = target();
    const last = m.oekonomi.posteringer[m.oekonomi.posteringer.length - 1]!;
    const p = await oekonomi('postering').where({ bilagsnr: last.bilagsnr }).first();
    expect({
      ...p,
      postering_id: Number(p.postering_id),
      bilagsdato: isoDate(p.bilagsdato),
      periode_fra: isoDate(p.periode_fra),
      periode_til: isoDate(p.periode_til),
      registreret: isoTimestamp(p.registreret),
      beloeb: String(p.beloeb),
    }).toEqual(last);
    const ended = m.fagsystem.indsatser.find((i) => i.faktisk_slut !== null && i.integrations_id === null)!;
    const i = await fagsystem('indsats').where({ indsats_id: ended.indsats_id }).first();
    expect([isoDate(i.faktisk_start), isoDate(i.faktisk_slut), i.integrations_id, String(i.enhedspris)]).toEqual([
      ended.faktisk_start,
      ended.faktisk_slut,
      null,
      ended.enhedspris,
    ]);
    const internal = await fagsystem('leverandoer').where({ intern: true, afregnes_pr_borger: false }).count<{ n: string | number }[]>('* as n').first();
    expect(Number(internal!.n)).toBe(m.fagsystem.leverandoerer.filter((l) => l.intern && !l.afregnes_pr_borger).length);
  });

  it('keeps the secondary indexes the schema declares after the bulk load', async () => {
    const rows = await target().oekonomi.raw(`select indexname from pg_indexes where tablename = 'postering' order by indexname`);
    const names = (rows.rows as { indexname: string }[]).map((r) => r.indexname);
    expect(names).toEqual(
      expect.arrayContaining([
        'postering_cpr_index',
        'postering_konto_periode_fra_index',
        'postering_kreditor_nr_index',
        'postering_registreret_index',
        'postering_integrations_id_index',
      ]),
    );
  });

  it('rejects and rolls back a load whose posting references a missing account, naming the foreign key', async () => {
    const broken = { ...m.oekonomi, posteringer: [...m.oekonomi.posteringer.slice(0, 10), { ...m.oekonomi.posteringer[10]!, konto: '9.99.99' }] };
    const db = target().oekonomi;
    await expect(seedOekonomi(db, broken)).rejects.toThrow(/foreign key|violates/);
    const n = await db('postering').count<{ n: string | number }[]>('* as n').first();
    expect(Number(n!.n)).toBe(0);
    // reseeding the right data afterwards works: the seeder drops and recreates its schema
    await seedOekonomi(db, m.oekonomi);
    const again = await db('postering').count<{ n: string | number }[]>('* as n').first();
    expect(Number(again!.n)).toBe(m.oekonomi.posteringer.length);
  });
});
