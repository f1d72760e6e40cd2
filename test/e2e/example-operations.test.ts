import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestStack, type TestStack } from '../support/gateway';
import { operation, decodeId, globalId } from '../support/operations';
import { toOere, fromOere } from '../../src/domain/money';

/**
 * Every example operation, over HTTP, on both engines, checked against the sources directly: SQL on the
 * fagsystem and economy databases, and the stand-ins' data (the generated Tilbudsportalen records).
 */
const VARIANTS = [
  { engine: 'mercurius', db: 'postgres' },
  { engine: 'apollo', db: 'postgres' },
  { engine: 'mercurius', db: 'pglite' },
] as const;

// one stack per database, served by each engine in turn
const stacks = new Map<string, Promise<TestStack>>();
const stackFor = (db: 'postgres' | 'pglite') => {
  if (!stacks.has(db)) stacks.set(db, startTestStack({ db }));
  return stacks.get(db)!;
};
afterAll(async () => {
  for (const p of stacks.values()) await (await p).close();
});

for (const { engine, db } of VARIANTS) {
  describe(`example operations on ${engine} over ${db}`, () => {
    let s: TestStack;
    beforeAll(async () => {
      const stack = await stackFor(db);
      s = { ...stack, ...(await stack.engine(engine)) };
    }, 120_000);

    it("Sagsoverblik: a citizen's cases and indsatser with paragraf, tilbud, start, slut and prices", async () => {
      const fag = s.fagsystemDb;
      const { cpr, borger_id } = await fag('borger as b')
        .join('sag as s', 's.borger_id', 'b.borger_id')
        .join('indsats as i', 'i.sag_id', 's.sag_id')
        .groupBy('b.borger_id', 'b.cpr')
        .orderByRaw('count(*) desc, b.borger_id')
        .first('b.cpr', 'b.borger_id');
      const res = await s.graphql(operation('frontend/sagsoverblik.graphql'), { cpr });
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      const borger = res.body.data.borger;
      expect(decodeId(borger.id)).toEqual({ type: 'Borger', key: String(borger_id) });

      const sager = await fag('sag').where({ borger_id }).orderBy('sag_id').select('sag_id', 'sagsnummer', 'status');
      expect(borger.sager.map((x: any) => x.sagsnummer).sort()).toEqual(sager.map((x: any) => x.sagsnummer).sort());

      const indsatser = await fag('indsats as i')
        .join('sag as s', 's.sag_id', 'i.sag_id')
        .join('leverandoer as l', 'l.leverandoer_id', 'i.leverandoer_id')
        .where('s.borger_id', borger_id)
        .select('i.*', 'l.navn as leverandoer_navn', 's.sagsnummer');
      const got = borger.sager.flatMap((x: any) => x.indsatser);
      expect(got).toHaveLength(indsatser.length);
      for (const row of indsatser) {
        const g = got.find((x: any) => decodeId(x.id).key === String(row.indsats_id));
        expect(g, `indsats ${row.indsats_id}`).toBeDefined();
        expect(g.paragraf.kode).toBe(row.paragraf);
        expect(g.tilbudstype.kode).toBe(row.tilbudstype);
        expect(g.leverandoer.navn).toBe(row.leverandoer_navn);
        expect(g.forventetStart).toBe(row.forventet_start);
        expect(g.forventetSlut).toBe(row.forventet_slut);
        expect(g.faktiskStart).toBe(row.faktisk_start);
        expect(g.faktiskSlut).toBe(row.faktisk_slut);
        // VUM ID 51 from the row's own columns: units × (52/12 if weekly) × unit price
        const perPeriod = (toOere(String(row.antal_enheder)) * toOere(String(row.enhedspris))) / 100;
        const perMonth = Math.round(row.ydelsesfrekvens === 'UGE' ? (perPeriod * 52) / 12 : perPeriod);
        expect(g.priser.forventet.prMaaned).toBe(fromOere(perMonth));
        // the fagsystem's kontraktpris: the bestilling valid today (asOf), else the latest
        const today = s.municipality.asOf;
        const best = await fag('bestilling')
          .where({ indsats_id: row.indsats_id })
          .orderBy([
            { column: 'gyldig_fra', order: 'desc' },
            { column: 'bestilling_id', order: 'desc' },
          ])
          .select();
        const valid = best.filter((b: any) => b.gyldig_fra <= today && (b.gyldig_til === null || b.gyldig_til >= today));
        const current = (valid.length ? valid : best)[0];
        expect(g.priser.kontraktFagsystem).toBe(current ? fromOere(toOere(String(current.kontraktpris_pr_maaned))) : null);
        expect(g.priser.faktisk).not.toBeNull();
        expect(g.priser.faktisk.indevaerendeAar).toMatch(/^-?\d+\.\d{2}$/);
      }
    });

    it("ForfaldneOpfoelgninger: a team's due follow-ups, oldest first, paged", async () => {
      const fag = s.fagsystemDb;
      const today = s.municipality.asOf;
      const { team_id } = await fag('opfoelgning as o')
        .join('indsats as i', 'i.indsats_id', 'o.indsats_id')
        .join('sag as s', 's.sag_id', 'i.sag_id')
        .whereNull('o.udfoert_dato')
        .groupBy('s.team_id')
        .orderByRaw('count(*) desc')
        .first('s.team_id');
      const expected = await fag('opfoelgning as o')
        .join('indsats as i', 'i.indsats_id', 'o.indsats_id')
        .join('sag as s', 's.sag_id', 'i.sag_id')
        .where('s.team_id', team_id)
        .whereNull('o.udfoert_dato')
        .where('o.planlagt_dato', '<=', today)
        .orderBy([{ column: 'o.planlagt_dato' }, { column: 'o.opfoelgning_id' }])
        .select('o.opfoelgning_id', 'o.planlagt_dato');
      expect(expected.length).toBeGreaterThan(3);
      const seen: any[] = [];
      let after: string | null = null;
      let total = -1;
      do {
        const res: { body: any } = await s.graphql(operation('sagsbehandling/forfaldne-opfoelgninger.graphql'), {
          team: globalId('Team', team_id),
          senest: today,
          first: 3,
          after,
        });
        expect(res.body.errors).toBeUndefined();
        const c: any = res.body.data.opfoelgninger;
        total = c.totalCount;
        seen.push(...c.nodes);
        after = c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null;
      } while (after);
      expect(total).toBe(expected.length);
      expect(seen.map((n) => Number(decodeId(n.id).key))).toEqual(expected.map((e: any) => e.opfoelgning_id));
      for (const [k, n] of seen.entries()) {
        expect(n.planlagtDato).toBe(expected[k].planlagt_dato);
        expect(n.overskredet).toBe(expected[k].planlagt_dato < today);
      }
    });

    it("KontraktVsFaktiskPrLeverandoer: one provider's indsatser with both kontraktpriser and the takst", async () => {
      const fag = s.fagsystemDb;
      const lev = await fag('leverandoer as l')
        .join('indsats as i', 'i.leverandoer_id', 'l.leverandoer_id')
        .whereNotNull('l.tilbudsid')
        .where('l.intern', false)
        .groupBy('l.leverandoer_id')
        .orderByRaw('count(*) desc')
        .first('l.leverandoer_id', 'l.tilbudsid', 'l.afdelingsid');
      const res = await s.graphql(operation('oekonomi/kontrakt-vs-faktisk-pr-leverandoer.graphql'), {
        leverandoer: globalId('Leverandoer', lev.leverandoer_id),
      });
      expect(res.body.errors).toBeUndefined();
      const nodes = res.body.data.indsatser.nodes;
      const rows = await fag('indsats as i')
        .join('sag as s', 's.sag_id', 'i.sag_id')
        .join('borger as b', 'b.borger_id', 's.borger_id')
        .where('i.leverandoer_id', lev.leverandoer_id)
        .orderBy('i.indsats_id')
        .select('i.*', 'b.cpr');
      expect(res.body.data.indsatser.totalCount).toBe(rows.length);
      expect(nodes.map((n: any) => Number(decodeId(n.id).key))).toEqual(rows.map((r: any) => r.indsats_id));
      const tilbud = s.municipality.tilbudsportalen.find((t) => t.tilbudsid === lev.tilbudsid && t.afdelingsid === lev.afdelingsid)!;
      const year = Number(s.municipality.asOf.slice(0, 4));
      const today = s.municipality.asOf;
      let kontraktOekonomiSeen = 0;
      for (const [k, row] of rows.entries()) {
        const n = nodes[k];
        // economy truth: the contract register entry on the citizen's CPR and the indsats' account valid today
        const kontrakter = await s.oekonomiDb('kontrakt').where({ cpr: row.cpr, konto: row.kontonummer }).select();
        const start = row.faktisk_start ?? row.forventet_start;
        const slut = row.faktisk_slut ?? row.forventet_slut;
        const overlapping = kontrakter.filter((c: any) => (slut === null || c.gyldig_fra <= slut) && (c.gyldig_til === null || c.gyldig_til >= start));
        const valid = overlapping.filter((c: any) => c.gyldig_fra <= today && (c.gyldig_til === null || c.gyldig_til >= today));
        const pick = (valid.length ? valid : overlapping).sort(
          (a: any, b: any) => b.gyldig_fra.localeCompare(a.gyldig_fra) || b.kontrakt_nr.localeCompare(a.kontrakt_nr),
        )[0];
        expect(n.priser.kontraktOekonomi).toBe(pick ? fromOere(toOere(String(pick.beloeb_pr_maaned))) : null);
        if (pick) kontraktOekonomiSeen++;
        // Tilbudsportalen truth: a monthly takst for the paragraph this year is shown as is
        const monthly = tilbud.takster.filter((t) => t.aar === year && t.paragraf === row.paragraf && t.enhed === 'MAANED');
        if (monthly.length === 1 && monthly[0]!.ydelseskode === null) expect(n.priser.takst).toBe(fromOere(toOere(monthly[0]!.takst)));
        if (!tilbud.takster.some((t) => t.aar === year && t.paragraf === row.paragraf)) expect(n.priser.takst).toBeNull();
      }
      expect(kontraktOekonomiSeen).toBeGreaterThan(0);
    });

    it('IndsatserPrParagraf: active indsatser under given paragraphs in a period, with target groups', async () => {
      const fag = s.fagsystemDb;
      const fra = '2025-01-01';
      const til = '2025-12-31';
      const paragraf = ['SEL85', 'SEL107', 'SEL108'];
      const expected = await fag('indsats')
        .whereIn('paragraf', paragraf)
        .where('forventet_start', '<=', til)
        .where((q) => q.whereRaw('coalesce(faktisk_slut, forventet_slut) >= ?', [fra]).orWhereRaw('coalesce(faktisk_slut, forventet_slut) is null'))
        .orderBy('indsats_id')
        .pluck('indsats_id');
      const got: any[] = [];
      let after: string | null = null;
      do {
        const res: { body: any } = await s.graphql(operation('bi/indsatser-pr-paragraf.graphql'), { paragraf, fra, til, first: 100, after });
        expect(res.body.errors).toBeUndefined();
        expect(res.body.data.indsatser.totalCount).toBe(expected.length);
        got.push(...res.body.data.indsatser.nodes);
        after = res.body.data.indsatser.pageInfo.hasNextPage ? res.body.data.indsatser.pageInfo.endCursor : null;
      } while (after);
      expect(got.map((n) => Number(decodeId(n.id).key))).toEqual(expected);
      const sample = got[0];
      const borgerId = Number(decodeId(sample.sag.borger.id).key);
      const groups = await fag('borger_maalgruppe').where({ borger_id: borgerId }).pluck('maalgruppe_kode');
      expect(sample.sag.borger.maalgrupper.map((m: any) => m.maalgruppe.kode).sort()).toEqual([...groups].sort());
    });
  });
}
