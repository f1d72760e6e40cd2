import type { CprPerson, Leverandoer, Produktionsenhed, Tilbud } from '../../../domain/model';
import type { BorgerAttributter } from '../identity/types';
import { resolveAttribute, sameValue, type AttributProveniens } from '../provenance/resolve';
import { citizenValues, providerValues } from '../provenance/values';
import type { PrecedencePolicy } from '../../../domain/provenance-policy';
import type { NyAfvigelse } from './types';

/**
 * Attribute conflicts between registers, decided with the same values and the same comparison the API's
 * provenance shows. Afvigelser name the attribute and which sources disagree with the chosen value — never
 * the values themselves (a citizen's address is personal data; the API reads values live).
 */
function disagreeing(p: AttributProveniens): string[] {
  const chosen = p.valgt?.vaerdi;
  return p.vaerdier.filter((v) => v.vaerdi !== null && chosen != null && v.kilde !== p.valgt!.kilde && !sameValue(v.vaerdi, chosen)).map((v) => v.kilde);
}

export function leverandoerAfvigelser(
  l: Leverandoer,
  tilbud: Tilbud | null,
  pe: Produktionsenhed | null | undefined,
  hentet: string,
  policy: PrecedencePolicy,
): { fund: NyAfvigelse[]; felter: string[] } {
  const v = providerValues({ leverandoer: l, tilbud, produktionsenhed: pe, hentet });
  const fund: NyAfvigelse[] = [];
  for (const [felt, values] of [
    ['navn', v.navn],
    ['adresse', v.adresse],
  ] as const) {
    const p = resolveAttribute(`leverandoer.${felt}`, values, policy);
    if (!p.konflikt) continue;
    fund.push({
      omfang: 'ATTRIBUT',
      noegle: `LEVERANDOER_ATTRIBUT_AFVIGER:${l.id}:${felt}`,
      art: 'LEVERANDOER_ATTRIBUT_AFVIGER',
      leverandoerId: l.id,
      felt,
      detaljer: {
        felt,
        valgtKilde: p.valgt?.kilde ?? null,
        afvigendeKilder: disagreeing(p),
        kilder: p.vaerdier.filter((x) => x.vaerdi !== null).map((x) => x.kilde),
      },
    });
  }
  return { fund, felter: fund.map((f) => f.felt!) };
}

export function borgerAfvigelser(
  borgerId: number,
  b: BorgerAttributter,
  person: CprPerson | null,
  hentet: string,
  policy: PrecedencePolicy,
): { fund: NyAfvigelse[]; felter: string[] } {
  const fund: NyAfvigelse[] = [];
  if (!person) return { fund, felter: [] };
  const v = citizenValues({ borgerId, borger: b, person, hentet, visBeskyttetAdresse: true });
  for (const [felt, values] of [
    ['adresse', v.adresse],
    ['kommunekode', v.kommunekode],
  ] as const) {
    const p = resolveAttribute(`borger.${felt}`, values, policy);
    if (!p.konflikt) continue;
    fund.push({
      omfang: 'ATTRIBUT',
      noegle: `BORGER_ATTRIBUT_AFVIGER:${borgerId}:${felt}`,
      art: 'BORGER_ATTRIBUT_AFVIGER',
      borgerId,
      felt,
      detaljer: { felt, valgtKilde: p.valgt?.kilde ?? null, afvigendeKilder: disagreeing(p) },
    });
  }
  if (person.adressebeskyttelse) {
    fund.push({
      omfang: 'ATTRIBUT',
      noegle: `ADRESSEBESKYTTELSE:${borgerId}`,
      art: 'ADRESSEBESKYTTELSE',
      borgerId,
      felt: 'adressebeskyttelse',
      detaljer: { felt: 'adressebeskyttelse' },
    });
  }
  return { fund, felter: fund.map((f) => f.felt!) };
}
