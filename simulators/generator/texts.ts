import { DANISH_MONTHS, monthLabel } from './days';
import { hashString } from './random';

/**
 * Posting texts as ERPs show them: imported e-invoice lines or what a bookkeeper typed. Each creditor
 * sticks to one style. Texts never contain a 10-digit number except where a CPR is planted on purpose.
 */
interface TextInput {
  kreditorNr: string;
  navn: string;
  month: number;
  fakturanr: number;
  betegnelse: string;
}

const STYLES: readonly ((t: TextInput) => string)[] = [
  (t) => `Faktura ${monthLabel(t.month)} ${t.navn}`,
  (t) => `Fakt. ${t.fakturanr} ${t.navn}`,
  (t) => `${t.navn} ${DANISH_MONTHS[t.month % 12]} ${Math.floor(t.month / 12)}`,
  (t) => `${t.betegnelse} ${String((t.month % 12) + 1).padStart(2, '0')}/${Math.floor(t.month / 12)} ${t.navn}`,
];

export function invoiceText(input: TextInput): string {
  const style = STYLES[hashString(input.kreditorNr) % STYLES.length]!;
  return style(input).slice(0, 380);
}
