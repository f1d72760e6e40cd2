import type { Municipality } from '../../simulators/model';

/**
 * Budget follow-up computed from the generator's rows in exact integer arithmetic (BigInt øre), with the
 * rules written down independently of the gateway's SQL: forbrug by bilagsdato, korrigeret budget = budget +
 * corrections dated up to the day, fremskrivning per indsats = monthly price × days × 12 / 365 rounded half away from zero.
 */
const oere = (s: string) => {
  const neg = s.startsWith('-');
  const [a, b = ''] = s.replace('-', '').split('.');
  const v = BigInt(a!) * 100n + BigInt((b + '00').slice(0, 2));
  return neg ? -v : v;
};
const roundDiv = (n: bigint, d: bigint) => {
  const neg = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * 2n + ad) / (ad * 2n);
  return neg ? -q : q;
};
const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000) + 1;

export function budgetTruth(m: Municipality, aar: number, tilDato: string) {
  const fra = new Date(Date.parse(tilDato) + 86_400_000).toISOString().slice(0, 10);
  const slut = `${aar}-12-31`;
  const forbrug = new Map<string, bigint>();
  const perArt = new Map<string, bigint>();
  for (const p of m.oekonomi.posteringer) {
    if (p.bilagsdato < `${aar}-01-01` || p.bilagsdato > tilDato) continue;
    forbrug.set(p.konto, (forbrug.get(p.konto) ?? 0n) + oere(p.beloeb));
    perArt.set(`${p.konto}|${p.art}`, (perArt.get(`${p.konto}|${p.art}`) ?? 0n) + oere(p.beloeb));
  }
  const budget = new Map<string, bigint>();
  for (const b of m.oekonomi.budgetter) if (b.aar === aar) budget.set(b.konto, oere(b.beloeb));
  const korr = new Map<string, bigint>();
  for (const k of m.oekonomi.budgetkorrektioner) if (k.aar === aar && k.dato <= tilDato) korr.set(k.konto, (korr.get(k.konto) ?? 0n) + oere(k.beloeb));
  const settled = new Set(m.fagsystem.leverandoerer.filter((l) => l.afregnes_pr_borger).map((l) => l.leverandoer_id));
  const frem = new Map<string, bigint>();
  for (const i of m.fagsystem.indsatser) {
    if (!settled.has(i.leverandoer_id)) continue;
    const start = i.faktisk_start ?? i.forventet_start;
    const end = i.faktisk_slut ?? (i.faktisk_start ? null : i.forventet_slut);
    if (start > slut || (end !== null && end < fra)) continue;
    const from = start > fra ? start : fra;
    const to = end === null || end > slut ? slut : end;
    const b = m.fagsystem.bestillinger
      .filter((x) => x.indsats_id === i.indsats_id && x.gyldig_fra <= from && (x.gyldig_til === null || x.gyldig_til >= from))
      .sort((x, y) => (x.gyldig_fra === y.gyldig_fra ? y.bestilling_id - x.bestilling_id : x.gyldig_fra < y.gyldig_fra ? 1 : -1))[0];
    // VUM 2.0 ID 51: units (hundredths) × enhedspris (øre) per period; weekly × 52/12
    const perPeriod = oere(String(i.antal_enheder)) * oere(i.enhedspris);
    const expected = i.ydelsesfrekvens === 'UGE' ? roundDiv(perPeriod * 52n, 1200n) : roundDiv(perPeriod, 100n);
    const pris = b ? oere(b.kontraktpris_pr_maaned) : expected;
    frem.set(i.kontonummer, (frem.get(i.kontonummer) ?? 0n) + roundDiv(pris * BigInt(days(from, to)) * 12n, 365n));
  }
  const kr = (v: bigint) => {
    const neg = v < 0n;
    const a = neg ? -v : v;
    return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
  };
  return { forbrug, perArt, budget, korr, frem, kr };
}
