import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { TestStack } from '../support/gateway';
import { startReconciledStack } from '../support/reconciled-stack';
import type { ReconcileScheduler } from '../../src/reconcile/job/scheduler';
import { countBy } from '../support/analyse-truth';
import { kontraktPerLeverandoerOgMaaned } from '../support/kontrakt-truth';
import { toGlobalId } from '../../src/graphql/global-id';

/**
 * The seeds' named questions, each one request, checked against the generator's rows: rettidig opfølgning,
 * sagsbehandlingstid, potentially overlapping services, and "pris indeværende år" in the sagsoverblik.
 */
let stack: TestStack;
let scheduler: ReconcileScheduler;
let twin: { original: number; id: number };
beforeAll(async () => {
  ({ stack, scheduler } = await startReconciledStack({
    beforeRun: async (p) => {
      // the overlapping services are planted by the generator (manifest.overlappendeYdelser); the twin below
      // is kept clear of them, so that truth stays the whole truth
      const overlapping = new Set((p.municipality.manifest.overlappendeYdelser ?? []).flatMap((o) => [o.indsats_id, o.andet_indsats_id]));
      // a twin of a clean, paid indsats (same case, provider, account, period and price): its postings now fit
      // two indsatser equally and must be left TVETYDIG — with both named, and placed in their common groups
      const planted = new Set(p.municipality.manifest.planted.flatMap((x) => (x.indsats_id ? [x.indsats_id] : [])));
      const paid = new Set(Object.values(p.municipality.manifest.posteringer));
      const original = p.municipality.fagsystem.indsatser.find(
        (i) =>
          i.status === 'AKTIV' &&
          !planted.has(i.indsats_id) &&
          paid.has(i.indsats_id) &&
          !overlapping.has(i.indsats_id) &&
          !['SEL85', 'ABL105', 'SEL107', 'SEL108'].includes(i.paragraf),
      )!;
      twin = { original: original.indsats_id, id: 9_100_000 };
      await p.fagsystemDb('indsats').insert({ ...original, indsats_id: twin.id, integrations_id: null });
      const orders = p.municipality.fagsystem.bestillinger.filter((b) => b.indsats_id === original.indsats_id);
      await p.fagsystemDb('bestilling').insert(orders.map((b, k) => ({ ...b, bestilling_id: 9_100_000 + k, indsats_id: twin.id })));
    },
  }));
}, 240_000);
afterAll(async () => {
  await scheduler?.stop();
  await stack?.close();
});

const G = `{ grupper { dimensioner { vaerdi } vaerdier } iAlt { vaerdier } }`;
type Gruppe = { dimensioner: Array<{ vaerdi: string }>; vaerdier: Array<string | null> };
const key = (g: Gruppe) => g.dimensioner.map((d) => d.vaerdi).join('|');
/** one decimal, half away from zero, from an exact fraction */
const avg1 = (sum: number, n: number) => (n === 0 ? null : (Math.round((sum * 10) / n) / 10).toFixed(1));
const median1 = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return m.toFixed(1);
};
const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

for (const engine of ['mercurius', 'apollo'] as const) {
  describe(`named questions on ${engine}`, () => {
    const gql = async (q: string, v?: Record<string, unknown>) => {
      const res = await (await stack.engine(engine)).graphql(q, v);
      expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
      return res.body.data;
    };

    it('rettidig opfølgning: counts per state and days late', async () => {
      const idag = stack.municipality.asOf;
      const d = await gql(`{ rettidigOpfoelgning ${G} }`);
      const state = (o: { udfoert_dato: string | null; planlagt_dato: string }) =>
        o.udfoert_dato !== null ? (o.udfoert_dato <= o.planlagt_dato ? 'RETTIDIG' : 'FOR_SENT') : o.planlagt_dato < idag ? 'OVERSKREDET' : 'IKKE_FORFALDEN';
      const late = (o: { udfoert_dato: string | null; planlagt_dato: string }) =>
        o.udfoert_dato !== null ? Math.max(0, days(o.planlagt_dato, o.udfoert_dato)) : o.planlagt_dato < idag ? days(o.planlagt_dato, idag) : null;
      const groups = new Map<string, number[]>();
      const counts = new Map<string, number>();
      for (const o of stack.municipality.fagsystem.opfoelgninger) {
        const s = state(o);
        counts.set(s, (counts.get(s) ?? 0) + 1);
        const l = late(o);
        if (l !== null) groups.set(s, [...(groups.get(s) ?? []), l]);
      }
      const got = new Map(d.rettidigOpfoelgning.grupper.map((g: Gruppe) => [key(g), g.vaerdier]));
      expect(got.size).toBe(counts.size);
      expect(counts.get('OVERSKREDET')).toBeGreaterThan(0);
      for (const [s, n] of counts) {
        const l = groups.get(s) ?? [];
        expect(got.get(s), s).toEqual([
          String(n),
          avg1(
            l.reduce((a, x) => a + x, 0),
            l.length,
          ),
          l.length ? String(Math.max(...l)) : null,
        ]);
      }
    });

    it('sagsbehandlingstid between the VUM phase dates per team', async () => {
      const d = await gql(`{ sagsbehandlingstid(grupperPaa: [TEAM]) ${G} }`);
      const m = stack.municipality;
      const foerste = new Map<number, string>();
      for (const a of m.fagsystem.afgoerelser)
        if (!foerste.has(a.sag_id) || a.afgoerelsesdato < foerste.get(a.sag_id)!) foerste.set(a.sag_id, a.afgoerelsesdato);
      const got = new Map(d.sagsbehandlingstid.grupper.map((g: Gruppe) => [key(g), g.vaerdier]));
      for (const t of m.fagsystem.teams) {
        const sager = m.fagsystem.sager.filter((s) => s.team_id === t.team_id);
        if (!sager.length) continue;
        const phase = (f: (s: (typeof sager)[number]) => number | null) => {
          const xs = sager.map(f).filter((x): x is number => x !== null);
          return [
            avg1(
              xs.reduce((a, x) => a + x, 0),
              xs.length,
            ),
            median1(xs),
            xs.length ? String(Math.max(...xs)) : null,
          ];
        };
        expect(got.get(toGlobalId('Team', t.team_id)), t.navn).toEqual([
          String(sager.length),
          ...phase((s) => (s.sagsoplysning_start ? days(s.sag_aabnet, s.sagsoplysning_start) : null)),
          ...phase((s) => (s.sagsvurdering_start && s.sagsoplysning_start ? days(s.sagsoplysning_start, s.sagsvurdering_start) : null)),
          ...phase((s) => (foerste.has(s.sag_id) ? days(s.sag_aabnet, foerste.get(s.sag_id)!) : null)),
        ]);
      }
    });

    it('potentially overlapping services: § 85 beside ABL § 105 / SEL § 107 / § 108 at the same time (the generator planted them)', async () => {
      const d = await gql(`{ overlappendeYdelser ${G} }`);
      const truth = stack.municipality.manifest.overlappendeYdelser ?? [];
      // the planted pairs: some still running, some ended since (an overlap in the past still counts)
      expect(truth.some((o) => o.til === null)).toBe(true);
      expect(truth.some((o) => o.til !== null)).toBe(true);
      const citizens = countBy(
        truth,
        (o) => o.kombination,
        (o) => o.borger_id,
      );
      const got = new Map(d.overlappendeYdelser.grupper.map((g: Gruppe) => [key(g), g.vaerdier]));
      expect(got.size).toBe(citizens.size);
      for (const [k, set] of citizens) {
        expect((got.get(k!) as string[])[0], k!).toBe(String(set.size));
        expect((got.get(k!) as string[])[1], k!).toBe(String(truth.filter((o) => o.kombination === k).length));
      }
    });

    it('overlapping services are also an afvigelse kind: one per planted pair, with its period', async () => {
      const d = await gql(`{ afvigelser(filter: { arter: [OVERLAPPENDE_YDELSER] }, first: 500) { nodes { indsats { id } detaljer { noegle vaerdi } } } }`);
      const truth = stack.municipality.manifest.overlappendeYdelser ?? [];
      const idag = stack.municipality.asOf;
      const pair = (indsatsId: string, andet: string | number) => `${indsatsId}|${andet}`;
      const detalje = (n: { detaljer: Array<{ noegle: string; vaerdi: string | null }> }, k: string) => n.detaljer.find((x) => x.noegle === k)?.vaerdi ?? null;
      const got = new Map<string, { fra: string | null; til: string | null }>(
        d.afvigelser.nodes.map((n: { indsats: { id: string }; detaljer: Array<{ noegle: string; vaerdi: string | null }> }) => [
          pair(n.indsats.id, detalje(n, 'andenIndsats')!),
          { fra: detalje(n, 'fra'), til: detalje(n, 'til') },
        ]),
      );
      expect(truth.length).toBeGreaterThan(0);
      expect([...got.keys()].sort()).toEqual(truth.map((o) => pair(toGlobalId('Indsats', o.indsats_id), o.andet_indsats_id)).sort());
      for (const o of truth) {
        const f = got.get(pair(toGlobalId('Indsats', o.indsats_id), o.andet_indsats_id))!;
        expect(f.fra, `${o.indsats_id}+${o.andet_indsats_id}`).toBe(o.fra);
        // an ended overlap ends where the truth says; a running one is open or ends at a planned end not yet reached
        if (o.til !== null) expect(f.til, `${o.indsats_id}+${o.andet_indsats_id}`).toBe(o.til);
        else expect(f.til === null || f.til >= idag, `${o.indsats_id}+${o.andet_indsats_id}: ${f.til}`).toBe(true);
      }
    });

    it('ambiguous postings: both candidates named, and counted in the groups all candidates share', async () => {
      const m = stack.municipality;
      const d = await gql(
        `{ afvigelser(filter: { arter: [POSTERING_TVETYDIG] }, first: 500) { nodes { beloeb maaned postering { bilagsnr } kandidater { id } } } }`,
      );
      const ours = d.afvigelser.nodes.filter((n: { kandidater: Array<{ id: string }> }) => n.kandidater.some((k) => k.id === toGlobalId('Indsats', twin.id)));
      const truth = m.oekonomi.posteringer.filter((p) => m.manifest.posteringer[p.bilagsnr] === twin.original && !p.integrations_id);
      expect(ours.length).toBeGreaterThan(0);
      // every posting of the original (not sent with an integration id) is now ambiguous between the twins
      const oursBilag = new Set(ours.map((n: { postering: { bilagsnr: string } }) => n.postering.bilagsnr));
      for (const p of truth) expect(oursBilag.has(p.bilagsnr), p.bilagsnr).toBe(true);
      const truthBilag = new Set(truth.map((p) => p.bilagsnr));
      for (const n of ours.filter((x: { postering: { bilagsnr: string } }) => truthBilag.has(x.postering.bilagsnr))) {
        expect(n.kandidater.map((k: { id: string }) => k.id).sort()).toEqual([toGlobalId('Indsats', twin.original), toGlobalId('Indsats', twin.id)].sort());
      }
      // both candidates share provider and account: the money is in that provider's group, marked unresolved
      const original = m.fagsystem.indsatser.find((i) => i.indsats_id === twin.original)!;
      const q = `query($f: AnalyseFilter) { analyse(emne: INDSATSMAANED, maal: [{ funktion: SUM, felt: UAFKLARET }, { funktion: SUM, felt: FAKTISK }], grupperPaa: [LEVERANDOER, KONTO], filter: $f) ${G} }`;
      const a = await gql(q, { f: { leverandoer: [toGlobalId('Leverandoer', original.leverandoer_id)], konto: [original.kontonummer] } });
      const all = await gql(q, {});
      const sumOere = (xs: Array<{ beloeb: string }>) => xs.reduce((s2, x) => s2 + Math.round(Number(x.beloeb) * 100), 0);
      const group = a.analyse.grupper[0];
      expect(group.dimensioner.map((x: { vaerdi: string }) => x.vaerdi)).toEqual([toGlobalId('Leverandoer', original.leverandoer_id), original.kontonummer]);
      expect(Math.round(Number(group.vaerdier[0]) * 100)).toBeGreaterThanOrEqual(sumOere(truth.map((p) => ({ beloeb: p.beloeb }))));
      // every unresolved krone is in some group, and the total equals all ambiguous postings
      expect(Math.round(Number(all.analyse.iAlt.vaerdier[0]) * 100)).toBe(sumOere(d.afvigelser.nodes));
    });

    it('contract vs actual per provider and month: every group faktisk and kontrakt is the ground truth for that provider and month', async () => {
      const m = stack.municipality;
      const aar = Number(m.asOf.slice(0, 4)) - 1;
      const leverandoer = new Map(m.fagsystem.indsatser.map((i) => [i.indsats_id, i.leverandoer_id]));
      leverandoer.set(twin.id, leverandoer.get(twin.original)!);
      // the truth: every posting that pays for an indsats, at that indsats' provider, in the month its service period starts
      const truth = new Map<string, number>();
      for (const p of m.oekonomi.posteringer) {
        const id = m.manifest.posteringer[p.bilagsnr];
        if (id == null || !p.periode_fra.startsWith(String(aar))) continue;
        const k = `${toGlobalId('Leverandoer', leverandoer.get(id)!)}|${p.periode_fra.slice(0, 7)}`;
        truth.set(k, (truth.get(k) ?? 0) + Math.round(Number(p.beloeb) * 100));
      }
      const d = await gql(
        `query($f: AnalyseFilter) { analyse(emne: INDSATSMAANED, maal: [{ funktion: SUM, felt: FAKTISK }, { funktion: SUM, felt: KONTRAKT }], grupperPaa: [LEVERANDOER, MAANED], filter: $f, foerste: 10000) { antalGrupper afkortet ${G.slice(1)} }`,
        { f: { periode: { fra: `${aar}-01-01`, til: `${aar}-12-31` } } },
      );
      expect(d.analyse.afkortet).toBe(false);
      const got = new Map<string, number>(
        d.analyse.grupper.map((g: Gruppe) => [key(g), Math.round(Number(g.vaerdier[0] ?? 0) * 100)] as const).filter(([, v]: [string, number]) => v !== 0),
      );
      expect(truth.size).toBeGreaterThan(10);
      expect(new Set(got.keys())).toEqual(new Set([...truth].filter(([, v]) => v !== 0).map(([k]) => k)));
      for (const [k, v] of truth) if (v !== 0) expect(got.get(k), k).toBe(v);
      // the total over every group is the truth's money for the year
      expect(Math.round(Number(d.analyse.iAlt.vaerdier[0]) * 100)).toBe([...truth.values()].reduce((a, b) => a + b, 0));

      // KONTRAKT: the contract prices from the sources (SQL on the fagsystem's bestillinger, the economy's contract
      // register where it differs); every month of the year lies in the ledger's months, so every month is priced
      expect(m.oekonomi.posteringer.some((p) => p.periode_fra <= `${aar}-01-01`)).toBe(true);
      const kontrakt = await kontraktPerLeverandoerOgMaaned(stack.fagsystemDb, m, aar);
      const gotKontrakt = new Map<string, number>(
        d.analyse.grupper
          .map((g: Gruppe) => [key(g), g.vaerdier[1] === null ? 0 : Math.round(Number(g.vaerdier[1]) * 100)] as const)
          .filter(([, v]: [string, number]) => v !== 0),
      );
      const truthKontrakt = new Map(
        [...kontrakt].filter(([, v]) => v !== 0).map(([k, v]) => [`${toGlobalId('Leverandoer', Number(k.split('|')[0]))}|${k.split('|')[1]}`, v]),
      );
      expect(truthKontrakt.size).toBeGreaterThan(10);
      expect(new Set(gotKontrakt.keys())).toEqual(new Set(truthKontrakt.keys()));
      for (const [k, v] of truthKontrakt) expect(gotKontrakt.get(k), k).toBe(v);
      expect(Math.round(Number(d.analyse.iAlt.vaerdier[1]) * 100)).toBe([...truthKontrakt.values()].reduce((a, b) => a + b, 0));
    });

    it('distinct citizens per provider in a year of indsats-months, exact for a role that sees CPR and suppressed below 5 for bi', async () => {
      const m = stack.municipality;
      const aar = Number(m.asOf.slice(0, 4)) - 1;
      // the truth: the citizen of every indsats that ran in the year (actual dates where known; SQL on the
      // fagsystem, the twin included) and of every indsats a posting of the year truly pays for (the manifest)
      const ran = await stack.fagsystemDb.raw(
        `with x as (
           select i.leverandoer_id, s.borger_id, i.status, coalesce(i.faktisk_start, i.forventet_start) as start,
                  case when i.faktisk_start is not null then i.faktisk_slut else i.forventet_slut end as slut
             from indsats i join sag s on s.sag_id = i.sag_id)
         select leverandoer_id, borger_id from x where status <> 'BEVILGET' and start <= ? and (slut is null or slut >= ?)`,
        [`${aar}-12-31`, `${aar}-01-01`],
      );
      const sagBorger = new Map(m.fagsystem.sager.map((x) => [x.sag_id, x.borger_id]));
      const indsats = new Map(m.fagsystem.indsatser.map((i) => [i.indsats_id, i]));
      const paid = m.oekonomi.posteringer.flatMap((p) => {
        const id = m.manifest.posteringer[p.bilagsnr];
        if (id == null || !p.periode_fra.startsWith(String(aar))) return [];
        const i = indsats.get(id)!;
        return [{ leverandoer_id: i.leverandoer_id, borger_id: sagBorger.get(i.sag_id)! }];
      });
      const truth = countBy(
        [...(ran.rows as Array<{ leverandoer_id: number; borger_id: number }>), ...paid],
        (r) => toGlobalId('Leverandoer', r.leverandoer_id),
        (r) => r.borger_id,
      );
      const q = `query($f: AnalyseFilter) { analyse(emne: INDSATSMAANED, maal: [{ funktion: ANTAL_DISTINKTE, felt: BORGER }], grupperPaa: [LEVERANDOER], filter: $f, foerste: 10000) {
        grupper { dimensioner { vaerdi } vaerdier antalBorgere undertrykt } iAlt { vaerdier } } }`;
      const f = { f: { periode: { fra: `${aar}-01-01`, til: `${aar}-12-31` } } };
      const d = await gql(q, f);
      const got = new Map(d.analyse.grupper.map((g: Gruppe) => [key(g), Number(g.vaerdier[0])]));
      expect(got).toEqual(new Map([...truth].map(([k, v]) => [k, v.size])));
      expect(Number(d.analyse.iAlt.vaerdier[0])).toBe(new Set([...truth.values()].flatMap((v) => [...v])).size);

      // bi sees citizens by pseudonym: a provider with 1–4 citizens in the year is suppressed, the others are shown
      const bi = await stack.token({ roles: ['bi'] });
      const res = await (await stack.engine(engine)).graphql(q, f, { authorization: `Bearer ${bi}`, 'x-formaal': 'ANALYSE' });
      expect(res.body.errors).toBeUndefined();
      const grupper = res.body.data.analyse.grupper as Array<Gruppe & { antalBorgere: number | null; undertrykt: boolean }>;
      const small = [...truth].filter(([, v]) => v.size < 5).map(([k]) => String(k));
      expect(small.length).toBeGreaterThan(0);
      for (const k of small) expect(grupper.find((g) => key(g) === k)!.undertrykt, k).toBe(true);
      const shown = grupper.filter((g) => !g.undertrykt);
      // at most one more (complementary suppression when exactly one cell is small)
      expect(shown.length).toBeGreaterThanOrEqual(truth.size - small.length - (small.length === 1 ? 1 : 0));
      for (const g of shown) expect(g.antalBorgere, key(g)).toBe(truth.get(key(g))!.size);
    });

    it('pris indeværende år per indsats and per citizen in the sagsoverblik', async () => {
      const m = stack.municipality;
      const aar = m.asOf.slice(0, 4);
      // a case whose indsatser have clean postings (nothing planted on them): the matched money is the truth
      const planted = new Set(m.manifest.planted.flatMap((p) => (p.indsats_id ? [p.indsats_id] : [])));
      const truthPaid = new Map<number, number>();
      for (const p of m.oekonomi.posteringer) {
        const id = m.manifest.posteringer[p.bilagsnr];
        if (id != null && p.periode_fra.startsWith(aar)) truthPaid.set(id, (truthPaid.get(id) ?? 0) + Math.round(Number(p.beloeb) * 100));
      }
      const sag = m.fagsystem.sager.find((s) => {
        const is = m.fagsystem.indsatser.filter((i) => i.sag_id === s.sag_id);
        return is.length >= 2 && is.every((i) => !planted.has(i.indsats_id)) && is.some((i) => truthPaid.has(i.indsats_id));
      })!;
      const d = await gql(
        `query($n: String!) { sag(sagsnummer: $n) { borger { prisIndevaerendeAar { forventet kontrakt betalt } }
        indsatser { id prisIndevaerendeAar { aar forventet kontrakt betalt dageIAar } } } }`,
        { n: sag.sagsnummer },
      );
      let sumPaid = 0;
      for (const row of d.sag.indsatser) {
        const i = m.fagsystem.indsatser.find((x) => toGlobalId('Indsats', x.indsats_id) === row.id)!;
        const start = i.faktisk_start ?? i.forventet_start;
        const slut = i.faktisk_slut ?? (i.faktisk_start ? null : i.forventet_slut);
        const from = start > `${aar}-01-01` ? start : `${aar}-01-01`;
        const to = slut === null || slut > `${aar}-12-31` ? `${aar}-12-31` : slut;
        const dage = to < from ? 0 : days(from, to) + 1;
        expect(row.prisIndevaerendeAar.dageIAar).toBe(dage);
        const perPeriod = Math.round(i.antal_enheder * 100) * Math.round(Number(i.enhedspris) * 100);
        const perMonth = i.ydelsesfrekvens === 'UGE' ? Math.round((perPeriod * 52) / 1200) : Math.round(perPeriod / 100);
        expect(row.prisIndevaerendeAar.forventet).toBe((Math.round((perMonth * dage * 12) / 365) / 100).toFixed(2));
        const paid = truthPaid.get(i.indsats_id) ?? 0;
        sumPaid += paid;
        expect(row.prisIndevaerendeAar.betalt).toBe((paid / 100).toFixed(2));
      }
      if (m.fagsystem.sager.filter((s) => s.borger_id === sag.borger_id).length === 1)
        expect(d.sag.borger.prisIndevaerendeAar.betalt).toBe((sumPaid / 100).toFixed(2));
    });
  });
}
