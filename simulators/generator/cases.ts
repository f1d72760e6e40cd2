import type { AfgoerelseRow, BorgerMaalgruppeRow, IndsatsRow, SagRow, YdelseRow } from '../model';
import { HENVENDELSESTYPER, paragrafByKode, ydelserForParagraf } from '../../src/domain/codes';
import type { GeneratorContext } from './context';
import type { Citizen } from './citizens';
import type { Organisation } from './organisation';
import type { ProviderUnit, ProviderWorld } from './providers';
import type { Random } from './random';
import type { Indsats } from './world';
import { addYears, isoOf, dayOf } from './days';
import { OTHER_TOWNS, KOMMUNE } from './names';
import { PROFILES, TERTIARY, TRACKS, type TrackRule } from './tracks';
import { takstYdelse } from './takster';

/**
 * Cases (sag) with the VUM 2.0 phases (ID 1, 25, 28), afgørelser (ID 63–67) and the indsatser and ydelser
 * they grant (ID 35–48). Each citizen follows a profile: a primary chain of bevillinger (e.g. § 107 →
 * § 108, or renewed § 85 with new hours) and possibly a concurrent secondary one.
 */
export interface CaseWorld {
  sager: SagRow[];
  afgoerelser: AfgoerelseRow[];
  indsatser: Indsats[];
  ydelser: YdelseRow[];
  borgerMaalgrupper: BorgerMaalgruppeRow[];
}

/** Share of indsatser under a paragraph delivered by the municipality's own units, when it has any. */
const INTERNAL_SHARE: Record<string, number> = { SEL85: 0.35, SEL108: 0.3, SEL107: 0.25, SEL104: 0.45, SEL103: 0.4, ABL105: 0.35, SEL97: 0.5 };
const AFSLAG_PARAGRAFFER = ['SEL107', 'SEL108', 'SEL96', 'SEL85', 'SEL103'];

class CaseBuilder {
  readonly out: CaseWorld = { sager: [], afgoerelser: [], indsatser: [], ydelser: [], borgerMaalgrupper: [] };
  private readonly byParagraf = new Map<string, { internal: ProviderUnit[]; external: ProviderUnit[] }>();

  constructor(
    readonly ctx: GeneratorContext,
    /** not readonly: the overlap pass (plantOverlaps) draws from its own stream, so the cases before it stay as they were */
    public rng: Random,
    readonly org: Organisation,
    providers: ProviderWorld,
  ) {
    for (const u of providers.units) {
      for (const p of u.kind.paragraffer) {
        const e = this.byParagraf.get(p) ?? { internal: [], external: [] };
        (u.row.intern ? e.internal : e.external).push(u);
        this.byParagraf.set(p, e);
      }
    }
  }

  unitFor(paragraf: string, previous: ProviderUnit | null): ProviderUnit {
    if (previous && previous.kind.paragraffer.includes(paragraf) && this.rng.chance(0.7)) return previous;
    const e = this.byParagraf.get(paragraf);
    if (!e || (e.internal.length === 0 && e.external.length === 0)) throw new Error(`no provider delivers ${paragraf}`);
    const internal =
      e.external.length === 0 || (e.internal.length > 0 && this.rng.chance((INTERNAL_SHARE[paragraf] ?? 0.3) * this.ctx.preset.internAndelFaktor));
    return this.rng.pick(internal ? e.internal : e.external);
  }

  afgoerelse(sag: SagRow, paragraf: string, resultat: AfgoerelseRow['resultat'], day: number): AfgoerelseRow {
    const opf = resultat === 'BEVILGET' ? addYears(day, 1) - (this.rng.chance(0.5) ? 183 : 0) : null;
    const row: AfgoerelseRow = {
      afgoerelse_id: this.out.afgoerelser.length + 1,
      sag_id: sag.sag_id,
      paragraf,
      resultat,
      afgoerelsesdato: isoOf(day),
      opfoelgningsdato: opf === null ? null : isoOf(opf),
    };
    this.out.afgoerelser.push(row);
    return row;
  }

  /**
   * One chain of bevillinger from a first decision day; returns the indsatser created. A citizen never
   * has two tracks under the same paragraph (`taken`), so concurrent indsatser differ in paragraph.
   */
  chain(citizen: Citizen, sag: SagRow, firstParagraf: string, firstAfgoerelse: number, taken: Set<string>): Indsats[] {
    const { ctx, rng } = this;
    const made: Indsats[] = [];
    if (taken.has(firstParagraf)) return made;
    const own = new Set<string>();
    let paragraf: string | null = firstParagraf;
    let afgDay = firstAfgoerelse;
    let start = afgDay + rng.int(7, 45);
    let unit: ProviderUnit | null = null;
    while (paragraf !== null && afgDay < ctx.asOfDay) {
      const rule: TrackRule = TRACKS[paragraf]!;
      own.add(paragraf);
      taken.add(paragraf);
      unit = this.unitFor(paragraf, unit);
      const afg = this.afgoerelse(sag, paragraf, 'BEVILGET', afgDay);
      const months = Math.round((rng.int(rule.months[0], rule.months[1]) * ctx.preset.varighedPromille) / 1000);
      const udenSlutdato = rng.chance(rule.uden_slutdato);
      const plannedEnd = start + Math.round(months * 30.44) - 1;
      const faktiskStart = start + (rng.chance(0.6) ? 0 : rng.int(1, 10));
      const started = faktiskStart < ctx.asOfDay;
      let end = udenSlutdato ? plannedEnd + rng.int(0, 30) : plannedEnd + rng.int(-30, 15);
      end = Math.max(end, faktiskStart + 14);
      const ended = started && end < ctx.asOfDay;
      const i = this.indsats({
        citizen,
        sag,
        afg,
        paragraf,
        unit,
        start,
        plannedEnd: udenSlutdato ? null : plannedEnd,
        months,
        faktiskStart: started ? faktiskStart : null,
        end: ended ? end : null,
      });
      made.push(i);
      if (!ended) break;
      paragraf = rng.weighted(rule.next.map(([p, w]) => [p, p === null ? w * ctx.preset.afslutVaegt : w] as const));
      if (paragraf !== null && taken.has(paragraf) && !own.has(paragraf)) paragraf = null; // another track has it
      afgDay = Math.max(faktiskStart + 1, end - rng.int(10, 30));
      start = end + 1 + (rng.chance(0.6) ? 0 : rng.int(1, 60));
    }
    return made;
  }

  indsats(a: {
    citizen: Citizen;
    sag: SagRow;
    afg: AfgoerelseRow;
    paragraf: string;
    unit: ProviderUnit;
    start: number;
    plannedEnd: number | null;
    months: number;
    faktiskStart: number | null;
    end: number | null;
  }): Indsats {
    const { rng } = this;
    const rule = TRACKS[a.paragraf]!;
    const volume = rule.volume(rng);
    const ydelser = rng.sample(ydelserForParagraf(a.paragraf), rng.int(rule.ydelser[0], rule.ydelser[1]));
    const indsatsId = this.out.indsatser.length + 1;
    const row: IndsatsRow = {
      indsats_id: indsatsId,
      sag_id: a.sag.sag_id,
      afgoerelse_id: a.afg.afgoerelse_id,
      paragraf: a.paragraf,
      tilbudstype: a.unit.kind.tilbudstype,
      leverandoer_id: a.unit.row.leverandoer_id,
      forventet_start: isoOf(a.start),
      forventet_slut: a.plannedEnd === null ? null : isoOf(a.plannedEnd),
      faktisk_start: a.faktiskStart === null ? null : isoOf(a.faktiskStart),
      faktisk_slut: a.end === null ? null : isoOf(a.end),
      status: a.faktiskStart === null ? 'BEVILGET' : a.end === null ? 'AKTIV' : 'AFSLUTTET',
      ydelsesenhed: volume.ydelsesenhed,
      antal_enheder: volume.hundredths / 100,
      ydelsesfrekvens: volume.ydelsesfrekvens,
      // VUM 2.0 ID 47: the months the basisindsatspris covers: the planned duration, or a budget year without end date
      gentagelser: a.plannedEnd === null ? 12 : a.months,
      enhedspris: '0.00', // set from the price list by orders.ts
      kontonummer: paragrafByKode(a.paragraf)!.konto,
      integrations_id: null,
    };
    for (const y of ydelser) {
      this.out.ydelser.push({
        ydelse_id: this.out.ydelser.length + 1,
        indsats_id: indsatsId,
        ydelseskode: y.kode,
        forventet_start: row.forventet_start,
        forventet_slut: row.forventet_slut,
      });
    }
    const i: Indsats = {
      row,
      citizen: a.citizen,
      sag: a.sag,
      unit: a.unit,
      hundredths: volume.hundredths,
      takstYdelse: takstYdelse(a.paragraf, ydelser[0]!.kode),
      afgoerelseDay: dayOf(a.afg.afgoerelsesdato),
      startDay: a.faktiskStart,
      endDay: a.end,
      periods: [],
    };
    this.out.indsatser.push(i);
    return i;
  }

  citizen(c: Citizen): void {
    const { ctx, rng, org } = this;
    const lower = Math.max(addYears(c.birthDay, 18), addYears(ctx.asOfDay, -ctx.preset.historikAar));
    const upper = ctx.asOfDay - 20;
    const opened = lower >= upper ? upper : lower + Math.floor((upper - lower) * rng.next() ** ctx.preset.sagAabningEksponent);
    const team = rng.pick(org.teams);
    const caseworker = rng.pick(org.sagsbehandlereByTeam.get(team.team_id)!);
    const oplysning = opened + rng.int(2, 20);
    const vurdering = oplysning + rng.int(10, 45);
    const firstAfg = vurdering + rng.int(5, 30);
    const sag: SagRow = {
      sag_id: this.out.sager.length + 1,
      sagsnummer: `S-${isoOf(opened).slice(0, 4)}-${String(this.out.sager.length + 1).padStart(6, '0')}`,
      borger_id: c.row.borger_id,
      team_id: team.team_id,
      sagsbehandler_id: caseworker.sagsbehandler_id,
      sag_aabnet: isoOf(opened),
      henvendelsestype: rng.weighted([
        [HENVENDELSESTYPER[0], 40],
        [HENVENDELSESTYPER[1], 20],
        [HENVENDELSESTYPER[2], 15],
        [HENVENDELSESTYPER[3], 15],
        [HENVENDELSESTYPER[4], 10],
      ]),
      sagsoplysning_start: oplysning < ctx.asOfDay ? isoOf(oplysning) : null,
      sagsvurdering_start: vurdering < ctx.asOfDay ? isoOf(vurdering) : null,
      handlekommune: KOMMUNE.kommunekode,
      // VUM 2.0 ID 19/20: after a move the former municipality keeps paying (SEL § 9, stk. 7)
      betalingskommune: rng.chance(0.04) ? rng.pick(OTHER_TOWNS).kommunekode : KOMMUNE.kommunekode,
      status: 'AABEN',
      lukket_dato: null,
    };
    this.out.sager.push(sag);
    if (firstAfg >= ctx.asOfDay) return; // still being assessed: no afgørelse yet
    const profile = rng.weighted(PROFILES);
    const primary = rng.weighted(profile.primary);
    const taken = new Set<string>();
    const made = this.chain(c, sag, primary, firstAfg, taken);
    const track = (options: readonly (readonly [string | null, number])[]) =>
      rng.weighted(options.map(([p, w]) => [p, p === null ? w * ctx.preset.tomtSporVaegt : w] as const));
    const secondary = track(profile.secondary);
    const firstStart = dayOf(made[0]!.row.forventet_start);
    const secondAfg = firstStart + rng.int(30, 240);
    if (secondary && secondAfg < ctx.asOfDay - 7) made.push(...this.chain(c, sag, secondary, secondAfg, taken));
    const tertiary = track(TERTIARY);
    const thirdAfg = firstStart + rng.int(30, 365);
    if (tertiary && thirdAfg < ctx.asOfDay - 7) made.push(...this.chain(c, sag, tertiary, thirdAfg, taken));
    let lastDecision = firstAfg;
    if (rng.chance(0.15)) {
      const day = firstAfg + Math.floor((ctx.asOfDay - 1 - firstAfg) * rng.next());
      this.afgoerelse(sag, rng.pick(AFSLAG_PARAGRAFFER), 'AFSLAG', day);
      lastDecision = Math.max(lastDecision, day);
    }
    this.maalgrupper(c, made, opened);
    const ends = made.map((i) => i.endDay);
    if (ends.every((e) => e !== null)) {
      const closeDay = Math.max(lastDecision, ...(ends as number[])) + rng.int(14, 60);
      if (closeDay < ctx.asOfDay) {
        sag.status = 'LUKKET';
        sag.lukket_dato = isoOf(closeDay);
      }
    }
  }

  /**
   * Seed 003's "potentielt overlappende ydelser": some citizens with a running § 85 indsats get an ABL § 105 /
   * SEL § 107 / § 108 botilbud beside it (started during the § 85, still running or ended since), as happens
   * when a citizen moves into housing whose staff give the same support and the § 85 is not stopped. The
   * botilbud is an ordinary indsats (bestilling, contract, payments follow); the pairs are the manifest's
   * `overlappendeYdelser`. Drawn from a stream of its own, after every citizen, so nothing before it changes.
   */
  plantOverlaps(): void {
    const { ctx } = this;
    const main = this.rng;
    this.rng = ctx.rng.fork('overlappende-ydelser');
    try {
      const rng = this.rng;
      const housing = ['ABL105', 'SEL107', 'SEL108'];
      const hasHousing = new Set(this.out.indsatser.filter((i) => housing.includes(i.row.paragraf)).map((i) => i.citizen.row.borger_id));
      // running § 85 (started, no end, not overdue: every reading of "running" agrees) with room for a botilbud after its start
      const eligible = this.out.indsatser.filter(
        (i) =>
          i.row.paragraf === 'SEL85' &&
          i.startDay !== null &&
          i.endDay === null &&
          (i.row.forventet_slut === null || dayOf(i.row.forventet_slut) >= ctx.asOfDay) &&
          i.startDay < ctx.asOfDay - 90 &&
          !hasHousing.has(i.citizen.row.borger_id),
      );
      const n = Math.min(eligible.length, Math.max(3, Math.round(eligible.length * 0.06)));
      for (const s85 of rng.sample(eligible, n)) {
        const paragraf = rng.pick(housing);
        const start = s85.startDay! + rng.int(14, Math.min(400, ctx.asOfDay - 30 - s85.startDay!));
        const ended = rng.chance(0.4);
        const end = ended ? Math.min(ctx.asOfDay - 1, start + rng.int(30, 300)) : null;
        const afg = this.afgoerelse(s85.sag, paragraf, 'BEVILGET', start - rng.int(7, 30));
        this.indsats({
          citizen: s85.citizen,
          sag: s85.sag,
          afg,
          paragraf,
          unit: this.unitFor(paragraf, null),
          start,
          // an ended botilbud had that end planned; a running one has no end date (no overdue reading)
          plannedEnd: end,
          months: end === null ? 12 : Math.max(1, Math.round((end - start + 1) / 30.44)),
          faktiskStart: start,
          end,
        });
      }
    } finally {
      this.rng = main;
    }
  }

  /** VUM 2.0 ID 60: the target group follows the offers the citizen is granted; some change over time. */
  maalgrupper(c: Citizen, made: Indsats[], opened: number): void {
    const { rng, ctx } = this;
    const pool = [...new Set(made.flatMap((i) => i.unit.kind.maalgrupper))];
    const chosen = rng.sample(pool, rng.chance(0.7) ? 1 : 2);
    for (const kode of chosen) {
      const id = () => this.out.borgerMaalgrupper.length + 1;
      const changeDay = opened + rng.int(180, 1500);
      if (rng.chance(0.15) && changeDay < ctx.asOfDay) {
        const other = rng.pick(pool.filter((k) => k !== kode).concat(['SOC.ISOLATION']));
        this.out.borgerMaalgrupper.push({
          borger_maalgruppe_id: id(),
          borger_id: c.row.borger_id,
          maalgruppe_kode: kode,
          fra_dato: isoOf(opened),
          til_dato: isoOf(changeDay - 1),
        });
        this.out.borgerMaalgrupper.push({
          borger_maalgruppe_id: id(),
          borger_id: c.row.borger_id,
          maalgruppe_kode: other,
          fra_dato: isoOf(changeDay),
          til_dato: null,
        });
      } else {
        this.out.borgerMaalgrupper.push({
          borger_maalgruppe_id: id(),
          borger_id: c.row.borger_id,
          maalgruppe_kode: kode,
          fra_dato: isoOf(opened),
          til_dato: null,
        });
      }
    }
  }
}

export function generateCases(ctx: GeneratorContext, citizens: readonly Citizen[], org: Organisation, providers: ProviderWorld): CaseWorld {
  const b = new CaseBuilder(ctx, ctx.rng.fork('cases'), org, providers);
  for (const c of citizens) b.citizen(c);
  b.plantOverlaps();
  return b.out;
}
