import { mayShowAddress } from '../../access/address-protection';
import type { Borger, Indsats, Leverandoer } from '../../domain/model';
import { resolveAttribute, type AttributProveniens } from '../rules/provenance/resolve';
import { citizenValues, contractPriceValues, providerValues } from '../rules/provenance/values';
import type { ReadDeps } from './deps';
import type { IndsatsContracts } from './indsats-contracts';
import { memo } from './memo';
import type { ProviderLinks } from './provider-links';
import { orUnavailable } from './unavailable';

export interface CitizenProvenance {
  adresse: AttributProveniens;
  kommunekode: AttributProveniens;
  /** null: the CPR register could not be asked */
  beskyttet: boolean | null;
}

export interface ProvenanceReads {
  leverandoer(l: Leverandoer): Promise<{ navn: AttributProveniens; adresse: AttributProveniens }>;
  /** computed once per citizen per request, however many of BorgerProveniens' fields are selected */
  borger(b: Borger): Promise<CitizenProvenance>;
  kontraktpris(i: Indsats): Promise<AttributProveniens>;
}

/** Each source's value of an attribute, the one the precedence policy picks, and whether they disagree. */
export function createProvenanceReads(deps: ReadDeps, links: ProviderLinks, contracts: IndsatsContracts): ProvenanceReads {
  const { sources, now } = deps;

  async function leverandoer(l: Leverandoer) {
    const hentet = now().toISOString();
    const tp = await orUnavailable(deps, 'Tilbudsportalen', () => links.tilbud(l));
    const cvr = l.pnummer
      ? await orUnavailable(deps, 'the CVR register', () => sources.serviceplatformen.produktionsenhed.load(l.pnummer!))
      : { value: undefined, down: false };
    const v = providerValues({ leverandoer: l, tilbud: tp.value, produktionsenhed: cvr.value, hentet });
    const mark = (vals: typeof v.navn) =>
      vals.map((x) => ({ ...x, utilgaengelig: (x.kilde === 'TILBUDSPORTALEN' && tp.down) || (x.kilde === 'SERVICEPLATFORMEN' && cvr.down) }));
    return {
      navn: resolveAttribute('leverandoer.navn', mark(v.navn), sources.reconciled.policy),
      adresse: resolveAttribute('leverandoer.adresse', mark(v.adresse), sources.reconciled.policy),
    };
  }

  /**
   * A citizen's address and kommunekode per source. With name-and-address protection in the CPR register,
   * no source's address is shown (the conflict flag is still computed on the real values).
   */
  const borger = memo(
    (b: Borger) => b.id,
    async (b: Borger): Promise<CitizenProvenance> => {
      const hentet = now().toISOString();
      const cpr = await orUnavailable(deps, 'the CPR register', () => sources.serviceplatformen.person.load(b.cpr));
      const v = citizenValues({ borgerId: b.id, borger: b, person: cpr.down ? null : cpr.value, hentet, visBeskyttetAdresse: true });
      const beskyttet = cpr.down ? null : !!cpr.value?.adressebeskyttelse;
      const mark = (vals: typeof v.adresse) => vals.map((x) => ({ ...x, utilgaengelig: x.kilde === 'SERVICEPLATFORMEN' && cpr.down }));
      const adresse = resolveAttribute('borger.adresse', mark(v.adresse), sources.reconciled.policy);
      // one rule for every address field (src/access/address-protection): hides every source's address
      const hidden = !mayShowAddress(deps.warn, cpr.value, cpr.down);
      return {
        adresse: hidden ? { ...adresse, vaerdier: adresse.vaerdier.map((x) => ({ ...x, vaerdi: null })), valgt: null } : adresse,
        kommunekode: resolveAttribute('borger.kommunekode', mark(v.kommunekode), sources.reconciled.policy),
        beskyttet,
      };
    },
  );

  async function kontraktpris(i: Indsats) {
    const hentet = now().toISOString();
    const bestilling = await contracts.bestilling(i);
    const oek = await orUnavailable(deps, 'the economy system', () => contracts.oekonomiKontrakt(i));
    return resolveAttribute(
      'indsats.kontraktpris',
      contractPriceValues({ bestilling, kontrakt: oek.value, oekonomiUtilgaengelig: oek.down, hentet }),
      sources.reconciled.policy,
    );
  }

  return { leverandoer, borger, kontraktpris };
}
