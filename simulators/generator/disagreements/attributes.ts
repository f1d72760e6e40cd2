import type { CvrVirksomhedRecord } from '../../model';
import type { GeneratorContext } from '../context';
import type { Citizen } from '../citizens';
import type { ProviderUnit } from '../providers';
import { OTHER_TOWNS, STREETS } from '../names';
import { count } from './select';
import type { PlantRecorder } from './types';

/**
 * Attribute disagreements between registers. LEVERANDOER_ATTRIBUT_AFVIGER: one system has another name
 * or address for a provider than the others (the fagsystem's short or outdated name, Tilbudsportalen
 * typed without æ/ø/å, the CVR register after a move). BORGER_ATTRIBUT_AFVIGER: the fagsystem still has
 * the citizen's former address, or the CPR register shows a move to another municipality.
 * ADRESSEBESKYTTELSE: the CPR register protects the citizen's name and address.
 */
const foldDanish = (s: string) => s.replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa').replace(/Æ/g, 'Ae').replace(/Ø/g, 'Oe').replace(/Å/g, 'Aa');

export function plantProviderAttributes(
  ctx: GeneratorContext,
  units: readonly ProviderUnit[],
  virksomheder: readonly CvrVirksomhedRecord[],
  rec: PlantRecorder,
): void {
  const rng = ctx.rng.fork('leverandoer-attributter');
  const pe = new Map(virksomheder.flatMap((v) => v.produktionsenheder.map((p) => [p.pnummer, p] as const)));
  for (const u of rng.sample(units, count(ctx, 'LEVERANDOER_ATTRIBUT_AFVIGER', units.length))) {
    const cvr = pe.get(u.row.pnummer!)!;
    const felt = rng.chance(0.5) ? 'navn' : 'adresse';
    const system = rng.pick(u.tilbud ? (['fagsystem', 'tilbudsportalen', 'cvr'] as const) : (['fagsystem', 'cvr'] as const));
    const current = felt === 'navn' ? u.row.navn : u.row.adresse;
    let changed: string;
    if (felt === 'navn') {
      const words = current.split(' ');
      changed =
        system === 'fagsystem'
          ? words.length > 1
            ? words.slice(1).join(' ')
            : `${current} (afd.)`
          : system === 'tilbudsportalen'
            ? `${current} (${u.row.bynavn})`
            : `${current}, afd. ${u.row.bynavn}`;
    } else {
      const [street, number] = [current.slice(0, current.lastIndexOf(' ')), current.slice(current.lastIndexOf(' ') + 1)];
      changed =
        system === 'fagsystem'
          ? `${street} ${Number.parseInt(number, 10) + rng.int(1, 9)}`
          : system === 'tilbudsportalen'
            ? foldDanish(current) !== current
              ? foldDanish(current)
              : `${current}, st.`
            : `${rng.pick(STREETS.filter((s) => s !== street))} ${rng.int(1, 140)}`;
    }
    if (system === 'fagsystem') u.row[felt] = changed;
    if (system === 'tilbudsportalen') felt === 'navn' ? (u.tilbud!.afdelingsnavn = changed) : (u.tilbud!.adresse = changed);
    if (system === 'cvr') cvr[felt] = changed;
    const vaerdier: Record<string, string> = { fagsystem: u.row[felt], cvr: cvr[felt] };
    if (u.tilbud) vaerdier.tilbudsportalen = felt === 'navn' ? u.tilbud.afdelingsnavn : u.tilbud.adresse;
    rec.add('LEVERANDOER_ATTRIBUT_AFVIGER', {
      leverandoer_id: u.row.leverandoer_id,
      tilbudsid: u.tilbud?.tilbudsid,
      afdelingsid: u.tilbud?.afdelingsid,
      felt,
      vaerdier,
    });
  }
}

export function plantCitizenAttributes(ctx: GeneratorContext, citizens: readonly Citizen[], rec: PlantRecorder): void {
  const rng = ctx.rng.fork('borger-attributter');
  const nAttr = count(ctx, 'BORGER_ATTRIBUT_AFVIGER', citizens.length);
  const nProt = count(ctx, 'ADRESSEBESKYTTELSE', citizens.length);
  const chosen = rng.sample(citizens, nAttr + nProt);
  for (const c of chosen.slice(0, nAttr)) {
    const p = c.person;
    if (rng.chance(0.6)) {
      // the fagsystem was not updated after a move within the municipality
      let adresse = c.row.adresse;
      while (adresse === c.row.adresse) adresse = `${rng.pick(STREETS)} ${rng.int(1, 120)}`;
      c.row.adresse = adresse;
      rec.add('BORGER_ATTRIBUT_AFVIGER', {
        borger_id: c.row.borger_id,
        cpr: c.row.cpr,
        felt: 'adresse',
        vaerdier: { fagsystem: c.row.adresse, cpr: `${p.vejnavn} ${p.husnummer}` },
      });
    } else {
      // the CPR register shows a move to another municipality; the fagsystem still has the old one
      const town = rng.pick(OTHER_TOWNS);
      Object.assign(p, {
        vejnavn: rng.pick(STREETS),
        husnummer: String(rng.int(1, 120)),
        postnummer: town.postnummer,
        bynavn: town.bynavn,
        kommunekode: town.kommunekode,
      });
      rec.add('BORGER_ATTRIBUT_AFVIGER', {
        borger_id: c.row.borger_id,
        cpr: c.row.cpr,
        felt: 'kommunekode',
        vaerdier: { fagsystem: c.row.kommunekode, cpr: p.kommunekode },
      });
    }
  }
  for (const c of chosen.slice(nAttr)) {
    c.person.adressebeskyttelse = true;
    rec.add('ADRESSEBESKYTTELSE', { borger_id: c.row.borger_id, cpr: c.row.cpr, felt: 'adressebeskyttelse' });
  }
}
