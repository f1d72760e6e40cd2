import type { PosteringRow } from '../model';
import type { GeneratorContext } from './context';
import type { PostingDraft } from './drafts';
import { isoOf, monthStart } from './days';

/**
 * Books all postings in the order the economy system registered them: by booking day, and within a day in
 * the order they were generated. `postering_id` counts up, `registreret` strictly increases (the
 * reconciliation job reads new postings by it), and `bilagsnr` is the year plus a 7-digit number within
 * the year: 11 digits, so a bilagsnr can never be mistaken for a CPR number in a text.
 */
const DAY_START_SECONDS = 6 * 3600;
const DAY_SPAN_SECONDS = 16 * 3600;

function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

export function book(ctx: GeneratorContext, drafts: readonly PostingDraft[]): { rows: PosteringRow[]; truth: Record<string, number | null> } {
  const firstDay = Math.min(monthStart(ctx.firstPaidMonth), ...sampleMin(drafts));
  const buckets: PostingDraft[][] = [];
  for (const d of drafts) {
    if (d.bookDay >= ctx.asOfDay) throw new Error('a posting was booked on or after asOf');
    const idx = d.bookDay - firstDay;
    (buckets[idx] ??= []).push(d);
  }
  const rows: PosteringRow[] = [];
  // a prototype-less object takes 1.5 million keys several times faster than a plain one
  const truth: Record<string, number | null> = Object.create(null) as Record<string, number | null>;
  let year = 0;
  let seqInYear = 0;
  for (let idx = 0; idx < buckets.length; idx++) {
    const list = buckets[idx];
    if (!list) continue;
    const iso = isoOf(firstDay + idx);
    const y = Number(iso.slice(0, 4));
    if (y !== year) {
      year = y;
      seqInYear = 0;
    }
    const [start, span] = list.length < DAY_SPAN_SECONDS ? [DAY_START_SECONDS, DAY_SPAN_SECONDS] : [0, 86_400];
    if (list.length >= span) throw new Error(`more than ${span} postings booked on one day`);
    const step = Math.floor(span / (list.length + 1));
    for (let k = 0; k < list.length; k++) {
      const d = list[k]!;
      seqInYear++;
      d.row.postering_id = rows.length + 1;
      d.row.bilagsnr = `${y}${String(seqInYear).padStart(7, '0')}`;
      d.row.registreret = `${iso}T${clock(start + step * (k + 1))}`;
      rows.push(d.row);
      truth[d.row.bilagsnr] = d.indsatsId;
    }
  }
  return { rows, truth };
}

/** The earliest booking day without spreading a million values into Math.min. */
function sampleMin(drafts: readonly PostingDraft[]): number[] {
  let min = Number.POSITIVE_INFINITY;
  for (const d of drafts) if (d.bookDay < min) min = d.bookDay;
  return Number.isFinite(min) ? [min] : [];
}
