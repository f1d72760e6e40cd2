import { describe, it, expect, beforeAll } from 'vitest';
import { generateMunicipality, serialiseManifest, PRESETS } from '../../simulators/generator';
import { PLANTED_KINDS, type Municipality } from '../../simulators/model';
import { checkCpr, cvrError, eanError, pnummerError, findCprInText, findCprNumbers, passesModulus11 } from '../../src/domain/identifiers';
import { TILBUDSTYPER, ydelseByKode } from '../../src/domain/codes';
import { indexMunicipality, byKind, type MunicipalityIndex } from '../support/municipality-index';

/**
 * The synthetic municipality must be reproducible and internally consistent, and its ground truth must
 * match the data: every planted disagreement really differs between the systems, everything not planted
 * really agrees. Checked on the `test` preset, from the rows as a consumer sees them.
 */
let m: Municipality;
let ix: MunicipalityIndex;

beforeAll(() => {
  m = generateMunicipality({ preset: 'test', seed: 7 });
  ix = indexMunicipality(m);
});

describe('determinism', () => {
  it('gives a byte-identical manifest and data for the same seed, and a different one for another seed', () => {
    const again = generateMunicipality({ preset: 'test', seed: 7 });
    expect(serialiseManifest(again.manifest)).toBe(serialiseManifest(m.manifest));
    expect(JSON.stringify(again)).toBe(JSON.stringify(m));
    const other = generateMunicipality({ preset: 'test', seed: 8 });
    expect(serialiseManifest(other.manifest)).not.toBe(serialiseManifest(m.manifest));
  });

  it('serialises the manifest as canonical JSON that reads back to the same manifest', () => {
    const text = serialiseManifest(m.manifest);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(m.manifest)));
    const keys = Object.keys(JSON.parse(text));
    expect(keys).toEqual([...keys].sort());
  });

  it('rejects an unknown preset, a negative seed and a malformed asOf', () => {
    expect(() => generateMunicipality({ preset: 'huge' as never })).toThrow(/preset/);
    expect(() => generateMunicipality({ preset: 'test', seed: -1 })).toThrow(/seed/);
    expect(() => generateMunicipality({ preset: 'test', asOf: '2026-13-01' })).toThrow(/asOf/);
  });
});

describe('planted disagreements', () => {
  it('plants every kind, several times, even in the test preset', () => {
    const counts = byKind(m.manifest.planted);
    for (const kind of PLANTED_KINDS) expect(counts.get(kind) ?? 0, kind).toBeGreaterThanOrEqual(PRESETS.test.minPerKind);
  });

  it('keeps planted kinds rare: a few percent of their population', () => {
    const postings = m.oekonomi.posteringer.length;
    for (const kind of ['CPR_KUN_I_TEKST', 'CPR_MANGLER', 'ANDEN_KREDITOR', 'DUBLET_POSTERING', 'KREDITERING'] as const) {
      expect(ix.planted(kind).length / postings, kind).toBeLessThan(0.05);
    }
    expect(ix.planted('BORGER_ATTRIBUT_AFVIGER').length / m.fagsystem.borgere.length).toBeLessThan(0.1);
  });
});

describe('identifiers', () => {
  it('gives every citizen a valid, unique CPR number with the right century digit; only those born from October 2007 may fail modulus 11', () => {
    const seen = new Set<string>();
    for (const b of m.fagsystem.borgere) {
      const c = checkCpr(b.cpr);
      expect(c.error).toBeNull();
      expect(seen.has(b.cpr)).toBe(false);
      seen.add(b.cpr);
      if (!passesModulus11(b.cpr)) expect(c.foedselsdato! >= '2007-10-01').toBe(true);
      expect(Number(c.foedselsdato!.slice(0, 4))).toBeLessThanOrEqual(Number(m.asOf.slice(0, 4)) - 18);
    }
    expect(m.fagsystem.borgere.filter((b) => passesModulus11(b.cpr)).length / m.fagsystem.borgere.length).toBeGreaterThan(0.9);
  });

  it('gives companies valid CVR, production units valid P-numre and creditors valid EAN', () => {
    for (const v of m.serviceplatformen.virksomheder) {
      expect(cvrError(v.cvr)).toBeNull();
      for (const p of v.produktionsenheder) expect(pnummerError(p.pnummer)).toBeNull();
    }
    for (const k of m.oekonomi.kreditorer) {
      if (k.cvr) expect(cvrError(k.cvr)).toBeNull();
      if (k.ean) expect(eanError(k.ean)).toBeNull();
    }
    const pnumre = m.fagsystem.leverandoerer.map((l) => l.pnummer);
    expect(new Set(pnumre).size).toBe(pnumre.length);
  });

  it('has at least one CVR with two creditors', () => {
    const perCvr = new Map<string, number>();
    for (const k of m.oekonomi.kreditorer) if (k.cvr) perCvr.set(k.cvr, (perCvr.get(k.cvr) ?? 0) + 1);
    expect([...perCvr.values()].some((n) => n >= 2)).toBe(true);
  });
});

describe('providers across systems', () => {
  it('identifies every provider the same way in fagsystem, Tilbudsportalen, CVR and economy', () => {
    const tilbud = new Map(m.tilbudsportalen.map((t) => [`${t.tilbudsid}/${t.afdelingsid}`, t]));
    const cvrOfP = new Map(m.serviceplatformen.virksomheder.flatMap((v) => v.produktionsenheder.map((p) => [p.pnummer, v.cvr] as const)));
    const kreditor = new Map(m.oekonomi.kreditorer.map((k) => [k.kreditor_nr, k]));
    expect(m.manifest.leverandoerer.map((l) => l.leverandoer_id).sort((a, b) => a - b)).toEqual(m.fagsystem.leverandoerer.map((l) => l.leverandoer_id));
    for (const id of m.manifest.leverandoerer) {
      const l = ix.leverandoer.get(id.leverandoer_id)!;
      expect(id.pnummer).toBe(l.pnummer);
      expect(cvrOfP.get(l.pnummer!)).toBe(id.cvr);
      expect([l.tilbudsid, l.afdelingsid]).toEqual([id.tilbudsid, id.afdelingsid]);
      if (id.tilbudsid !== null) expect(tilbud.get(`${id.tilbudsid}/${id.afdelingsid}`)!.cvr).toBe(id.cvr);
      expect(id.kreditor_nr.length).toBeGreaterThan(0);
      for (const k of id.kreditor_nr) expect(kreditor.get(k)!.cvr).toBe(id.cvr);
    }
  });

  it('has identical names and addresses in fagsystem, Tilbudsportalen and CVR unless a difference is planted, and the planted ones really differ', () => {
    const pe = new Map(m.serviceplatformen.virksomheder.flatMap((v) => v.produktionsenheder.map((p) => [p.pnummer, p] as const)));
    const tilbud = new Map(m.tilbudsportalen.map((t) => [t.afdelingsid, t]));
    const planted = new Map(ix.planted('LEVERANDOER_ATTRIBUT_AFVIGER').map((p) => [p.leverandoer_id!, p]));
    for (const l of m.fagsystem.leverandoerer) {
      const p = pe.get(l.pnummer!)!;
      const t = l.afdelingsid === null ? null : tilbud.get(l.afdelingsid)!;
      const values = (felt: 'navn' | 'adresse') => {
        const v: Record<string, string> = { fagsystem: l[felt], cvr: p[felt] };
        if (t) v.tilbudsportalen = felt === 'navn' ? t.afdelingsnavn : t.adresse;
        return v;
      };
      const plant = planted.get(l.leverandoer_id);
      for (const felt of ['navn', 'adresse'] as const) {
        const v = values(felt);
        if (plant?.felt === felt) {
          expect(new Set(Object.values(v)).size).toBeGreaterThan(1);
          expect(plant.vaerdier).toEqual(v);
        } else expect(new Set(Object.values(v)).size, `${l.leverandoer_id} ${felt}`).toBe(1);
      }
      expect([p.postnummer, p.bynavn]).toEqual([l.postnummer, l.bynavn]);
      if (t) expect([t.postnummer, t.bynavn, t.pnummer]).toEqual([l.postnummer, l.bynavn, l.pnummer]);
    }
  });

  it('settles internal budget-financed providers without postings, and has such providers', () => {
    const budget = m.fagsystem.leverandoerer.filter((l) => l.intern && !l.afregnes_pr_borger);
    expect(budget.length).toBeGreaterThan(0);
    for (const i of m.fagsystem.indsatser.filter((x) => !ix.settled(x))) expect(ix.postingsByIndsats.get(i.indsats_id) ?? []).toEqual([]);
  });
});

describe('citizens across systems', () => {
  it('has the same name and address in fagsystem and CPR register unless planted, and the planted ones differ as recorded', () => {
    const person = new Map(m.serviceplatformen.personer.map((p) => [p.cpr, p]));
    const planted = new Map(ix.planted('BORGER_ATTRIBUT_AFVIGER').map((p) => [p.borger_id!, p]));
    const protectedIds = new Set(ix.planted('ADRESSEBESKYTTELSE').map((p) => p.borger_id!));
    for (const b of m.fagsystem.borgere) {
      const p = person.get(b.cpr)!;
      expect([p.fornavn, p.efternavn]).toEqual([b.fornavn, b.efternavn]);
      expect(p.adressebeskyttelse).toBe(protectedIds.has(b.borger_id));
      const plant = planted.get(b.borger_id);
      const fag = { adresse: b.adresse, kommunekode: b.kommunekode };
      const cpr = { adresse: `${p.vejnavn} ${p.husnummer}`, kommunekode: p.kommunekode };
      if (!plant) {
        expect(cpr).toEqual(fag);
        expect([p.postnummer, p.bynavn]).toEqual([b.postnummer, b.bynavn]);
      } else {
        const felt = plant.felt as 'adresse' | 'kommunekode';
        expect(fag[felt]).not.toBe(cpr[felt]);
        expect(plant.vaerdier).toEqual({ fagsystem: fag[felt], cpr: cpr[felt] });
      }
    }
  });
});

describe('cases and indsatser', () => {
  it('references existing rows everywhere and keeps ydelser and tilbudstype consistent with the paragraph', () => {
    const f = m.fagsystem;
    const afg = new Map(f.afgoerelser.map((a) => [a.afgoerelse_id, a]));
    for (const i of f.indsatser) {
      expect(ix.sag.has(i.sag_id)).toBe(true);
      expect(afg.get(i.afgoerelse_id)).toMatchObject({ sag_id: i.sag_id, paragraf: i.paragraf, resultat: 'BEVILGET' });
      expect(TILBUDSTYPER.find((t) => t.kode === i.tilbudstype)!.paragraffer).toContain(i.paragraf);
      if (i.faktisk_slut) expect(i.faktisk_slut >= i.faktisk_start!).toBe(true);
      expect(i.status).toBe(i.faktisk_start === null ? 'BEVILGET' : i.faktisk_slut === null ? 'AKTIV' : 'AFSLUTTET');
    }
    for (const y of f.ydelser) expect(ydelseByKode(y.ydelseskode)!.paragraf).toBe(ix.indsats.get(y.indsats_id)!.paragraf);
    expect(f.afgoerelser.some((a) => a.resultat === 'AFSLAG')).toBe(true);
  });

  it('has follow-ups done, overdue and planned ahead relative to asOf, with uses of force in residential offers', () => {
    const o = m.fagsystem.opfoelgninger;
    expect(o.some((x) => x.udfoert_dato !== null)).toBe(true);
    expect(o.some((x) => x.udfoert_dato === null && x.planlagt_dato < m.asOf)).toBe(true);
    expect(o.some((x) => x.udfoert_dato === null && x.planlagt_dato >= m.asOf)).toBe(true);
    for (const x of o) if (x.udfoert_dato) expect(x.udfoert_dato < m.asOf).toBe(true);
    const withForce = o.filter((x) => x.magtanvendelser > 0).map((x) => ix.indsats.get(x.indsats_id)!.paragraf);
    expect(withForce.length).toBeGreaterThan(0);
    for (const p of withForce) expect(['SEL107', 'SEL108']).toContain(p);
  });

  it('records assessments that change over time for some citizens (progression)', () => {
    const bySag = new Map<string, Set<number | null>>();
    for (const v of m.fagsystem.funktionsevnevurderinger) {
      const k = `${v.sag_id}|${v.undertema}`;
      bySag.set(k, (bySag.get(k) ?? new Set()).add(v.niveau));
    }
    expect([...bySag.values()].some((s) => s.size > 1)).toBe(true);
  });
});

describe('postings and the ground truth', () => {
  it('maps every posting in the manifest, and only those, to an existing indsats or null', () => {
    const bilag = m.oekonomi.posteringer.map((p) => p.bilagsnr);
    expect(new Set(bilag).size).toBe(bilag.length);
    expect(Object.keys(m.manifest.posteringer).sort()).toEqual([...bilag].sort());
    for (const id of Object.values(m.manifest.posteringer)) if (id !== null) expect(ix.indsats.has(id)).toBe(true);
    expect(Object.values(m.manifest.posteringer).filter((v) => v === null).length).toBeGreaterThan(0);
    for (const p of m.manifest.planted) if (p.indsats_id !== undefined) expect(ix.indsats.has(p.indsats_id)).toBe(true);
  });

  it('books postings with increasing id and registreret, all before asOf, amounts as exact decimals', () => {
    const ps = m.oekonomi.posteringer;
    const wrongPeriod = new Set((m.manifest.matchtilfaelde ?? []).filter((t) => t.art === 'PERIODE_FORKERT').map((t) => t.bilagsnr));
    for (let k = 1; k < ps.length; k++) {
      expect(ps[k]!.postering_id).toBeGreaterThan(ps[k - 1]!.postering_id);
      expect(ps[k]!.registreret > ps[k - 1]!.registreret).toBe(true);
    }
    for (const p of ps) {
      expect(p.beloeb).toMatch(/^-?\d+\.\d{2}$/);
      expect(p.registreret < m.asOf).toBe(true);
      expect(p.periode_fra <= p.periode_til).toBe(true);
      // providers invoice after the service began; only § 100 ydelser to citizens are paid in advance (and a
      // period field typed wrong, ledger mess PERIODE_FORKERT, may lie after the invoice date)
      if (m.manifest.posteringer[p.bilagsnr] !== null && !wrongPeriod.has(p.bilagsnr)) expect(p.bilagsdato >= p.periode_fra, p.bilagsnr).toBe(true);
    }
  });

  it('books indsats postings on the paragraph account, to the provider, with the citizen CPR unless planted otherwise', () => {
    const anden = ix.plantedBilag('ANDEN_KREDITOR');
    const kunTekst = ix.plantedBilag('CPR_KUN_I_TEKST');
    const mangler = ix.plantedBilag('CPR_MANGLER');
    // ledger mess (checked in its own test below) changes exactly these fields
    const mess = new Set((m.manifest.matchtilfaelde ?? []).map((t) => t.bilagsnr));
    for (const [id, postings] of ix.postingsByIndsats) {
      const i = ix.indsats.get(id)!;
      expect(ix.settled(i)).toBe(true);
      const creditors = ix.identitet.get(i.leverandoer_id)!.kreditor_nr;
      for (const p of postings) {
        if (mess.has(p.bilagsnr)) continue;
        expect(p.konto).toBe(i.kontonummer);
        expect(creditors.includes(p.kreditor_nr!)).toBe(!anden.has(p.bilagsnr));
        if (p.integrations_id !== null) expect(p.integrations_id).toBe(i.integrations_id);
        const cpr = ix.cprOf(i);
        if (kunTekst.has(p.bilagsnr)) {
          expect(p.cpr).toBeNull();
          expect(findCprInText(p.tekst)).toEqual([cpr]);
        } else if (mangler.has(p.bilagsnr)) {
          expect(p.cpr).toBeNull();
          expect(findCprInText(p.tekst)).toEqual([]);
        } else {
          expect(p.cpr).toBe(ix.personhenfoert(i) ? cpr : null);
          expect(findCprInText(p.tekst)).toEqual([]);
        }
      }
    }
  });

  it('sends the integration id on both sides for a share of indsatser (SF1590)', () => {
    const withId = m.fagsystem.indsatser.filter((i) => i.integrations_id !== null);
    expect(withId.length).toBeGreaterThan(0);
    const posted = withId.filter((i) => (ix.postingsByIndsats.get(i.indsats_id) ?? []).some((p) => p.integrations_id === i.integrations_id));
    expect(posted.length).toBeGreaterThan(0);
  });

  it('keeps postings without CPR attributable: creditor + account + period + amount point to one indsats', () => {
    const owners = new Map<string, Set<number | null>>();
    const key = (p: (typeof m.oekonomi.posteringer)[number]) => `${p.kreditor_nr}|${p.konto}|${p.periode_fra}|${p.periode_til}|${p.beloeb}`;
    for (const p of m.oekonomi.posteringer) owners.set(key(p), (owners.get(key(p)) ?? new Set()).add(m.manifest.posteringer[p.bilagsnr]!));
    const cprLess = m.oekonomi.posteringer.filter((p) => m.manifest.posteringer[p.bilagsnr] !== null && p.cpr === null && findCprNumbers(p.tekst).length === 0);
    expect(cprLess.length).toBeGreaterThan(0);
    for (const p of cprLess) expect(owners.get(key(p))!.size, p.bilagsnr).toBe(1);
  });

  it('has postings that belong to no indsats, some on other accounts and some carrying a citizen CPR', () => {
    const none = m.oekonomi.posteringer.filter((p) => m.manifest.posteringer[p.bilagsnr] === null);
    const indsatsKonti = new Set(m.fagsystem.indsatser.map((i) => i.kontonummer));
    expect(none.some((p) => !indsatsKonti.has(p.konto))).toBe(true);
    expect(none.some((p) => indsatsKonti.has(p.konto))).toBe(true);
    const cprs = new Set(m.fagsystem.borgere.map((b) => b.cpr));
    expect(none.some((p) => p.cpr !== null && cprs.has(p.cpr))).toBe(true);
  });
});

describe('ledger mess (issue 11): each kind is planted, and is in the data as recorded', () => {
  it('plants every kind several times, and each posting differs from a clean one exactly as its kind says', () => {
    const counts = new Map<string, number>();
    const clean = new Map<number, { cpr: string; konto: string; kreditorer: string[] }>();
    for (const i of m.fagsystem.indsatser)
      clean.set(i.indsats_id, { cpr: ix.cprOf(i), konto: i.kontonummer, kreditorer: ix.identitet.get(i.leverandoer_id)!.kreditor_nr });
    const cprs = new Set(m.fagsystem.borgere.map((b) => b.cpr));
    const kreditorNavn = new Map(m.oekonomi.kreditorer.map((k) => [k.kreditor_nr, k.navn]));
    for (const t of m.manifest.matchtilfaelde ?? []) {
      counts.set(t.art, (counts.get(t.art) ?? 0) + 1);
      const p = ix.posteringByBilag.get(t.bilagsnr)!;
      expect(m.manifest.posteringer[t.bilagsnr]).toBe(t.indsats_id);
      const c = t.indsats_id === null ? null : clean.get(t.indsats_id)!;
      switch (t.art) {
        case 'CPR_TEKST_MELLEMRUM':
        case 'CPR_TEKST_TANKESTREG':
        case 'CPR_TEKST_PRAEFIKS':
          expect(p.cpr).toBeNull();
          expect(findCprNumbers(p.tekst)).toContain(c!.cpr);
          break;
        case 'CPR_FORAN_NUL_TABT':
          expect(p.cpr).toBe(c!.cpr.slice(1));
          expect(c!.cpr.startsWith('0')).toBe(true);
          break;
        case 'CPR_UKENDT':
          expect(cprs.has(p.cpr!)).toBe(false);
          expect([...p.cpr!].filter((d, k) => d !== c!.cpr[k]).length).toBe(1);
          break;
        case 'KONTERINGSFEJL':
          expect(p.konto).not.toBe(c!.konto);
          break;
        case 'MELLEMKOMMUNAL_REFUSION':
          expect(kreditorNavn.get(p.kreditor_nr!)).toMatch(/ Kommune$/);
          expect(c!.kreditorer).not.toContain(p.kreditor_nr);
          break;
        case 'CPR_OMBYTTET':
          expect(p.cpr).not.toBe(c!.cpr);
          expect(cprs.has(p.cpr!)).toBe(true);
          break;
        case 'TOMGANG':
          expect(t.indsats_id).toBeNull();
          expect(p.cpr).toBeNull();
          expect(p.tekst).toMatch(/tomgang|reserv|venteplads/i);
          break;
        default:
          break;
      }
    }
    for (const art of [
      'CPR_TEKST_MELLEMRUM',
      'CPR_TEKST_TANKESTREG',
      'CPR_TEKST_PRAEFIKS',
      'CPR_FORAN_NUL_TABT',
      'CPR_UKENDT',
      'KONTERINGSFEJL',
      'OMPOSTERING',
      'MELLEMKOMMUNAL_REFUSION',
      'PRISSTIGNING',
      'CPR_OMBYTTET',
      'TOMGANG',
    ]) {
      expect(counts.get(art) ?? 0, art).toBeGreaterThanOrEqual(PRESETS.test.minPerKind);
    }
  });
});
