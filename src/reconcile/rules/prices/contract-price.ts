import type { Bestilling, Kontrakt } from '../../../domain/model';

/**
 * Which kontraktpris is "current" on a date. The fagsystem's truth is the bestilling valid on the date
 * (else the latest one); the economy's truth is the contract-register entry on the citizen's CPR, booked on
 * the indsats' account, valid on the date (else the latest that overlaps the indsats).
 */
export function currentBestilling(bestillinger: readonly Bestilling[], date: string): Bestilling | null {
  const valid = bestillinger.filter((b) => b.gyldigFra <= date && (b.gyldigTil === null || b.gyldigTil >= date));
  const pool = valid.length ? valid : bestillinger;
  return [...pool].sort((a, b) => b.gyldigFra.localeCompare(a.gyldigFra) || b.id - a.id)[0] ?? null;
}

export function currentKontrakt(opts: { kontrakter: readonly Kontrakt[]; konto: string; start: string; slut: string | null; date: string }): Kontrakt | null {
  const overlapping = opts.kontrakter.filter(
    (k) => k.konto === opts.konto && (opts.slut === null || k.gyldigFra <= opts.slut) && (k.gyldigTil === null || k.gyldigTil >= opts.start),
  );
  const valid = overlapping.filter((k) => k.gyldigFra <= opts.date && (k.gyldigTil === null || k.gyldigTil >= opts.date));
  const pool = valid.length ? valid : overlapping;
  return [...pool].sort((a, b) => b.gyldigFra.localeCompare(a.gyldigFra) || b.kontraktNr.localeCompare(a.kontraktNr))[0] ?? null;
}
