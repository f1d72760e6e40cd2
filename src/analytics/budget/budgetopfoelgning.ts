import { GraphQLError } from 'graphql';
import { badInput } from '../../graphql/errors';
import { fromOere, toOere, type Money } from '../../domain/money';
import { addDays, lastOfMonth } from '../../domain/dates';
import type { AnalyticsRequestContext } from '../context';
import { budgetSql, forbrugSql, fremskrivningSql } from './queries';

/** One account's follow-up: forbrug vs korrigeret budget, forbrugsprocent, rest, and the year-end prognosis. */
export interface Budgetkonto {
  konto: string;
  kontotekst: string | null;
  oprindeligtBudget: Money | null;
  korrektioner: Money;
  korrigeretBudget: Money | null;
  forbrug: Money;
  forbrugsprocent: number | null;
  restbudget: Money | null;
  fremskrivning: Money;
  prognose: Money;
  prognoseVsBudget: Money | null;
  antalPosteringer: number;
  antalIndsatserIFremskrivning: number;
  prArtskonto: Array<{ artskonto: string; forbrug: Money; antalPosteringer: number }>;
  prMaaned: Array<{ maaned: string; forbrug: Money; akkumuleret: Money; antalPosteringer: number }>;
}

export interface Budgetopfoelgning {
  aar: number;
  tilMaaned: number;
  tilDato: string;
  konti: Budgetkonto[];
  iAlt: Omit<Budgetkonto, 'konto' | 'kontotekst' | 'prArtskonto' | 'prMaaned'>;
}

const oere = (v: unknown): number | null => (v === null || v === undefined ? null : toOere(String(v).replace(/(\.\d{2})\d*$/, '$1')));
/** percent with one decimal from exact øre (half away from zero) */
const procent = (a: number, b: number | null): number | null => (b === null || b === 0 ? null : Math.round((a * 1000) / b) / 10);

/**
 * Seed 004's budget follow-up in one request: four statements in parallel, each pushed into the database
 * that owns the data (economy: forbrug and budget with corrections; fagsystem: the fremskrivning), joined
 * here per konto — tens of lines, never rows.
 */
export async function budgetopfoelgning(
  c: AnalyticsRequestContext,
  args: { aar: number; tilMaaned?: number | null; konti?: readonly string[] | null },
): Promise<Budgetopfoelgning> {
  if (c.scope.teamIds !== null || c.scope.enhedIds !== null) {
    throw new GraphQLError('Budget follow-up covers the whole municipality: only roles that see every case (oekonomi, bi) may ask it', {
      extensions: { code: 'FORBIDDEN' },
    });
  }
  if (!Number.isInteger(args.aar) || args.aar < 2000 || args.aar > 2100) throw badInput('aar', '"aar" is a year between 2000 and 2100');
  const tilMaaned = args.tilMaaned ?? defaultMonth(c.today, args.aar);
  if (!Number.isInteger(tilMaaned) || tilMaaned < 1 || tilMaaned > 12) throw badInput('tilMaaned', '"tilMaaned" is a month 1–12');
  const tilDato = lastOfMonth(`${args.aar}-${String(tilMaaned).padStart(2, '0')}-01`);
  const konti = args.konti ?? undefined;
  const { oekonomi, fagsystem } = c.sources;
  const f = forbrugSql(oekonomi, args.aar, tilDato, konti);
  const b = budgetSql(args.aar, tilDato, konti);
  const p = tilMaaned === 12 ? null : fremskrivningSql(args.aar, addDays(tilDato, 1), konti);
  const [forbrug, budget, frem] = await Promise.all([
    oekonomi.rows(f.text, f.bindings),
    oekonomi.rows(b.text, b.bindings),
    p ? fagsystem.rows(p.text, p.bindings) : Promise.resolve([]),
  ]);

  const lines = new Map<string, Budgetkonto>();
  const line = (konto: string): Budgetkonto => {
    let l = lines.get(konto);
    if (!l) {
      l = {
        konto,
        kontotekst: null,
        oprindeligtBudget: null,
        korrektioner: fromOere(0),
        korrigeretBudget: null,
        forbrug: fromOere(0),
        forbrugsprocent: null,
        restbudget: null,
        fremskrivning: fromOere(0),
        prognose: fromOere(0),
        prognoseVsBudget: null,
        antalPosteringer: 0,
        antalIndsatserIFremskrivning: 0,
        prArtskonto: [],
        prMaaned: [],
      };
      lines.set(konto, l);
    }
    return l;
  };
  for (const r of budget) {
    const hasBudget = r.budget !== null && r.budget !== undefined;
    const korr = oere(r.korrektioner) ?? 0;
    if (!hasBudget && korr === 0) {
      if (lines.has(String(r.konto))) lines.get(String(r.konto))!.kontotekst = String(r.tekst);
      else line(String(r.konto)).kontotekst = String(r.tekst); // removed below if no forbrug either
      continue;
    }
    const l = line(String(r.konto));
    l.kontotekst = String(r.tekst);
    l.oprindeligtBudget = hasBudget ? fromOere(oere(r.budget)!) : null;
    l.korrektioner = fromOere(korr);
    l.korrigeretBudget = fromOere((oere(r.budget) ?? 0) + korr);
  }
  const months = new Map<string, Array<{ m: number; oere: number; antal: number }>>();
  for (const r of forbrug) {
    const l = line(String(r.konto));
    const amount = oere(r.forbrug) ?? 0;
    if (Number(r.uden_art) === 1 && Number(r.uden_maaned) === 1) {
      l.forbrug = fromOere(amount);
      l.antalPosteringer = Number(r.antal);
    } else if (Number(r.uden_art) === 0) l.prArtskonto.push({ artskonto: String(r.art), forbrug: fromOere(amount), antalPosteringer: Number(r.antal) });
    else months.set(l.konto, [...(months.get(l.konto) ?? []), { m: Number(r.maaned), oere: amount, antal: Number(r.antal) }]);
  }
  for (const [konto, ms] of months) {
    let acc = 0;
    lines.get(konto)!.prMaaned = ms
      .sort((a, b) => a.m - b.m)
      .map((x) => ({
        maaned: `${args.aar}-${String(x.m).padStart(2, '0')}`,
        forbrug: fromOere(x.oere),
        akkumuleret: fromOere((acc += x.oere)),
        antalPosteringer: x.antal,
      }));
  }
  for (const r of frem) {
    const l = line(String(r.konto));
    l.fremskrivning = fromOere(oere(r.fremskrivning) ?? 0);
    l.antalIndsatserIFremskrivning = Number(r.antal);
  }
  const konti2 = [...lines.values()]
    .filter((l) => l.korrigeretBudget !== null || l.antalPosteringer > 0 || l.antalIndsatserIFremskrivning > 0)
    .sort((a, b) => (a.konto < b.konto ? -1 : 1));
  const sum = { budget: 0, hasBudget: false, korr: 0, forbrug: 0, frem: 0, antal: 0, indsatser: 0 };
  for (const l of konti2) {
    l.prArtskonto.sort((a, b) => (a.artskonto < b.artskonto ? -1 : 1));
    finish(l);
    sum.hasBudget ||= l.oprindeligtBudget !== null;
    sum.budget += oere(l.oprindeligtBudget) ?? 0;
    sum.korr += oere(l.korrektioner)!;
    sum.forbrug += oere(l.forbrug)!;
    sum.frem += oere(l.fremskrivning)!;
    sum.antal += l.antalPosteringer;
    sum.indsatser += l.antalIndsatserIFremskrivning;
  }
  const iAlt = {
    oprindeligtBudget: sum.hasBudget ? fromOere(sum.budget) : null,
    korrektioner: fromOere(sum.korr),
    korrigeretBudget: sum.hasBudget ? fromOere(sum.budget + sum.korr) : null,
    forbrug: fromOere(sum.forbrug),
    forbrugsprocent: null as number | null,
    restbudget: null as Money | null,
    fremskrivning: fromOere(sum.frem),
    prognose: fromOere(0),
    prognoseVsBudget: null as Money | null,
    antalPosteringer: sum.antal,
    antalIndsatserIFremskrivning: sum.indsatser,
  };
  finish(iAlt);
  await c.log({ emne: 'budgetopfoelgning', kilde: 'OEKONOMI', antalGrupper: konti2.length, antalBorgere: null, antalUndertrykte: 0 });
  return { aar: args.aar, tilMaaned, tilDato, konti: konti2, iAlt };
}

function finish(
  l: Pick<Budgetkonto, 'korrigeretBudget' | 'forbrug' | 'forbrugsprocent' | 'restbudget' | 'fremskrivning' | 'prognose' | 'prognoseVsBudget'>,
): void {
  const budget = oere(l.korrigeretBudget);
  const forbrug = oere(l.forbrug)!;
  const prognose = forbrug + oere(l.fremskrivning)!;
  l.forbrugsprocent = procent(forbrug, budget);
  l.restbudget = budget === null ? null : fromOere(budget - forbrug);
  l.prognose = fromOere(prognose);
  l.prognoseVsBudget = budget === null ? null : fromOere(prognose - budget);
}

/** The last whole month before today in the current year; December for a past year. */
function defaultMonth(today: string, aar: number): number {
  const y = Number(today.slice(0, 4));
  if (aar < y) return 12;
  if (aar > y) return 1;
  return Math.max(1, Number(today.slice(5, 7)) - 1);
}
