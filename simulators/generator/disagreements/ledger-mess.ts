import type { KreditorRow, Matchtilfaelde, MatchtilfaeldeArt } from '../../model';
import { fromOere, toOere } from '../../../src/domain/money';
import type { GeneratorContext } from '../context';
import type { Indsats } from '../world';
import { type PostingDraft, copyRow } from '../drafts';
import { dayOf, isoOf, monthEnd, monthLabel, monthOfDay, monthStart } from '../days';
import { scalePermille } from '../prices';
import { cprWithDash } from '../identifiers';
import type { IndsatsPlant } from './types';

/**
 * The mess real municipal ledgers have, planted on single postings after all payments exist (issue 11): CPR
 * spellings in the text, a CPR field that lost its leading zero or has a typo, konteringsfejl and
 * omposteringer on a neighbouring function, mellemkommunal refusion with an administration surcharge, a
 * price rise the contracts never got, two residents' CPRs swapped on a batch invoice, and vacancy payments
 * that belong to no indsats. Only indsatser with no other planted disagreement and no integration id are
 * touched (an integration id would make the mess irrelevant), and every change keeps an indsats's total
 * within 8 % of its contract, so the planted FAKTISK_AFVIGER ground truth stays clean.
 */
export const MATCHTILFAELDE_RATE = 0.02;

/** Neighbouring kontoplan functions a bookkeeper confuses (§ 107 ↔ § 108, § 103 ↔ § 104). */
export const NABOKONTI: Readonly<Record<string, string>> = { '5.38.52': '5.38.50', '5.38.50': '5.38.52', '5.38.58': '5.38.59', '5.38.59': '5.38.58' };

const OTHER_MUNICIPALITIES = ['Aalborg Kommune', 'Randers Kommune', 'Viborg Kommune', 'Rebild Kommune', 'Vesthimmerlands Kommune'];
const VACANCY_TEXTS = ['Tomgangsbetaling plads', 'Reserveret plads', 'Pladsreservation', 'Tomgang ledig plads', 'Venteplads tomgang'];

export interface LedgerMessInput {
  indsatser: readonly Indsats[];
  drafts: PostingDraft[];
  plan: ReadonlyMap<number, IndsatsPlant>;
  kreditorer: KreditorRow[];
}

interface Recorded {
  art: MatchtilfaeldeArt;
  draft: PostingDraft;
}

/** Plants the kinds and returns a resolver that, after booking, gives the manifest records. */
export function plantLedgerMess(ctx: GeneratorContext, input: LedgerMessInput): () => Matchtilfaelde[] {
  const rng = ctx.rng.fork('ledger-mess');
  const recorded: Recorded[] = [];
  const rec = (art: MatchtilfaeldeArt, draft: PostingDraft) => recorded.push({ art, draft });
  const byIndsats = new Map<number, PostingDraft[]>();
  for (const d of input.drafts) {
    if (d.indsatsId === null || d.row.integrations_id !== null || input.plan.has(d.indsatsId)) continue;
    const list = byIndsats.get(d.indsatsId);
    if (list) list.push(d);
    else byIndsats.set(d.indsatsId, [d]);
  }
  const byId = new Map(input.indsatser.map((i) => [i.row.indsats_id, i]));
  const used = new Set<number>();
  const allCprs = new Set(input.indsatser.map((i) => i.citizen.row.cpr));
  const citizenIndsatser = new Map<number, Indsats[]>();
  for (const i of input.indsatser) {
    const l = citizenIndsatser.get(i.citizen.row.borger_id) ?? [];
    l.push(i);
    citizenIndsatser.set(i.citizen.row.borger_id, l);
  }
  const pool = [...byIndsats.keys()].sort((a, b) => a - b);
  const n = Math.max(ctx.preset.minPerKind, Math.round(MATCHTILFAELDE_RATE * pool.length));
  const withCpr = (list: PostingDraft[]) => list.filter((d) => d.row.cpr !== null && toOere(d.row.beloeb) > 0);
  const run = (list: PostingDraft[], max: number) => {
    const sorted = [...list].sort((a, b) => (a.row.periode_fra < b.row.periode_fra ? -1 : 1));
    const len = Math.min(sorted.length, rng.int(1, max));
    const start = rng.int(0, sorted.length - len);
    return sorted.slice(start, start + len);
  };
  /** Picks up to n unused indsatser satisfying `ok`, calling `plant` on each. */
  const each = (ok: (i: Indsats, list: PostingDraft[]) => boolean, plant: (i: Indsats, list: PostingDraft[]) => void, quota = n) => {
    let made = 0;
    for (const id of rng.shuffle(pool)) {
      if (made >= quota) break;
      if (used.has(id)) continue;
      const i = byId.get(id)!;
      const list = byIndsats.get(id)!;
      if (!ok(i, list)) continue;
      used.add(id);
      plant(i, list);
      made++;
    }
  };

  // CPR only in the text, in the spellings bookkeepers type
  const textual: Array<[MatchtilfaeldeArt, (cpr: string) => string]> = [
    ['CPR_TEKST_MELLEMRUM', (c) => `${c.slice(0, 6)} ${c.slice(6)}`],
    ['CPR_TEKST_TANKESTREG', (c) => `${c.slice(0, 6)}\u2013${c.slice(6)}`],
    ['CPR_TEKST_PRAEFIKS', (c) => rng.pick([`cpr.nr. ${c}`, `CPR-nr.: ${cprWithDash(c)}`, `cpr nr ${c.slice(0, 6)} ${c.slice(6)}`, `Cpr.nr.${c}`])],
  ];
  for (const [art, spell] of textual) {
    each(
      (_, list) => withCpr(list).length > 0,
      (_, list) => {
        for (const d of run(withCpr(list), 4)) {
          d.row.tekst = `${d.row.tekst} ${spell(d.row.cpr!)}`.slice(0, 400);
          d.row.cpr = null;
          rec(art, d);
        }
      },
    );
  }
  each(
    (i, list) => i.citizen.row.cpr.startsWith('0') && withCpr(list).length > 0,
    (_, list) => {
      for (const d of run(withCpr(list), 4)) {
        d.row.cpr = d.row.cpr!.slice(1);
        rec('CPR_FORAN_NUL_TABT', d);
      }
    },
  );
  each(
    (_, list) => withCpr(list).length > 0,
    (i, list) => {
      for (const d of run(withCpr(list), 3)) {
        const cpr = i.citizen.row.cpr;
        let typo = cpr;
        for (let k = 0; k < 20 && (typo === cpr || allCprs.has(typo)); k++) {
          const pos = rng.int(6, 9);
          typo = `${cpr.slice(0, pos)}${(Number(cpr[pos]) + rng.int(1, 9)) % 10}${cpr.slice(pos + 1)}`;
        }
        if (typo === cpr || allCprs.has(typo)) continue;
        d.row.cpr = typo;
        rec('CPR_UKENDT', d);
      }
    },
  );

  // konteringsfejl and ompostering: the neighbouring function, where the citizen has nothing there
  const neighbourFree = (i: Indsats) => {
    const other = NABOKONTI[i.row.kontonummer];
    return other !== undefined && (citizenIndsatser.get(i.citizen.row.borger_id) ?? []).every((o) => o.row.kontonummer !== other);
  };
  each(
    (i, list) => neighbourFree(i) && list.some((d) => toOere(d.row.beloeb) > 0),
    (i, list) => {
      for (const d of run(
        list.filter((x) => toOere(x.row.beloeb) > 0),
        2,
      )) {
        d.row.konto = NABOKONTI[i.row.kontonummer]!;
        rec('KONTERINGSFEJL', d);
      }
    },
  );
  each(
    (i, list) => neighbourFree(i) && list.some((d) => toOere(d.row.beloeb) > 0 && monthOfDay(d.bookDay) < ctx.lastPaidMonth - 1),
    (i, list) => {
      const d = rng.pick(list.filter((x) => toOere(x.row.beloeb) > 0 && monthOfDay(x.bookDay) < ctx.lastPaidMonth - 1));
      d.row.konto = NABOKONTI[i.row.kontonummer]!;
      const day = Math.min(ctx.asOfDay - 1, d.bookDay + rng.int(10, 40));
      const reversal: PostingDraft = {
        row: copyRow(d.row, { beloeb: fromOere(-toOere(d.row.beloeb)), bilagsdato: isoOf(day), tekst: `Ompostering tilbageført ${d.row.tekst}`.slice(0, 400) }),
        indsatsId: d.indsatsId,
        bookDay: day,
      };
      const again: PostingDraft = {
        row: copyRow(d.row, { konto: i.row.kontonummer, bilagsdato: isoOf(day), tekst: `Ompostering ${d.row.tekst}`.slice(0, 400) }),
        indsatsId: d.indsatsId,
        bookDay: day,
      };
      input.drafts.push(reversal, again);
      rec('OMPOSTERING', d);
      rec('OMPOSTERING', reversal);
      rec('OMPOSTERING', again);
    },
  );

  // mellemkommunal refusion: the last months, paid by the citizen's new handlekommune with a surcharge
  let nextNr = Math.max(...input.kreditorer.map((k) => Number(k.kreditor_nr)).filter(Number.isFinite)) + 1;
  const kommuner = OTHER_MUNICIPALITIES.map((navn) => {
    const row: KreditorRow = {
      kreditor_nr: String(nextNr++),
      navn,
      cvr: ctx.ids.cvr(),
      ean: ctx.ids.ean(),
      adresse: 'Rådhuset',
      postnummer: '9000',
      bynavn: navn.replace(' Kommune', ''),
    };
    input.kreditorer.push(row);
    return row;
  });
  each(
    (_, list) => withCpr(list).length >= 3,
    (_, list) => {
      const kommune = rng.pick(kommuner);
      const permille = rng.int(1030, 1070);
      const sorted = withCpr(list).sort((a, b) => (a.row.periode_fra < b.row.periode_fra ? -1 : 1));
      for (const d of sorted.slice(-Math.min(sorted.length, rng.int(1, 4)))) {
        d.row.kreditor_nr = kommune.kreditor_nr;
        d.row.beloeb = fromOere(scalePermille(toOere(d.row.beloeb), permille));
        d.row.tekst = `Mellemkommunal refusion ${kommune.navn} ${monthLabel(monthOfDay(dayOf(d.row.periode_fra)))}`;
        rec('MELLEMKOMMUNAL_REFUSION', d);
      }
    },
  );

  // a price rise the contracts never got: from some month on, 2–4 % more — half of them where the citizen has
  // a concurrent indsats on the same account at another price (the rise must not make the two a tie)
  const concurrent = (i: Indsats) =>
    (citizenIndsatser.get(i.citizen.row.borger_id) ?? []).some(
      (o) =>
        o !== i &&
        o.row.kontonummer === i.row.kontonummer &&
        o.startDay !== null &&
        i.startDay !== null &&
        o.startDay <= (i.endDay ?? Infinity) &&
        i.startDay <= (o.endDay ?? Infinity),
    );
  const rise = (_: Indsats, list: PostingDraft[]) => {
    const sorted = list.filter((d) => toOere(d.row.beloeb) > 0).sort((a, b) => (a.row.periode_fra < b.row.periode_fra ? -1 : 1));
    const permille = rng.int(1020, 1040);
    for (const d of sorted.slice(sorted.length - rng.int(1, Math.min(6, sorted.length)))) {
      d.row.beloeb = fromOere(scalePermille(toOere(d.row.beloeb), permille));
      rec('PRISSTIGNING', d);
    }
  };
  const enough = (_: Indsats, list: PostingDraft[]) => list.filter((d) => toOere(d.row.beloeb) > 0).length >= 4;
  const before = recorded.length;
  each((i, list) => enough(i, list) && concurrent(i), rise, Math.ceil(n / 2));
  const risen = new Set(recorded.slice(before).map((r) => r.draft.indsatsId));
  each(enough, rise, n - risen.size);

  // a wrong period field: one of an ended indsats's last whole-month invoices typed with a month after the end,
  // when the citizen's next indsats on the account (at another price) runs that month
  each(
    (i, list) => nextOf(i, list) !== null,
    (i, list) => {
      const { d, month } = nextOf(i, list)!;
      d.row.periode_fra = isoOf(monthStart(month));
      d.row.periode_til = isoOf(monthEnd(month));
      rec('PERIODE_FORKERT', d);
    },
  );
  function nextOf(i: Indsats, list: PostingDraft[]): { d: PostingDraft; month: number } | null {
    if (i.endDay === null) return null;
    const endMonth = monthOfDay(i.endDay);
    // a whole month's invoice from the last months (its amount is the indsats's monthly price: the truth can be told)
    const whole = (d: PostingDraft) => {
      const m = monthOfDay(dayOf(d.row.periode_fra));
      return toOere(d.row.beloeb) > 0 && dayOf(d.row.periode_fra) === monthStart(m) && dayOf(d.row.periode_til) === monthEnd(m) && m >= endMonth - 3;
    };
    const last = [...list].filter(whole).sort((a, b) => (a.row.periode_fra < b.row.periode_fra ? 1 : -1))[0];
    if (!last) return null;
    const mine = toOere(last.row.beloeb);
    for (let month = endMonth + 1; month <= Math.min(ctx.lastPaidMonth, endMonth + 2); month++) {
      const y = (citizenIndsatser.get(i.citizen.row.borger_id) ?? []).find(
        (o) =>
          o !== i &&
          o.row.kontonummer === i.row.kontonummer &&
          o.startDay !== null &&
          o.startDay <= monthStart(month) &&
          (o.endDay ?? Infinity) >= monthEnd(month),
      );
      const theirs = y?.periods.find((p) => p.fromDay <= monthStart(month) && (p.toDay === null || p.toDay >= monthStart(month)));
      if (theirs && Math.abs(theirs.oekonomiOere - mine) * 100 >= mine * 5) return { d: last, month };
    }
    return null;
  }

  // two residents at the same provider, account and month with different prices: CPRs swapped
  const byInvoice = new Map<string, PostingDraft[]>();
  for (const [id, list] of byIndsats) {
    if (used.has(id)) continue;
    for (const d of withCpr(list)) {
      const k = `${d.row.kreditor_nr}|${d.row.konto}|${d.row.periode_fra}|${d.row.periode_til}`;
      const l = byInvoice.get(k) ?? [];
      l.push(d);
      byInvoice.set(k, l);
    }
  }
  let swaps = 0;
  for (const k of rng.shuffle([...byInvoice.keys()].sort())) {
    if (swaps >= n) break;
    const l = byInvoice.get(k)!.filter((d) => !used.has(d.indsatsId!));
    const a = l[0];
    const b = l.find(
      (d) =>
        d.indsatsId !== a?.indsatsId &&
        byId.get(d.indsatsId!)!.citizen !== byId.get(a!.indsatsId!)!.citizen &&
        Math.abs(toOere(d.row.beloeb) - toOere(a!.row.beloeb)) * 100 > toOere(a!.row.beloeb) * 3,
    );
    if (!a || !b) continue;
    used.add(a.indsatsId!);
    used.add(b.indsatsId!);
    [a.row.cpr, b.row.cpr] = [b.row.cpr, a.row.cpr];
    b.bookDay = a.bookDay;
    rec('CPR_OMBYTTET', a);
    rec('CPR_OMBYTTET', b);
    swaps++;
  }

  // vacancy / reserved-place payments: the provider's creditor, a paragraph account, a real monthly price
  let vacancies = 0;
  for (const id of rng.shuffle(pool)) {
    if (vacancies >= n) break;
    const list = withCpr(byIndsats.get(id)!);
    if (list.length === 0) continue;
    const d = rng.pick(list);
    const day = Math.min(ctx.asOfDay - 1, d.bookDay + rng.int(0, 5));
    const extra: PostingDraft = {
      row: copyRow(d.row, { cpr: null, tekst: `${rng.pick(VACANCY_TEXTS)} ${monthLabel(monthOfDay(dayOf(d.row.periode_fra)))}`, bilagsdato: isoOf(day) }),
      indsatsId: null,
      bookDay: day,
    };
    input.drafts.push(extra);
    rec('TOMGANG', extra);
    vacancies++;
  }

  return () => recorded.map((r) => ({ art: r.art, bilagsnr: r.draft.row.bilagsnr, indsats_id: r.draft.indsatsId }));
}
