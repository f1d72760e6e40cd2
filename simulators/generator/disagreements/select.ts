import type { PlantedKind } from '../../model';
import { PLANT_RATES } from '../presets';
import type { GeneratorContext } from '../context';
import { type Indsats, isSettled } from '../world';
import { schedule, sumOere } from '../schedule';
import { monthOfDay } from '../days';
import type { IndsatsPlant } from './types';

/**
 * Chooses which indsatser carry which planted disagreement. Each kind draws from the indsatser where it
 * can happen realistically and where the ground truth stays clean: price-affecting plants that are not
 * FAKTISK_AFVIGER keep actual within 8 % of contract (below GLIDNING_TAERSKEL_PROCENT), and postings with
 * a wrong creditor or without CPR are only planted where the citizen has no second indsats on the same
 * account at the same time (so creditor + account + period + amount still point to one indsats).
 */
interface Summary {
  i: Indsats;
  months: number;
  firstMonth: number;
  lastMonth: number;
  total: number;
  maxMonth: number;
}

/** Share of the contract total a planted extra payment may add without crossing the drift threshold. */
export const MAX_SIDE_EFFECT_PERMILLE = 80;

export function count(ctx: GeneratorContext, kind: keyof typeof PLANT_RATES, population: number): number {
  return Math.min(population, Math.max(ctx.preset.minPerKind, Math.round(PLANT_RATES[kind] * population)));
}

export interface PlantPlan {
  plan: Map<number, IndsatsPlant>;
  /** How many indsatser should end up with a CPR_MANGLER posting (out of the reserved candidates). */
  cprMangler: number;
}

export function planIndsatsPlants(ctx: GeneratorContext, indsatser: readonly Indsats[]): PlantPlan {
  const rng = ctx.rng.fork('plants');
  const summaries: Summary[] = [];
  const byCitizenKonto = new Map<string, Summary[]>();
  for (const i of indsatser) {
    if (!isSettled(i)) continue;
    const s = schedule(ctx, i);
    const sum: Summary = {
      i,
      months: s.length,
      firstMonth: s[0]?.month ?? 0,
      lastMonth: s[s.length - 1]?.month ?? -1,
      total: sumOere(s),
      maxMonth: Math.max(0, ...s.map((x) => x.oere)),
    };
    summaries.push(sum);
    const k = `${i.citizen.row.borger_id}|${i.row.kontonummer}`;
    byCitizenKonto.set(k, [...(byCitizenKonto.get(k) ?? []), sum]);
  }
  const alone = (s: Summary, from: number, to: number) =>
    (byCitizenKonto.get(`${s.i.citizen.row.borger_id}|${s.i.row.kontonummer}`) ?? []).every(
      (o) => o === s || o.lastMonth < from || o.firstMonth > to || o.months === 0,
    );

  const plan = new Map<number, IndsatsPlant>();
  // postings the fagsystem sends itself (SF1590) carry its creditor, CPR and price: only a lost, doubled
  // or credited posting can go wrong there
  const viaIntegration = (kind: PlantedKind, s: Summary) =>
    s.i.row.integrations_id === null || ['INDSATS_UDEN_BETALING', 'DUBLET_POSTERING', 'KREDITERING'].includes(kind);
  const choose = (kind: PlantedKind & keyof typeof PLANT_RATES, eligible: (s: Summary) => boolean, make: (s: Summary) => IndsatsPlant | null) => {
    const pool = summaries.filter((s) => !plan.has(s.i.row.indsats_id) && viaIntegration(kind, s) && eligible(s));
    const n = count(ctx, kind, pool.length);
    let made = 0;
    for (const s of rng.shuffle(pool)) {
      if (made >= n) break;
      const p = make(s);
      if (p) {
        plan.set(s.i.row.indsats_id, p);
        made++;
      }
    }
  };

  choose(
    'ANDEN_KREDITOR',
    (s) => s.i.unit.parent !== null && s.months >= 2 && alone(s, s.firstMonth, s.lastMonth),
    (s) => {
      const from = s.firstMonth + rng.int(0, s.months - 1);
      return {
        kind: 'ANDEN_KREDITOR',
        fromMonth: from,
        toMonth: Math.min(s.lastMonth, from + rng.int(0, 5)),
        kreditorNr: s.i.unit.parent!.kreditor_nr,
        navn: s.i.unit.parent!.navn,
      };
    },
  );
  choose(
    'BETALING_EFTER_SLUT',
    (s) => s.i.endDay !== null && s.months > 0 && monthOfDay(s.i.endDay) < ctx.lastPaidMonth && monthOfDay(s.i.endDay) >= ctx.firstPaidMonth,
    (s) => {
      const endMonth = monthOfDay(s.i.endDay!);
      const last = s.i.periods[s.i.periods.length - 1]!.oekonomiOere;
      for (let extra = Math.min(2, ctx.lastPaidMonth - endMonth); extra >= 1; extra--) {
        if (extra * last * 1000 <= s.total * MAX_SIDE_EFFECT_PERMILLE && alone(s, s.firstMonth, endMonth + extra))
          return { kind: 'BETALING_EFTER_SLUT', extraMonths: extra };
      }
      return null;
    },
  );
  choose(
    'INDSATS_UDEN_BETALING',
    (s) => s.i.row.status === 'AKTIV' && s.i.startDay! >= ctx.asOfDay - 365 && s.i.startDay! <= ctx.asOfDay - 45,
    () => ({ kind: 'INDSATS_UDEN_BETALING' }),
  );
  choose(
    'DUBLET_POSTERING',
    (s) => s.months >= 13 && s.maxMonth * 1000 <= s.total * MAX_SIDE_EFFECT_PERMILLE,
    () => ({ kind: 'DUBLET_POSTERING' }),
  );
  choose(
    'KREDITERING',
    (s) => s.months >= 3 && s.firstMonth <= ctx.lastPaidMonth - 2,
    () => ({ kind: 'KREDITERING' }),
  );
  choose(
    'FAKTISK_AFVIGER',
    (s) => s.months >= 3,
    () => ({ kind: 'FAKTISK_AFVIGER', permille: rng.chance(0.7) ? rng.int(1120, 1350) : rng.int(650, 880) }),
  );
  choose(
    'KONTRAKTPRIS_AFVIGER',
    (s) => s.months >= 1,
    () => ({ kind: 'KONTRAKTPRIS_AFVIGER' }),
  );
  choose(
    'CPR_KUN_I_TEKST',
    (s) => s.months >= 1,
    (s) => {
      const from = s.firstMonth + rng.int(0, s.months - 1);
      return { kind: 'CPR_KUN_I_TEKST', fromMonth: from, toMonth: Math.min(s.lastMonth, from + rng.int(0, 5)), dash: rng.chance(0.6) };
    },
  );
  // CPR_MANGLER needs a posting whose creditor + account + period + amount is unique; candidates are
  // reserved here (three per planted instance) and the postings chosen once all postings exist.
  const mangler = count(ctx, 'CPR_MANGLER', summaries.filter((s) => s.months >= 1).length);
  const pool = rng.sample(
    summaries.filter((s) => !plan.has(s.i.row.indsats_id) && viaIntegration('CPR_MANGLER', s) && s.months >= 1 && alone(s, s.firstMonth, s.lastMonth)),
    mangler * 3,
  );
  for (const s of pool) plan.set(s.i.row.indsats_id, { kind: 'CPR_MANGLER' });
  return { plan, cprMangler: mangler };
}
