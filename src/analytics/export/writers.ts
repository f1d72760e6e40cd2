import { stringify } from 'csv-stringify/sync';

/**
 * Export formats. CSV is written for Danish Excel: UTF-8 with a byte-order mark (else Excel reads it as
 * Windows-1252), `;` as separator (Excel's list separator with Danish regional settings) and, on request,
 * decimal comma in amounts. Quoting, embedded separators and newlines are csv-stringify's (RFC 4180).
 * NDJSON: one JSON object per line (Power BI, pandas, jq).
 */
export type Format = 'csv' | 'ndjson';

export interface WriterOptions {
  kolonner: readonly string[];
  pengeKolonner: ReadonlySet<string>;
  decimalKomma: boolean;
}

export interface Writer {
  contentType: string;
  header(): string;
  rows(rows: ReadonlyArray<Record<string, unknown>>): string;
  /** what is written when the export fails after it began: a line no parser mistakes for data */
  failure(message: string): string;
}

export function createWriter(format: Format, o: WriterOptions): Writer {
  if (format === 'ndjson') {
    return {
      contentType: 'application/x-ndjson; charset=utf-8',
      header: () => '',
      rows: (rows) => rows.map((r) => JSON.stringify(Object.fromEntries(o.kolonner.map((k) => [k, r[k] ?? null])))).join('\n') + (rows.length ? '\n' : ''),
      failure: (message) => `${JSON.stringify({ fejl: message, eksport: 'AFBRUDT' })}\n`,
    };
  }
  const cell = (k: string, v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return o.decimalKomma && o.pengeKolonner.has(k) ? s.replace('.', ',') : s;
  };
  return {
    contentType: 'text/csv; charset=utf-8',
    header: () => stringify([o.kolonner as string[]], { delimiter: ';', bom: true, record_delimiter: 'windows' }),
    rows: (rows) =>
      rows.length
        ? stringify(
            rows.map((r) => o.kolonner.map((k) => cell(k, r[k]))),
            { delimiter: ';', record_delimiter: 'windows' },
          )
        : '',
    failure: (message) => stringify([[`#FEJL: eksporten blev afbrudt og er ufuldstændig: ${message}`]], { delimiter: ';', record_delimiter: 'windows' }),
  };
}
