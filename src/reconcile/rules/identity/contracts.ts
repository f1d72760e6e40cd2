import type { Kontrakt } from '../../../domain/model';
import { toOere } from '../../../domain/money';
import { kontoFits } from '../matching/rules';
import type { CitizenResolver } from './citizens';

/**
 * Which indsats an entry of the economy's contract register (disposition) is for. The register has no
 * fagsystem id: it has the citizen's CPR (on per-person accounts), the account, the creditor, a validity
 * period and sometimes the sagsnummer typed as free text. Candidates are the citizen's indsatser on the
 * account overlapping the period; several are told apart by the creditor's CVR being the provider's, then a
 * bestilling with the same validity period, then the sagsreference, then the same monthly amount.
 */
export interface ContractCandidate {
  indsatsId: number;
  sagsnummer: string | null;
  paragraf: string;
  konto: string;
  start: string;
  slut: string | null;
  leverandoerCvr: string | null;
  bestillinger: ReadonlyArray<{ fra: string; til: string | null; oere: number }>;
}

export function linkContracts(opts: {
  kontrakter: readonly Kontrakt[];
  citizens: CitizenResolver;
  candidatesOf(borgerId: number): readonly ContractCandidate[];
  kreditorCvr: ReadonlyMap<string, string | null>;
}): Map<string, number> {
  const links = new Map<string, number>();
  for (const k of opts.kontrakter) {
    if (!k.cpr) continue;
    const borgerId = opts.citizens.borgerIdOf(k.cpr);
    if (borgerId === null) continue;
    let c = opts
      .candidatesOf(borgerId)
      .filter((i) => kontoFits({ konto: k.konto }, i) && (k.gyldigTil === null || k.gyldigTil >= i.start) && (i.slut === null || k.gyldigFra <= i.slut));
    const narrow = (pred: (i: ContractCandidate) => boolean) => {
      if (c.length > 1) {
        const n = c.filter(pred);
        if (n.length) c = n;
      }
    };
    const cvr = opts.kreditorCvr.get(k.kreditorNr) ?? null;
    const amount = toOere(k.beloebPrMaaned);
    narrow((i) => cvr !== null && i.leverandoerCvr === cvr);
    narrow((i) => i.bestillinger.some((b) => b.fra === k.gyldigFra));
    narrow((i) => k.sagsreference !== null && i.sagsnummer === k.sagsreference.trim());
    narrow((i) => i.bestillinger.some((b) => b.oere === amount));
    if (c.length === 1) links.set(k.kontraktNr, c[0]!.indsatsId);
  }
  return links;
}
