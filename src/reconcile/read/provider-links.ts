import type { Leverandoer, Tilbud } from '../../domain/model';
import type { ReadDeps } from './deps';
import { memo } from './memo';

/** Where a provider's CVR came from: Tilbudsportalen links P-nummer to CVR, else the CVR register's P-unit. */
export type CvrKilde = 'TILBUDSPORTALEN' | 'SERVICEPLATFORMEN';

export interface LeverandoerCvr {
  cvr: string;
  kilde: CvrKilde;
}

export interface ProviderLinks {
  /** The provider's Tilbudsportalen department: by (tilbudsid, afdelingsid) when the fagsystem has them, else by P-nummer. */
  tilbud(l: Leverandoer): Promise<Tilbud | null>;
  /**
   * The provider's CVR. The fagsystem knows the P-nummer, the economy system knows CVR: Tilbudsportalen links
   * the two, else the CVR register's production unit (SF1530) does. Null when neither knows it.
   */
  cvr(l: Leverandoer): Promise<LeverandoerCvr | null>;
}

export function createProviderLinks({ sources }: ReadDeps): ProviderLinks {
  const tilbud = (l: Leverandoer): Promise<Tilbud | null> => {
    const tp = sources.tilbudsportalen;
    if (l.tilbudsid !== null && l.afdelingsid !== null) return tp.afdeling.load(`${l.tilbudsid}:${l.afdelingsid}`);
    if (l.pnummer) return tp.afdelingByPnummer.load(l.pnummer);
    return Promise.resolve(null);
  };
  const cvrById = memo(
    (l) => l.id,
    async (l: Leverandoer): Promise<LeverandoerCvr | null> => {
      const fromTp = (await tilbud(l))?.cvr;
      if (fromTp) return { cvr: fromTp, kilde: 'TILBUDSPORTALEN' };
      const fromRegister = l.pnummer ? (await sources.serviceplatformen.produktionsenhed.load(l.pnummer))?.cvr : null;
      return fromRegister ? { cvr: fromRegister, kilde: 'SERVICEPLATFORMEN' } : null;
    },
  );
  return { tilbud, cvr: cvrById };
}
