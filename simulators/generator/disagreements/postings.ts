import { fromOere, toOere } from '../../../src/domain/money';
import type { GeneratorContext } from '../context';
import type { Random } from '../random';
import { type PostingDraft, copyRow } from '../drafts';
import { dayOf, isoOf, monthOfDay } from '../days';
import { scalePermille } from '../prices';
import { MAX_SIDE_EFFECT_PERMILLE } from './select';
import type { IndsatsPlant, PlantRecorder } from './types';

/**
 * Plants on single postings, made once an indsats's postings exist. A duplicate (DUBLET_POSTERING) and a
 * credit note (KREDITERING) belong, in the ground truth, to the same indsats as the posting they copy or
 * reverse: they are money for that indsats, however wrong.
 */
function byIndsats(drafts: readonly PostingDraft[], plan: Map<number, IndsatsPlant>, kinds: readonly string[]): Map<number, PostingDraft[]> {
  const out = new Map<number, PostingDraft[]>();
  for (const d of drafts) {
    if (d.indsatsId === null || !kinds.includes(plan.get(d.indsatsId)?.kind ?? '')) continue;
    const list = out.get(d.indsatsId);
    if (list) list.push(d);
    else out.set(d.indsatsId, [d]);
  }
  return out;
}

const later = (ctx: GeneratorContext, day: number, min: number, max: number, rng: Random) => Math.min(ctx.asOfDay - 1, day + rng.int(min, max));

/** The same invoice booked twice: identical invoice fields, another bilagsnr, booked days later. */
export function plantDuplicates(ctx: GeneratorContext, drafts: PostingDraft[], plan: Map<number, IndsatsPlant>, rec: PlantRecorder): void {
  const rng = ctx.rng.fork('dubletter');
  for (const [indsatsId, list] of byIndsats(drafts, plan, ['DUBLET_POSTERING'])) {
    const total = list.reduce((s, d) => s + toOere(d.row.beloeb), 0);
    const eligible = list.filter((d) => toOere(d.row.beloeb) * 1000 <= total * MAX_SIDE_EFFECT_PERMILLE);
    if (eligible.length === 0) continue;
    const original = rng.pick(eligible);
    const dup: PostingDraft = { row: copyRow(original.row, {}), indsatsId, bookDay: later(ctx, original.bookDay, 1, 20, rng) };
    drafts.push(dup);
    rec.add(
      'DUBLET_POSTERING',
      {
        indsats_id: indsatsId,
        cpr: original.row.cpr ?? undefined,
        kreditor_nr: original.row.kreditor_nr ?? undefined,
        vaerdier: { oekonomi: original.row.beloeb },
      },
      { draft: dup, original },
    );
  }
}

/**
 * An invoice with a wrong amount (5–15 % too high), reversed in full by a credit note and invoiced again
 * correctly: the indsats's total is unchanged, the single month is not.
 */
export function plantCreditNotes(ctx: GeneratorContext, drafts: PostingDraft[], plan: Map<number, IndsatsPlant>, rec: PlantRecorder): void {
  const rng = ctx.rng.fork('krediteringer');
  for (const [indsatsId, list] of byIndsats(drafts, plan, ['KREDITERING'])) {
    const eligible = list.filter((d) => monthOfDay(dayOf(d.row.periode_fra)) <= ctx.lastPaidMonth - 2 && toOere(d.row.beloeb) > 0);
    if (eligible.length === 0) continue;
    const original = rng.pick(eligible);
    const correct = toOere(original.row.beloeb);
    const wrong = scalePermille(correct, rng.int(1050, 1150));
    original.row.beloeb = fromOere(wrong === correct ? correct + 100 : wrong);
    const creditDay = later(ctx, dayOf(original.row.bilagsdato), 15, 45, rng);
    const credit: PostingDraft = {
      row: copyRow(original.row, {
        beloeb: fromOere(-toOere(original.row.beloeb)),
        bilagsdato: isoOf(creditDay),
        tekst: `Kreditnota ${original.row.tekst}`.slice(0, 400),
      }),
      indsatsId,
      bookDay: later(ctx, creditDay, 0, 2, rng),
    };
    const again: PostingDraft = {
      row: copyRow(original.row, { beloeb: fromOere(correct), bilagsdato: isoOf(creditDay) }),
      indsatsId,
      bookDay: credit.bookDay,
    };
    drafts.push(credit, again);
    rec.add(
      'KREDITERING',
      {
        indsats_id: indsatsId,
        cpr: original.row.cpr ?? undefined,
        kreditor_nr: original.row.kreditor_nr ?? undefined,
        vaerdier: { oekonomi: credit.row.beloeb },
      },
      { draft: credit, original },
    );
  }
}

const keyOf = (d: PostingDraft) => `${d.row.kreditor_nr}|${d.row.konto}|${d.row.periode_fra}|${d.row.periode_til}|${d.row.beloeb}`;

/**
 * CPR_MANGLER: a posting on a personhenført account booked without CPR. Only postings whose creditor +
 * account + period + amount no other indsats shares are chosen, so the posting stays attributable.
 */
export function plantMissingCpr(ctx: GeneratorContext, drafts: PostingDraft[], plan: Map<number, IndsatsPlant>, target: number, rec: PlantRecorder): void {
  const rng = ctx.rng.fork('cpr-mangler');
  const candidates = byIndsats(drafts, plan, ['CPR_MANGLER']);
  // cheap pre-filters (creditor, amount) before building the full key of any of the 1.5 million postings
  const kreditorer = new Set<string | null>();
  const beloeb = new Set<string>();
  for (const list of candidates.values())
    for (const d of list) {
      kreditorer.add(d.row.kreditor_nr);
      beloeb.add(d.row.beloeb);
    }
  const owners = new Map<string, number | null>(); // key → the one indsats owning it, or null when shared
  for (const d of drafts) {
    if (!kreditorer.has(d.row.kreditor_nr) || !beloeb.has(d.row.beloeb)) continue;
    const k = keyOf(d);
    const o = owners.get(k);
    if (o === undefined) owners.set(k, d.indsatsId);
    else if (o !== d.indsatsId) owners.set(k, null);
  }
  let made = 0;
  for (const [indsatsId, list] of rng.shuffle([...candidates])) {
    if (made >= target) break;
    const unique = list.filter((d) => d.row.cpr !== null && owners.get(keyOf(d)) === indsatsId);
    if (unique.length === 0) continue;
    for (const d of rng.sample(unique, rng.int(1, 2))) {
      rec.add('CPR_MANGLER', { indsats_id: indsatsId, cpr: d.row.cpr!, kreditor_nr: d.row.kreditor_nr ?? undefined }, { draft: d });
      d.row.cpr = null;
    }
    made++;
  }
}
