import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../support/gateway';
import { startReconciledStack } from '../support/reconciled-stack';
import type { ReconcileScheduler } from '../../src/reconcile/job/scheduler';
import { toGlobalId } from '../../src/graphql/global-id';
import { toOere } from '../../src/domain/money';

/**
 * The reconciliation API over HTTP on both engines: freshness, afvigelser with counts and pages,
 * grouped price comparison from the reconciled store, provenance, and manual decisions (including bad
 * input that changes nothing). The job runs before the gateway listens, as at start-up.
 */
let s: TestStack;
let scheduler: ReconcileScheduler;
const OEK = { 'x-formaal': 'OEKONOMI' };

beforeAll(async () => {
  ({ stack: s, scheduler } = await startReconciledStack({ seed: 3, trigger: true }));
}, 180_000);

afterAll(async () => {
  await scheduler?.stop();
  await s?.close();
});

const ok = (res: { status: number; body: { data?: any; errors?: unknown[] } }): any => {
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return res.body.data!;
};

for (const engine of ['mercurius', 'apollo'] as const) {
  describe(`reconciliation reads on ${engine}`, () => {
    const gql = (q: string, v?: Record<string, unknown>, h: Record<string, string> = OEK) => s.engine(engine).then((e) => e.graphql(q, v, h));

    it('says how fresh the reconciled data is', async () => {
      const d = ok(await gql('{ afstemningsstatus { friskhed { senestKoert posteringerTil koerer } koersler(first: 1) { type status antalPosteringer } } }'));
      expect(d.afstemningsstatus.friskhed.senestKoert).not.toBeNull();
      expect(d.afstemningsstatus.friskhed.posteringerTil).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(d.afstemningsstatus.koersler[0]).toMatchObject({ type: 'FULD', status: 'OK' });
      expect(d.afstemningsstatus.koersler[0].antalPosteringer).toBe(s.municipality.oekonomi.posteringer.length);
    });

    it('lists afvigelser with counts per kind and pages through one kind', async () => {
      const all = ok(await gql('{ afvigelser(first: 1) { totalCount antalPrArt { art antal beskrivelse } friskhed { senestKoert } } }'));
      const stored = await s.store.db('afvigelse').select('art').count('* as n').groupBy('art');
      expect(Object.fromEntries(all.afvigelser.antalPrArt.map((a: any) => [a.art, a.antal]))).toEqual(
        Object.fromEntries(stored.map((r: any) => [r.art, Number(r.n)])),
      );
      expect(all.afvigelser.totalCount).toBe(stored.reduce((t: number, r: any) => t + Number(r.n), 0));

      const planted = s.municipality.manifest.planted
        .filter((p) => p.kind === 'DUBLET_POSTERING')
        .map((p) => p.bilagsnr)
        .sort();
      expect(planted.length).toBeGreaterThan(0);
      const seen: string[] = [];
      let after: string | null = null;
      let total = 0;
      do {
        const page: any = ok(
          await gql(
            'query($a: String) { afvigelser(first: 2, after: $a, filter: { arter: [DUBLET_POSTERING] }) { totalCount pageInfo { hasNextPage endCursor } nodes { art bilagsnr postering { bilagsnr matchregel indsats { id } } relateretPostering { bilagsnr } indsats { id } } } }',
            { a: after },
          ),
        );
        total = page.afvigelser.totalCount;
        for (const n of page.afvigelser.nodes) {
          expect(n.art).toBe('DUBLET_POSTERING');
          expect(n.postering.indsats.id).toBe(n.indsats.id);
          expect(n.relateretPostering.bilagsnr).not.toBe(n.bilagsnr);
          seen.push(n.bilagsnr);
        }
        after = page.afvigelser.pageInfo.hasNextPage ? page.afvigelser.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toHaveLength(total);
      expect(seen.sort()).toEqual(planted);
    });

    it('filters afvigelser by provider and points to the records', async () => {
      const p = s.municipality.manifest.planted.find((x) => x.kind === 'LEVERANDOER_ATTRIBUT_AFVIGER')!;
      const d = ok(
        await gql(
          'query($l: [ID!]) { afvigelser(filter: { leverandoer: $l, arter: [LEVERANDOER_ATTRIBUT_AFVIGER] }) { totalCount nodes { felt leverandoer { id } detaljer { noegle vaerdi } } } }',
          { l: [toGlobalId('Leverandoer', p.leverandoer_id!)] },
        ),
      );
      expect(d.afvigelser.nodes.map((n: any) => n.felt)).toContain(p.felt);
      expect(d.afvigelser.nodes.every((n: any) => n.leverandoer.id === toGlobalId('Leverandoer', p.leverandoer_id!))).toBe(true);
    });

    it('compares prices grouped by any dimensions, from the reconciled store, exactly', async () => {
      const byParagraf = ok(
        await gql(
          '{ prissammenligning(grupperPaa: [PARAGRAF], filter: { kunAfregnetPrBorger: false }, first: 50) { totalCount iAlt { faktisk kontraktFagsystem antalPosteringer antalIndsatser } nodes { gruppe { paragraf { kode } } antalIndsatser faktisk kontraktFagsystem forventet takst kontraktOekonomi faktiskVsKontrakt { beloeb procent } } } }',
        ),
      );
      const matched = await s.store.db('postering_match').whereNotNull('indsats_id').sum('beloeb_oere as s').count('* as n');
      expect(toOere(byParagraf.prissammenligning.iAlt.faktisk)).toBe(Number(matched[0]!.s));
      expect(byParagraf.prissammenligning.iAlt.antalPosteringer).toBe(Number(matched[0]!.n));
      const sum = byParagraf.prissammenligning.nodes.reduce((t: number, n: any) => t + toOere(n.faktisk), 0);
      expect(sum).toBe(toOere(byParagraf.prissammenligning.iAlt.faktisk));
      expect(byParagraf.prissammenligning.totalCount).toBe(byParagraf.prissammenligning.nodes.length);
      // the totals come with the page's statement: a small page (and a later one) still totals every group
      const kontraktFagsystem = await s.store.db('indsats_maaned').sum('kontrakt_fagsystem_oere as s');
      expect(toOere(byParagraf.prissammenligning.iAlt.kontraktFagsystem)).toBe(Number(kontraktFagsystem[0]!.s));
      for (const after of [undefined, 'second page']) {
        const first = ok(
          await gql('{ prissammenligning(grupperPaa: [PARAGRAF], filter: { kunAfregnetPrBorger: false }, first: 2) { pageInfo { endCursor } } }'),
        );
        const small = ok(
          await gql(
            'query($a: String) { prissammenligning(grupperPaa: [PARAGRAF], filter: { kunAfregnetPrBorger: false }, first: 2, after: $a) { totalCount nodes { faktisk } iAlt { faktisk kontraktFagsystem antalPosteringer } } }',
            { a: after ? first.prissammenligning.pageInfo.endCursor : null },
          ),
        );
        expect(small.prissammenligning.nodes.length).toBeGreaterThan(0);
        expect(small.prissammenligning.totalCount).toBe(byParagraf.prissammenligning.totalCount);
        expect(small.prissammenligning.iAlt).toEqual({
          faktisk: byParagraf.prissammenligning.iAlt.faktisk,
          kontraktFagsystem: byParagraf.prissammenligning.iAlt.kontraktFagsystem,
          antalPosteringer: byParagraf.prissammenligning.iAlt.antalPosteringer,
        });
      }
      // an indsats has one paragraph: the groups' distinct indsatser add up to all of them
      const distinct = Number((await s.store.db('indsats_maaned').countDistinct('indsats_id as n'))[0]!.n);
      expect(byParagraf.prissammenligning.iAlt.antalIndsatser).toBe(distinct);
      expect(byParagraf.prissammenligning.nodes.reduce((t: number, n: any) => t + n.antalIndsatser, 0)).toBe(distinct);
      expect(byParagraf.prissammenligning.nodes.some((n: any) => n.faktiskVsKontrakt)).toBe(true);
      for (const n of byParagraf.prissammenligning.nodes) {
        if (n.faktiskVsKontrakt) expect(toOere(n.faktiskVsKontrakt.beloeb)).toBe(toOere(n.faktisk) - toOere(n.kontraktFagsystem));
      }

      const combo = ok(
        await gql(
          '{ prissammenligning(grupperPaa: [LEVERANDOER, AAR, MAANED], first: 5, sorterEfter: AFVIGELSE_BELOEB) { totalCount pageInfo { hasNextPage endCursor } nodes { gruppe { leverandoer { navn } aar maaned } faktisk kontrakt glidning } } }',
        ),
      );
      expect(combo.prissammenligning.nodes).toHaveLength(5);
      expect(combo.prissammenligning.pageInfo.hasNextPage).toBe(true);
      const diffs = combo.prissammenligning.nodes.map((n: any) => Math.abs(toOere(n.faktisk) - toOere(n.kontrakt ?? '0')));
      expect([...diffs].sort((a, b) => b - a)).toEqual(diffs);
      const next = ok(
        await gql(
          'query($a: String) { prissammenligning(grupperPaa: [LEVERANDOER, AAR, MAANED], first: 5, after: $a, sorterEfter: AFVIGELSE_BELOEB) { nodes { faktisk kontrakt } } }',
          { a: combo.prissammenligning.pageInfo.endCursor },
        ),
      );
      expect(Math.abs(toOere(next.prissammenligning.nodes[0].faktisk) - toOere(next.prissammenligning.nodes[0].kontrakt ?? '0'))).toBeLessThanOrEqual(diffs[4]);

      const drift = ok(
        await gql(
          '{ lav: prissammenligning(grupperPaa: [LEVERANDOER], kunGlidning: true, glidningTaerskelProcent: 1) { totalCount nodes { glidning } } hoej: prissammenligning(grupperPaa: [LEVERANDOER], kunGlidning: true, glidningTaerskelProcent: 900) { totalCount } }',
        ),
      );
      expect(drift.lav.nodes.every((n: any) => n.glidning)).toBe(true);
      expect(drift.lav.totalCount).toBeGreaterThan(drift.hoej.totalCount);
    });

    it('shows the four prices of an indsats and flags the planted drift', async () => {
      const p = s.municipality.manifest.planted.find((x) => x.kind === 'FAKTISK_AFVIGER')!;
      const d = ok(
        await gql(
          'query($id: ID!) { node(id: $id) { ... on Indsats { priser { sammenligning { faktisk kontrakt kontraktOekonomi glidning faktiskVsKontrakt { procent } } hoej: sammenligning(glidningTaerskelProcent: 1000) { glidning } } } } }',
          { id: toGlobalId('Indsats', p.indsats_id!) },
        ),
      );
      expect(d.node.priser.sammenligning.glidning).toBe(true);
      expect(d.node.priser.hoej.glidning).toBe(false);
      expect(toOere(d.node.priser.sammenligning.faktisk)).toBe(toOere(p.vaerdier!.faktisk!));
    });

    it('shows each source’s value of a disagreeing provider attribute, the chosen one and the conflict', async () => {
      const p = s.municipality.manifest.planted.find((x) => x.kind === 'LEVERANDOER_ATTRIBUT_AFVIGER')!;
      const d = ok(
        await gql(
          'query($id: ID!) { node(id: $id) { ... on Leverandoer { proveniens { navn { konflikt valgt valgtKilde politik vaerdier { kilde vaerdi reference utilgaengelig hentet } } adresse { konflikt valgt valgtKilde politik vaerdier { kilde vaerdi } } } identitet { cvr kreditorer { kreditorNr evidens } } } } }',
          { id: toGlobalId('Leverandoer', p.leverandoer_id!) },
        ),
      );
      const attr = d.node.proveniens[p.felt!];
      expect(attr.konflikt).toBe(true);
      const byKilde = Object.fromEntries(attr.vaerdier.map((v: any) => [v.kilde, v.vaerdi]));
      expect(byKilde.FAGSYSTEM).toContain(p.vaerdier!.fagsystem!);
      expect(byKilde.SERVICEPLATFORMEN).toContain(p.vaerdier!.cvr!);
      if (p.vaerdier!.tilbudsportalen) expect(byKilde.TILBUDSPORTALEN).toContain(p.vaerdier!.tilbudsportalen);
      expect(attr.valgtKilde).toBe(attr.politik.find((k: string) => byKilde[k] != null));
      const truth = s.municipality.manifest.leverandoerer.find((l) => l.leverandoer_id === p.leverandoer_id)!;
      expect(d.node.identitet.cvr).toBe(truth.cvr);
      expect(d.node.identitet.kreditorer.map((k: any) => k.kreditorNr)).toEqual(expect.arrayContaining(truth.kreditor_nr));
    });

    it('shows a citizen’s kommunekode per register, and never an address under protection', async () => {
      const moved = s.municipality.manifest.planted.find((x) => x.kind === 'BORGER_ATTRIBUT_AFVIGER' && x.felt === 'kommunekode');
      if (moved) {
        const d = ok(
          await gql(
            'query($id: ID!) { node(id: $id) { ... on Borger { proveniens { kommunekode { konflikt vaerdier { kilde vaerdi } } adressebeskyttelse } } } }',
            { id: toGlobalId('Borger', moved.borger_id!) },
            { 'x-formaal': 'SAGSBEHANDLING' },
          ),
        );
        expect(d.node.proveniens.kommunekode.konflikt).toBe(true);
        expect(d.node.proveniens.kommunekode.vaerdier.map((v: any) => v.vaerdi).sort()).toEqual([moved.vaerdier!.fagsystem, moved.vaerdier!.cpr].sort());
      }
      const prot = s.municipality.manifest.planted.find((x) => x.kind === 'ADRESSEBESKYTTELSE')!;
      const res = await (
        await s.engine(engine)
      ).graphql(
        'query($id: ID!) { node(id: $id) { ... on Borger { proveniens { adresse { valgt vaerdier { kilde vaerdi } } adressebeskyttelse } } } }',
        { id: toGlobalId('Borger', prot.borger_id!) },
        { 'x-formaal': 'SAGSBEHANDLING' },
      );
      const d = ok(res);
      expect(d.node.proveniens.adressebeskyttelse).toBe(true);
      expect(d.node.proveniens.adresse.valgt).toBeNull();
      expect(d.node.proveniens.adresse.vaerdier.every((v: any) => v.vaerdi === null)).toBe(true);
      const citizen = s.municipality.fagsystem.borgere.find((b) => b.borger_id === prot.borger_id)!;
      expect(JSON.stringify(res.body)).not.toContain(citizen.adresse);
    });
  });
}

describe('manual decisions over HTTP', () => {
  const decide = `mutation($in: ManuelBeslutningInput!) { registrerAfstemningsbeslutning(input: $in) {
    beslutning { handling aktoer begrundelse tidspunkt indsats { id } tidligereIndsats { id } }
    tilstand { status tildeltIndsats { id } afstemning { matchregel confidence indsats { id } automatiskIndsats { id } } historik { handling } } } }`;
  const historyCount = async () => Number((await s.store.db('manuel_beslutning_historik').count('* as n'))[0]!.n);

  it('assigns a posting to another indsats with who, when and why', async () => {
    const rows = await s.store.db('postering_match').whereNotNull('indsats_id').orderBy('postering_id').limit(50);
    const a = rows[0]!;
    const b = rows.find((r) => r.indsats_id !== a.indsats_id)!;
    const d = ok(
      await s.graphql(
        decide,
        {
          in: {
            postering: toGlobalId('Betaling', a.postering_id),
            handling: 'TILDEL',
            indsats: toGlobalId('Indsats', b.indsats_id),
            begrundelse: 'Faktura for det andet forløb',
          },
        },
        OEK,
      ),
    );
    const r = d.registrerAfstemningsbeslutning;
    expect(r.beslutning).toMatchObject({
      handling: 'TILDEL',
      begrundelse: 'Faktura for det andet forløb',
      indsats: { id: toGlobalId('Indsats', b.indsats_id) },
      tidligereIndsats: { id: toGlobalId('Indsats', a.indsats_id) },
    });
    expect(r.beslutning.aktoer).not.toBe('ukendt');
    expect(r.tilstand.afstemning).toMatchObject({
      matchregel: 'MANUEL',
      confidence: 1,
      indsats: { id: toGlobalId('Indsats', b.indsats_id) },
      automatiskIndsats: { id: toGlobalId('Indsats', a.indsats_id) },
    });
    const betalinger = ok(
      await s.graphql(
        'query($id: ID!) { node(id: $id) { ... on Indsats { betalinger { bilagsnr matchregel afstemning { matchregel beslutninger { handling } } } } } }',
        { id: toGlobalId('Indsats', b.indsats_id) },
        OEK,
      ),
    );
    expect(betalinger.node.betalinger.find((x: any) => x.bilagsnr === a.bilagsnr)).toMatchObject({
      matchregel: 'MANUEL',
      afstemning: { beslutninger: [{ handling: 'TILDEL' }] },
    });
  });

  it('refuses bad input with an error naming the argument, and changes nothing', async () => {
    const before = await historyCount();
    const posting = await s.store.db('postering_match').whereNotNull('indsats_id').orderBy('postering_id', 'desc').first();
    const pid = toGlobalId('Betaling', posting.postering_id);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ postering: toGlobalId('Betaling', 999_999_999), handling: 'AFVIS', begrundelse: 'x' }, 'input.postering'],
      [{ postering: toGlobalId('Indsats', posting.indsats_id), handling: 'AFVIS', begrundelse: 'x' }, 'input.postering'],
      [{ postering: 'ikke-et-id', handling: 'AFVIS', begrundelse: 'x' }, 'input.postering'],
      [{ postering: pid, handling: 'TILDEL', indsats: toGlobalId('Indsats', 999_999), begrundelse: 'x' }, 'input.indsats'],
      [{ postering: pid, handling: 'TILDEL', begrundelse: 'x' }, 'input.indsats'],
      [{ postering: pid, handling: 'AFVIS', begrundelse: '   ' }, 'input.begrundelse'],
      [{ postering: pid, handling: 'AFVIS', begrundelse: 'borger 010180-1234' }, 'input.begrundelse'],
    ];
    for (const [input, argument] of cases) {
      const res = await s.graphql(decide, { in: input }, OEK);
      expect(res.body.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(JSON.stringify(res.body)).not.toContain('010180');
    }
    const missing = await s.graphql(
      'mutation($p: ID!) { registrerAfstemningsbeslutning(input: { postering: $p, handling: AFVIS }) { beslutning { handling } } }',
      { p: pid },
      OEK,
    );
    expect(missing.body.errors?.[0]?.message).toMatch(/begrundelse/);
    expect(await historyCount()).toBe(before);
    expect(await s.store.db('postering_match').where({ postering_id: posting.postering_id }).first()).toMatchObject({
      indsats_id: posting.indsats_id,
      regel: posting.regel,
    });
  });

  it('starts a run on demand and reports it in the freshness', async () => {
    const before = ok(await s.graphql('{ afstemningsstatus { koersler(first: 50) { koerselId } } }', undefined, OEK)).afstemningsstatus.koersler.length;
    const d = ok(await s.graphql('mutation { koerAfstemning(type: INKREMENTEL) { startet grund friskhed { senestKoert } } }', undefined, OEK));
    expect(d.koerAfstemning).toMatchObject({ startet: true, grund: null });
    await scheduler.current();
    const after = ok(await s.graphql('{ afstemningsstatus { friskhed { koerer } koersler(first: 50) { type udloeser status } } }', undefined, OEK));
    expect(after.afstemningsstatus.koersler).toHaveLength(before + 1);
    expect(after.afstemningsstatus.koersler[0]).toMatchObject({ type: 'INKREMENTEL', udloeser: 'MANUEL', status: 'OK' });
  });
});
