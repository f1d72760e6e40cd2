import type { Bestilling, Indsats, Kontrakt } from '../../domain/model';
import { currentBestilling, currentKontrakt } from '../rules/prices/contract-price';
import type { ReadDeps } from './deps';
import { memo } from './memo';

export interface IndsatsContracts {
  /** The fagsystem's kontraktpris: the bestilling current today (contract-price.ts). */
  bestilling(i: Indsats): Promise<Bestilling | null>;
  /**
   * The economy system's contract for an indsats: the contract-register entry booked on the citizen's CPR
   * and the indsats' account, current today. Null when the fagsystem has no visible citizen or the register
   * has none; a source failure is thrown (never shown as "no contract").
   */
  oekonomiKontrakt(i: Indsats): Promise<Kontrakt | null>;
}

export function createIndsatsContracts({ sources, today }: ReadDeps): IndsatsContracts {
  // memoised per indsats: Priser.kontraktOekonomi and Priser.kontraktProveniens ask for the same one
  const oekonomiKontrakt = memo(
    (i) => i.id,
    async (i: Indsats): Promise<Kontrakt | null> => {
      const sag = await sources.fagsystem.sag.load(i.sagId);
      const borger = sag ? await sources.fagsystem.borger.load(sag.borgerId) : null;
      if (!borger) return null;
      const kontrakter = await sources.oekonomi.kontrakterByCpr.load(borger.cpr);
      return currentKontrakt({
        kontrakter,
        konto: i.kontonummer,
        start: i.faktiskStart ?? i.forventetStart,
        slut: i.faktiskSlut ?? i.forventetSlut,
        date: today(),
      });
    },
  );
  return {
    bestilling: async (i) => currentBestilling(await sources.fagsystem.bestillingerByIndsats.load(i.id), today()),
    oekonomiKontrakt,
  };
}
