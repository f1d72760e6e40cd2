import type { CvrVirksomhedRecord, KreditorRow, LeverandoerRow, TilbudRecord } from '../model';
import type { GeneratorContext } from './context';
import type { Random } from './random';
import { isoOf } from './days';
import { COMPANY_SUFFIXES, GROUP_PREFIXES, KOMMUNE, OTHER_TOWNS, OWN_TOWNS, PLACE_NAMES, STREETS, type Town } from './names';
import { EXTERNAL_WEIGHTS, INTERNAL_TEMPLATES, OFFER_KINDS, type OfferKind, type OfferKindCode } from './offer-kinds';

/**
 * Providers as each system knows them. One fagsystem `leverandoer` is one production unit (P-nummer,
 * VUM 2.0 ID 69) = one Tilbudsportalen afdeling = one or more economy creditors (CVR + EAN). Companies
 * own 1–3 units, some companies belong to a group with a parent company, some invoice centrally (one
 * creditor for all units), some have a legacy creditor without EAN next to the current one. Unless a
 * disagreement is planted later, the unit's name and address are identical in fagsystem, Tilbudsportalen
 * and the CVR register.
 */
export interface ProviderUnit {
  row: LeverandoerRow;
  kind: OfferKind;
  cvr: string;
  /** The creditors that truly are this provider (first = the one contracts normally use). */
  kreditorer: string[];
  /** Name on invoices (the creditor's name). */
  kreditorNavn: string;
  /** The group's parent company creditor, when the company belongs to a group (ANDEN_KREDITOR). */
  parent: { kreditor_nr: string; navn: string } | null;
  tilbud: TilbudRecord | null;
}

export interface ProviderWorld {
  kommuneCvr: string;
  units: ProviderUnit[];
  kreditorer: KreditorRow[];
  /** Creditors for postings that belong to no indsats (interpreters, courses, transport). */
  oevrigeKreditorer: KreditorRow[];
  virksomheder: CvrVirksomhedRecord[];
}

interface Address {
  adresse: string;
  postnummer: string;
  bynavn: string;
}

const KIND_WORDS: Record<OfferKindCode, string> = {
  BOSTOETTE: 'Socialpædagogisk Støtte',
  LEDSAGELSE: 'Ledsagelse',
  BEHANDLING: 'Behandling',
  MIDLERTIDIGT: 'Bo og Udredning',
  LAENGEREVARENDE: 'Bo og Udvikling',
  ABL105: 'Boliger',
  BESKYTTET: 'Beskæftigelse',
  AKTIVITET: 'Aktivitet og Samvær',
  FORSORG: 'Herberg',
  BPA: 'Hjælperordninger',
  HJEMMEPLEJE: 'Hjemmepleje',
};

class Builder {
  readonly units: ProviderUnit[] = [];
  readonly kreditorer: KreditorRow[] = [];
  readonly virksomheder: CvrVirksomhedRecord[] = [];
  private readonly usedNames = new Set<string>();
  private nextKreditor = 400001;
  private nextTilbudsid = 2101;
  private nextAfdelingsid = 50011;

  constructor(
    readonly ctx: GeneratorContext,
    readonly rng: Random,
  ) {}

  address(town: Town): Address {
    return { adresse: `${this.rng.pick(STREETS)} ${this.rng.int(1, 140)}`, postnummer: town.postnummer, bynavn: town.bynavn };
  }

  uniqueName(make: () => string): string {
    for (let i = 0; ; i++) {
      const base = make();
      const name = i < 20 ? base : `${base} ${i}`;
      if (!this.usedNames.has(name)) {
        this.usedNames.add(name);
        return name;
      }
    }
  }

  kreditor(navn: string, cvr: string | null, ean: string | null, a: Address): KreditorRow {
    const row = { kreditor_nr: String(this.nextKreditor++), navn, cvr, ean, ...a };
    this.kreditorer.push(row);
    return row;
  }

  tilbudsid(): number {
    return this.nextTilbudsid++;
  }

  unit(input: {
    navn: string;
    kind: OfferKind;
    a: Address;
    cvr: string;
    intern: boolean;
    afregnes: boolean;
    tilbud: { tilbudsid: number; tilbudsnavn: string } | null;
  }): ProviderUnit {
    const { navn, kind, a, cvr, intern, afregnes } = input;
    const inTp = kind.inTilbudsportalen && input.tilbud !== null;
    const afdelingsid = inTp ? this.nextAfdelingsid++ : null;
    const row: LeverandoerRow = {
      leverandoer_id: this.units.length + 1,
      navn,
      ...a,
      pnummer: this.ctx.ids.pnummer(),
      tilbudsid: inTp ? input.tilbud!.tilbudsid : null,
      afdelingsid,
      intern,
      afregnes_pr_borger: afregnes,
    };
    const tilbud: TilbudRecord | null = inTp
      ? {
          tilbudsid: input.tilbud!.tilbudsid,
          afdelingsid: afdelingsid!,
          tilbudsnavn: input.tilbud!.tilbudsnavn,
          afdelingsnavn: navn,
          tilbudstype: kind.tilbudstype,
          cvr,
          pnummer: row.pnummer!,
          ...a,
          paragraffer: [...kind.paragraffer],
          pladser: this.rng.int(kind.pladser[0], kind.pladser[1]),
          maalgrupper: this.rng.sample(kind.maalgrupper, this.rng.int(2, Math.min(4, kind.maalgrupper.length))).sort(),
          takster: [],
          opdateret: `${isoOf(this.ctx.asOfDay - this.rng.int(1, 400))}T${String(this.rng.int(7, 16)).padStart(2, '0')}:${String(this.rng.int(0, 59)).padStart(2, '0')}:00Z`,
        }
      : null;
    const u: ProviderUnit = { row, kind, cvr, kreditorer: [], kreditorNavn: navn, parent: null, tilbud };
    this.units.push(u);
    return u;
  }
}

function internalUnits(b: Builder, kommuneCvr: string, hq: Address): void {
  const pe: CvrVirksomhedRecord['produktionsenheder'] = [];
  for (let i = 0; i < b.ctx.preset.interneEnheder; i++) {
    const template = INTERNAL_TEMPLATES[i % INTERNAL_TEMPLATES.length]!;
    const kind = OFFER_KINDS[template.kind];
    const town = OWN_TOWNS[i % OWN_TOWNS.length]!;
    const navn = b.uniqueName(() =>
      template.kind === 'HJEMMEPLEJE' || template.kind === 'BOSTOETTE' || template.kind === 'LEDSAGELSE'
        ? `${kind.prefixes[0]} ${town.bynavn}`
        : `${b.rng.pick(kind.prefixes)} ${b.rng.pick(PLACE_NAMES)}`,
    );
    const a = b.address(town);
    const tilbud = kind.inTilbudsportalen ? { tilbudsid: b.tilbudsid(), tilbudsnavn: navn } : null;
    const u = b.unit({ navn, kind, a, cvr: kommuneCvr, intern: true, afregnes: template.afregnesPrBorger, tilbud });
    // a municipal unit is paid (internal settlement or budget transfers) by its own EAN under the municipality's CVR
    const k = b.kreditor(`${KOMMUNE.kommunenavn}, ${navn}`, kommuneCvr, b.ctx.ids.ean(), a);
    u.kreditorer.push(k.kreditor_nr);
    u.kreditorNavn = k.navn;
    pe.push({ pnummer: u.row.pnummer!, navn, ...a });
  }
  b.virksomheder.push({ cvr: kommuneCvr, navn: KOMMUNE.kommunenavn, ...hq, produktionsenheder: pe });
}

function externalCompanies(b: Builder): void {
  const { rng, ctx } = b;
  const parents: { kreditor_nr: string; navn: string }[] = [];
  const nParents = Math.max(2, Math.round(ctx.preset.eksterneVirksomheder * 0.12));
  for (let i = 0; i < nParents; i++) {
    const navn = b.uniqueName(() => `${rng.pick(GROUP_PREFIXES)} Holding A/S`);
    const cvr = ctx.ids.cvr();
    const a = b.address(rng.pick(OTHER_TOWNS));
    const k = b.kreditor(navn, cvr, ctx.ids.ean(), a);
    parents.push({ kreditor_nr: k.kreditor_nr, navn });
    b.virksomheder.push({ cvr, navn, ...a, produktionsenheder: [{ pnummer: ctx.ids.pnummer(), navn, ...a }] });
  }
  const kinds = EXTERNAL_WEIGHTS.map(([k]) => k);
  for (let i = 0; i < ctx.preset.eksterneVirksomheder; i++) {
    const kindCode = i < kinds.length ? kinds[i]! : rng.weighted(EXTERNAL_WEIGHTS);
    const kind = OFFER_KINDS[kindCode];
    const single = ['BPA', 'BEHANDLING', 'LEDSAGELSE'].includes(kindCode);
    const nUnits = single
      ? 1
      : rng.weighted([
          [1, 65],
          [2, 25],
          [3, 10],
        ] as const);
    const place = rng.pick(PLACE_NAMES);
    const home = rng.chance(0.35) ? rng.pick(OWN_TOWNS) : rng.pick(OTHER_TOWNS);
    const cvr = ctx.ids.cvr();
    const suffix = rng.pick(COMPANY_SUFFIXES);
    const unitNames: string[] = [];
    for (let u = 0; u < nUnits; u++) {
      unitNames.push(b.uniqueName(() => (u === 0 ? `${rng.pick(kind.prefixes)} ${place}` : `${rng.pick(kind.prefixes)} ${rng.pick(PLACE_NAMES)}`)));
    }
    const companyNavn = b.uniqueName(() =>
      nUnits > 1
        ? `${place} ${KIND_WORDS[kindCode]} ${suffix}`
        : rng.weighted([
            [`${unitNames[0]} ${suffix}`, 5],
            [`Den selvejende institution ${unitNames[0]}`, 2],
            [`Fonden ${unitNames[0]}`, 1],
          ] as const),
    );
    const unitAddresses = unitNames.map((_, u) => b.address(u === 0 ? home : rng.chance(0.5) ? home : rng.pick([...OWN_TOWNS, ...OTHER_TOWNS])));
    const hq = nUnits === 1 ? unitAddresses[0]! : b.address(home);
    const tilbud = kind.inTilbudsportalen
      ? { tilbudsid: b.tilbudsid(), tilbudsnavn: nUnits === 1 ? unitNames[0]! : companyNavn.replace(/ (ApS|A\/S|I\/S)$/, '') }
      : null;
    const parent = rng.chance(0.3) ? rng.pick(parents) : null;
    const units = unitNames.map((navn, u) => b.unit({ navn, kind, a: unitAddresses[u]!, cvr, intern: false, afregnes: true, tilbud }));
    const central = nUnits > 1 && rng.chance(0.4) ? b.kreditor(companyNavn, cvr, ctx.ids.ean(), hq) : null;
    for (const [u, unit] of units.entries()) {
      const k = central ?? b.kreditor(companyNavn, cvr, ctx.ids.ean(), unitAddresses[u]!);
      unit.kreditorer.push(k.kreditor_nr);
      unit.kreditorNavn = companyNavn;
      unit.parent = parent;
    }
    // a creditor created before e-invoicing, without EAN: same CVR, second creditor number
    if (rng.chance(0.15)) units[0]!.kreditorer.push(b.kreditor(companyNavn, cvr, null, hq).kreditor_nr);
    b.virksomheder.push({
      cvr,
      navn: companyNavn,
      ...hq,
      produktionsenheder: units.map((u) => ({
        pnummer: u.row.pnummer!,
        navn: u.row.navn,
        adresse: u.row.adresse,
        postnummer: u.row.postnummer,
        bynavn: u.row.bynavn,
      })),
    });
  }
}

function otherCreditors(b: Builder): KreditorRow[] {
  const { rng, ctx } = b;
  const kinds = ['Tolkecentralen', 'Kursuscentret', 'Taxa', 'Konsulenthuset', 'Kontorforsyningen', 'Psykiatrifonden Kurser', 'Misbrugscentret'];
  const out: KreditorRow[] = [];
  const n = 4 + Math.round(ctx.preset.borgere / 250);
  for (let i = 0; i < n; i++) {
    const navn = b.uniqueName(() => `${kinds[i % kinds.length]} ${rng.pick(PLACE_NAMES)} ${rng.pick(COMPANY_SUFFIXES)}`);
    const cvr = ctx.ids.cvr();
    const a = b.address(rng.pick([...OWN_TOWNS, ...OTHER_TOWNS]));
    out.push(b.kreditor(navn, cvr, rng.chance(0.7) ? ctx.ids.ean() : null, a));
    b.virksomheder.push({ cvr, navn, ...a, produktionsenheder: [{ pnummer: ctx.ids.pnummer(), navn, ...a }] });
  }
  return out;
}

export function generateProviders(ctx: GeneratorContext): ProviderWorld {
  const b = new Builder(ctx, ctx.rng.fork('providers'));
  const kommuneCvr = ctx.ids.cvr();
  internalUnits(b, kommuneCvr, { adresse: 'Nordre Kajgade 1', postnummer: '9500', bynavn: 'Hobro' });
  externalCompanies(b);
  const oevrigeKreditorer = otherCreditors(b);
  return { kommuneCvr, units: b.units, kreditorer: b.kreditorer, oevrigeKreditorer, virksomheder: b.virksomheder };
}
