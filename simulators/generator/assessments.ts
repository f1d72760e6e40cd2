import type { FunktionsevnevurderingRow, IndsatsmaalRow, OpfoelgningRow, StoettebehovRow } from '../model';
import { FUNKTIONSEVNE_TEMAER, FUNKTIONSEVNE_TEMA_KODER, MAALTYPER, STOETTEBEHOV } from '../../src/domain/codes';
import type { GeneratorContext } from './context';
import type { CaseWorld } from './cases';
import type { Organisation } from './organisation';
import type { Random } from './random';
import type { Indsats } from './world';
import { dayOf, isoOf } from './days';

/**
 * What caseworkers record over time: funktionsevnevurderinger (VUM 2.0 ID 26–27) and støttebehov
 * (ID 59/83/84) at the assessment and yearly re-assessments, with progression; indsatsmål (ID 29–31);
 * opfølgninger (ID 67, 75–82), planned every 6 or 12 months, most done around the planned date, some
 * overdue relative to asOf.
 */
export interface Assessments {
  funktionsevnevurderinger: FunktionsevnevurderingRow[];
  stoettebehov: StoettebehovRow[];
  indsatsmaal: IndsatsmaalRow[];
  opfoelgninger: OpfoelgningRow[];
}

/** Heavier offers start from a lower funktionsevne (higher level = more reduced). */
const START_LEVEL: Record<string, [number, number]> = {
  SEL108: [3, 4],
  SEL107: [2, 4],
  SEL96: [3, 4],
  ABL105: [2, 3],
  SEL103: [2, 3],
  SEL104: [2, 4],
  SEL110: [1, 3],
};
const MAAL_TEKSTER: Record<string, readonly string[]> = {
  EGENOMSORG: ['Borgeren varetager selv sin personlige hygiejne', 'Borgeren tager selv sin medicin', 'Borgeren spiser regelmæssigt'],
  PRAKTISKE_OPGAVER: ['Borgeren handler selv ind en gang om ugen', 'Borgeren betaler selv sine regninger', 'Borgeren gør selv rent i boligen'],
  MOBILITET: ['Borgeren tager selv bussen til aktivitetstilbuddet', 'Borgeren færdes trygt i lokalområdet'],
  KOMMUNIKATION: ['Borgeren kontakter selv offentlige myndigheder', 'Borgeren bruger sin mobiltelefon til aftaler'],
  SAMFUNDSLIV: ['Borgeren deltager i et fritidstilbud', 'Borgeren kommer i praktik', 'Borgeren strukturerer sin uge med en kalender'],
  SOCIALE_RELATIONER: ['Borgeren vedligeholder kontakt til sin familie', 'Borgeren indgår i et fællesskab', 'Borgeren håndterer konflikter med naboer'],
};

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

function assessCases(ctx: GeneratorContext, rng: Random, world: CaseWorld, out: Assessments): void {
  const bySag = new Map<number, Indsats[]>();
  for (const i of world.indsatser) bySag.set(i.sag.sag_id, [...(bySag.get(i.sag.sag_id) ?? []), i]);
  for (const sag of world.sager) {
    if (!sag.sagsvurdering_start) continue;
    const first = bySag.get(sag.sag_id)?.[0];
    const [lo, hi] = START_LEVEL[first?.row.paragraf ?? ''] ?? [1, 3];
    const temaer = rng.sample(FUNKTIONSEVNE_TEMA_KODER, rng.int(2, 3));
    const items = temaer.flatMap((tema) =>
      rng.sample(FUNKTIONSEVNE_TEMAER[tema]!, rng.int(1, 2)).map((undertema) => ({ tema, undertema, level: rng.int(lo, hi) })),
    );
    // development, maintenance or slow decline: the direction re-assessments tend to move in (ID 29)
    const trend = rng.weighted([
      [-1, 45],
      [0, 40],
      [1, 15],
    ] as const);
    let stoette = clamp(rng.int(lo, hi), 0, 4);
    const endDay = sag.lukket_dato ? dayOf(sag.lukket_dato) : ctx.asOfDay - 1;
    for (let day = dayOf(sag.sagsvurdering_start); day <= endDay; day += rng.int(300, 420)) {
      for (const it of items) {
        out.funktionsevnevurderinger.push({
          vurdering_id: out.funktionsevnevurderinger.length + 1,
          sag_id: sag.sag_id,
          borger_id: sag.borger_id,
          vurderingsdato: isoOf(day),
          tema: it.tema,
          undertema: it.undertema,
          niveau: rng.chance(0.04) ? null : it.level,
        });
        if (rng.chance(0.4)) it.level = clamp(it.level + trend, 0, 4);
      }
      out.stoettebehov.push({
        stoettebehov_id: out.stoettebehov.length + 1,
        sag_id: sag.sag_id,
        borger_id: sag.borger_id,
        vurderingsdato: isoOf(day),
        niveau: STOETTEBEHOV[stoette]!,
      });
      if (rng.chance(0.35)) stoette = clamp(stoette + trend, 0, 4);
    }
  }
}

function goals(rng: Random, i: Indsats, asOfDay: number, out: Assessments): void {
  for (const tema of rng.sample(FUNKTIONSEVNE_TEMA_KODER, rng.int(1, 3))) {
    const afsluttet =
      i.endDay ??
      (rng.chance(0.15) && i.startDay !== null && i.startDay + 200 < asOfDay ? i.startDay + rng.int(120, Math.max(121, asOfDay - i.startDay - 1)) : null);
    out.indsatsmaal.push({
      indsatsmaal_id: out.indsatsmaal.length + 1,
      indsats_id: i.row.indsats_id,
      tema,
      maaltype: rng.weighted([
        [MAALTYPER[0], 55],
        [MAALTYPER[1], 35],
        [MAALTYPER[2], 10],
      ]),
      beskrivelse: rng.pick(MAAL_TEKSTER[tema]!),
      forventet_niveau: rng.chance(0.8) ? rng.int(0, 3) : null,
      status:
        afsluttet === null
          ? 'AKTIV'
          : rng.weighted([
              ['OPFYLDT', 40],
              ['DELVIST_OPFYLDT', 40],
              ['IKKE_OPFYLDT', 20],
            ] as const),
      oprettet: i.row.forventet_start,
      afsluttet: afsluttet === null ? null : isoOf(afsluttet),
    });
  }
}

function followUps(rng: Random, org: Organisation, i: Indsats, asOfDay: number, out: Assessments): void {
  if (i.startDay === null) return;
  const interval = i.row.paragraf === 'SEL108' || i.row.paragraf === 'ABL105' ? 365 : 182;
  const residential = ['SEL107', 'SEL108'].includes(i.row.paragraf);
  const base = { residential, asOfDay };
  let stoette = rng.int(1, 3);
  for (let planned = i.startDay + interval; ; planned += interval) {
    if (i.endDay !== null && planned > i.endDay) {
      // the closing follow-up of an ended indsats
      pushFollowUp(out, org, i, rng, {
        ...base,
        planned: i.endDay - rng.int(0, 20),
        done: true,
        status: rng.chance(0.7) ? 'AFSLUTNING' : 'NY_INDSATS',
        stoette,
      });
      return;
    }
    if (planned >= asOfDay) {
      pushFollowUp(out, org, i, rng, { ...base, planned, done: false, status: null, stoette }); // next planned, not yet due
      return;
    }
    // a missed follow-up of a running indsats stays outstanding: overdue relative to asOf
    const overdue = i.endDay === null && planned > asOfDay - 240 && rng.chance(0.12);
    pushFollowUp(out, org, i, rng, { ...base, planned, done: !overdue, status: 'FORTSAET', stoette, markant: rng.chance(0.05) });
    if (overdue) return;
    stoette = clamp(stoette + rng.int(-1, 1), 0, 4);
  }
}

function pushFollowUp(
  out: Assessments,
  org: Organisation,
  i: Indsats,
  rng: Random,
  f: {
    planned: number;
    done: boolean;
    status: OpfoelgningRow['status_paa_indsats'];
    residential: boolean;
    asOfDay: number;
    stoette: number;
    markant?: boolean;
  },
): void {
  const worker = rng.chance(0.85) ? i.sag.sagsbehandler_id : rng.pick(org.sagsbehandlere).sagsbehandler_id;
  out.opfoelgninger.push({
    opfoelgning_id: out.opfoelgninger.length + 1,
    indsats_id: i.row.indsats_id,
    sagsbehandler_id: worker,
    opfoelgningstype: f.markant ? 'MARKANT_AENDRING' : 'PLANLAGT',
    planlagt_dato: isoOf(f.planned),
    udfoert_dato: f.done ? isoOf(Math.min(f.asOfDay - 1, f.planned + rng.int(-10, 20))) : null,
    status_paa_indsats: f.done ? f.status : null,
    trivsel: f.done
      ? rng.weighted([
          [1, 5],
          [2, 15],
          [3, 35],
          [4, 30],
          [5, 15],
        ] as const)
      : null,
    // VUM 2.0 ID 82: uses of force are registered mostly in residential offers
    magtanvendelser: f.done && f.residential && rng.chance(0.2) ? rng.int(1, 6) : 0,
    stoettebehov_efter: f.done ? STOETTEBEHOV[f.stoette]! : null,
  });
}

export function generateAssessments(ctx: GeneratorContext, world: CaseWorld, org: Organisation): Assessments {
  const rng = ctx.rng.fork('assessments');
  const out: Assessments = { funktionsevnevurderinger: [], stoettebehov: [], indsatsmaal: [], opfoelgninger: [] };
  assessCases(ctx, rng, world, out);
  for (const i of world.indsatser) {
    goals(rng, i, ctx.asOfDay, out);
    followUps(rng, org, i, ctx.asOfDay, out);
  }
  return out;
}
