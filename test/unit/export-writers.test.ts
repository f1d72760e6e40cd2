import { describe, it, expect } from 'vitest';
import { parse } from 'csv-parse/sync';
import { createWriter } from '../../src/analytics/export/writers';

/** The CSV Danish Excel opens, read back with a real CSV parser: BOM, `;`, quoting, newlines, decimal comma. */
describe('export writers', () => {
  const rows = [
    { id: 1, tekst: 'Faktura; "marts"\nlinje to', beloeb: '1234.50' },
    { id: 2, tekst: null, beloeb: '-75.00' },
  ];

  it('CSV: BOM, semicolons, quotes and embedded newlines survive a real parser; decimal comma on request', () => {
    const w = createWriter('csv', { kolonner: ['id', 'tekst', 'beloeb'], pengeKolonner: new Set(['beloeb']), decimalKomma: true });
    const text = w.header() + w.rows(rows);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('\r\n');
    const parsed = parse(text, { delimiter: ';', bom: true, columns: true });
    expect(parsed).toEqual([
      { id: '1', tekst: 'Faktura; "marts"\nlinje to', beloeb: '1234,50' },
      { id: '2', tekst: '', beloeb: '-75,00' },
    ]);
  });

  it('CSV: a failure line is one field, never mistaken for a row of the data', () => {
    const w = createWriter('csv', { kolonner: ['id', 'tekst', 'beloeb'], pengeKolonner: new Set(), decimalKomma: false });
    const text = w.header() + w.rows(rows) + w.failure('source down; try again');
    const parsed = parse(text, { delimiter: ';', bom: true, relax_column_count: true }) as string[][];
    expect(parsed.at(-1)).toEqual(['#FEJL: eksporten blev afbrudt og er ufuldstændig: source down; try again']);
  });

  it('NDJSON: one object per line with every column', () => {
    const w = createWriter('ndjson', { kolonner: ['id', 'tekst', 'beloeb'], pengeKolonner: new Set(['beloeb']), decimalKomma: true });
    const lines = (w.header() + w.rows(rows))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { id: 1, tekst: 'Faktura; "marts"\nlinje to', beloeb: '1234.50' },
      { id: 2, tekst: null, beloeb: '-75.00' },
    ]);
  });
});
