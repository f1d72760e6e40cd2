import type { PosteringRow } from '../model';

/**
 * A posting before it is booked: the row (bilagsnr, postering_id and registreret are assigned when all
 * postings are ordered by booking time), the indsats it truly belongs to, and the day it is booked.
 */
export interface PostingDraft {
  row: PosteringRow;
  indsatsId: number | null;
  bookDay: number;
}

type DraftFields = Omit<PosteringRow, 'postering_id' | 'bilagsnr' | 'registreret'>;

/** Builds every row with the same property order, so 1.5 million rows share one object shape. */
export function draftRow(f: DraftFields): PosteringRow {
  return {
    postering_id: 0,
    bilagsnr: '',
    bilagsdato: f.bilagsdato,
    konto: f.konto,
    art: f.art,
    kreditor_nr: f.kreditor_nr,
    beloeb: f.beloeb,
    periode_fra: f.periode_fra,
    periode_til: f.periode_til,
    cpr: f.cpr,
    tekst: f.tekst,
    integrations_id: f.integrations_id,
    registreret: '',
  };
}

export function copyRow(r: PosteringRow, changes: Partial<DraftFields>): PosteringRow {
  return draftRow({ ...r, ...changes });
}
