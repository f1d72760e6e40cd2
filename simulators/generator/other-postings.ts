import type { KontoRow } from '../model';
import { fromOere } from '../../src/domain/money';
import { paragrafByKode } from '../../src/domain/codes';
import type { GeneratorContext } from './context';
import type { CaseWorld } from './cases';
import type { ProviderWorld } from './providers';
import type { Citizen } from './citizens';
import { type PostingDraft, draftRow } from './drafts';
import { isoOf, monthEnd, monthLabel, monthOfDay, monthStart } from './days';
import { scalePermille } from './prices';

/**
 * Postings that belong to no indsats (ground truth: null) yet sit in the same economy system, several on
 * the same accounts or with the same citizens' CPR: monthly budget transfers to municipal units that are
 * not settled per citizen, § 100 merudgiftsydelse paid to citizens (5.57.72, with CPR), § 101 treatment
 * paid per citizen (5.38.45, with CPR), and administration purchases (6.45.51).
 */
export const OTHER_ACCOUNTS: readonly KontoRow[] = [
  { konto: '5.38.45', tekst: 'Behandling af stofmisbrugere' },
  { konto: '5.57.72', tekst: 'Sociale formål' },
  { konto: '6.45.51', tekst: 'Sekretariat og forvaltninger' },
];

const ADMIN_TEXTS = ['Tolkebistand', 'Kursusafgift', 'Kørsel', 'Kontorartikler', 'Konsulentbistand', 'Supervision', 'Mødeforplejning'];

export function generateOtherPostings(ctx: GeneratorContext, world: CaseWorld, providers: ProviderWorld, citizens: readonly Citizen[]): PostingDraft[] {
  const rng = ctx.rng.fork('oevrige-posteringer');
  const out: PostingDraft[] = [];
  const push = (f: Parameters<typeof draftRow>[0], bilagsdag: number) =>
    out.push({ row: draftRow(f), indsatsId: null, bookDay: Math.min(ctx.asOfDay - 1, bilagsdag + rng.int(0, 2)) });
  const months: number[] = [];
  for (let m = ctx.firstPaidMonth; m <= ctx.lastPaidMonth; m++) months.push(m);

  // budget-financed municipal units get a monthly transfer in advance, never per citizen
  for (const u of providers.units.filter((x) => x.row.intern && !x.row.afregnes_pr_borger)) {
    const base = rng.int(150, 900) * 1000 * 100;
    const konto = paragrafByKode(u.kind.paragraffer[0]!)!.konto;
    for (const m of months) {
      const yearIndex = Math.floor(m / 12) - Math.floor(ctx.firstPaidMonth / 12);
      const day = monthStart(m);
      push(
        {
          bilagsdato: isoOf(day),
          konto,
          art: '9.7',
          kreditor_nr: u.kreditorer[0]!,
          beloeb: fromOere(scalePermille(base, 1000 + 25 * yearIndex)),
          periode_fra: isoOf(day),
          periode_til: isoOf(monthEnd(m)),
          cpr: null,
          tekst: `Budgetoverførsel ${u.row.navn} ${monthLabel(m)}`,
          integrations_id: null,
        },
        day,
      );
    }
  }

  // SEL § 100 merudgiftsydelse: paid monthly in advance to the citizen (NemKonto: no creditor)
  const openSag = new Set(world.sager.filter((s) => s.status === 'AABEN').map((s) => s.borger_id));
  for (const c of citizens) {
    if (!openSag.has(c.row.borger_id) || !rng.chance(0.08)) continue;
    const first = rng.pick(months);
    const oere = rng.int(500, 3000) * 100;
    for (let m = first; m <= Math.min(ctx.lastPaidMonth, first + rng.int(6, 36)); m++) {
      const day = Math.min(ctx.asOfDay - 1, monthStart(m) - rng.int(0, 3));
      push(
        {
          bilagsdato: isoOf(day),
          konto: '5.57.72',
          art: '5.2',
          kreditor_nr: null,
          beloeb: fromOere(oere),
          periode_fra: isoOf(monthStart(m)),
          periode_til: isoOf(monthEnd(m)),
          cpr: c.row.cpr,
          tekst: `Merudgiftsydelse SEL §100 ${String((m % 12) + 1).padStart(2, '0')}/${Math.floor(m / 12)}`,
          integrations_id: null,
        },
        day,
      );
    }
  }

  // SEL § 101 treatment for citizens with misbrug, handled outside this fagsystem
  const misbrug = new Set(world.borgerMaalgrupper.filter((m) => m.maalgruppe_kode === 'SOC.MISBRUG').map((m) => m.borger_id));
  const centres = providers.oevrigeKreditorer.filter((k) => k.navn.startsWith('Misbrugscentret'));
  const byId = new Map(citizens.map((c) => [c.row.borger_id, c]));
  for (const borgerId of [...misbrug].sort((a, b) => a - b)) {
    if (centres.length === 0 || !rng.chance(0.5)) continue;
    const k = rng.pick(centres);
    const first = rng.pick(months);
    const oere = rng.int(8000, 25000) * 100;
    for (let m = first; m <= Math.min(ctx.lastPaidMonth, first + rng.int(2, 8)); m++) {
      const day = Math.min(ctx.asOfDay - 1, monthEnd(m) + rng.int(1, 10));
      push(
        {
          bilagsdato: isoOf(day),
          konto: '5.38.45',
          art: '4.0',
          kreditor_nr: k.kreditor_nr,
          beloeb: fromOere(oere),
          periode_fra: isoOf(monthStart(m)),
          periode_til: isoOf(monthEnd(m)),
          cpr: byId.get(borgerId)!.row.cpr,
          tekst: `Behandling ${monthLabel(m)} ${k.navn}`,
          integrations_id: null,
        },
        day,
      );
    }
  }

  // administration fills the rest of the preset's volume of unrelated postings
  const admin = providers.oevrigeKreditorer.filter((k) => !k.navn.startsWith('Misbrugscentret'));
  const target = Math.round(ctx.preset.oevrigePosteringerPrBorgerPrMaaned * ctx.preset.borgere * months.length);
  const firstDay = monthStart(ctx.firstPaidMonth);
  while (out.length < target) {
    const day = firstDay + rng.int(0, ctx.asOfDay - 1 - firstDay);
    const m = monthOfDay(day);
    const k = rng.pick(admin);
    push(
      {
        bilagsdato: isoOf(day),
        konto: '6.45.51',
        art: '4.0',
        kreditor_nr: k.kreditor_nr,
        beloeb: fromOere(rng.int(50_000, 6_000_000)),
        periode_fra: isoOf(monthStart(m)),
        periode_til: isoOf(monthEnd(m)),
        cpr: null,
        tekst: `${rng.pick(ADMIN_TEXTS)} ${monthLabel(m)} ${k.navn}`,
        integrations_id: null,
      },
      day,
    );
  }
  return out;
}
