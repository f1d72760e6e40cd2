import { DANISH_MONTHS, monthLabel } from './days';
import { hashString } from './random';

/**
 * Posting texts as ERPs show them: imported e-invoice lines or what a bookkeeper typed. Each creditor
 * sticks to one style. Texts never contain a 10-digit number except where a CPR is planted on purpose.
 */
const STYLES = [
  (navn: string, month: number) => `Faktura ${monthLabel(month)} ${navn}`,
  (navn: string, month: number, nr: number) => `Fakt. ${nr} ${navn}`,
  (navn: string, month: number) => `${navn} ${DANISH_MONTHS[month % 12]} ${Math.floor(month / 12)}`,
  (navn: string, month: number, nr: number, betegnelse: string) => `${betegnelse} ${String((month % 12) + 1).padStart(2, '0')}/${Math.floor(month / 12)} ${navn}`,
] as const;

export function invoiceText(input: { kreditorNr: string; navn: string; month: number; fakturanr: number; betegnelse: string }): string {
  const style = STYLES[hashString(input.kreditorNr) % STYLES.length]!;
  return style(input.navn, input.month, input.fakturanr, input.betegnelse).slice(0, 380);
}
