import type { CprPerson } from '../domain/model';
import type { GatewayContext, Warning } from '../context/context';

/**
 * THE rule for name-and-address protection (navne- og adressebeskyttelse), used by every field that can
 * show a citizen's address (Borger.adresse, CprOplysninger.adresse, BorgerProveniens.adresse).
 *
 * Protection lives in the CPR register, not in the fagsystem. An address is shown only when the register
 * answered with the person AND the person has no protection. Withheld (fail closed) when:
 *  - the person is protected;
 *  - the register does not know the person ("not found": we cannot tell whether they are protected);
 *  - the register could not be asked.
 * Whether the role may see addresses at all is the field class `adresse` (src/access/policy), checked first.
 */
export type Withholding = 'BESKYTTET' | 'UKENDT_I_CPR' | 'CPR_UTILGAENGELIG';

export function addressWithholding(person: CprPerson | null | undefined, registerDown = false): Withholding | null {
  if (registerDown) return 'CPR_UTILGAENGELIG';
  if (!person) return 'UKENDT_I_CPR';
  return person.adressebeskyttelse ? 'BESKYTTET' : null;
}

const WARNING_CODES: Record<Withholding, 'ADRESSEBESKYTTELSE' | 'ADRESSE_TILBAGEHOLDT'> = {
  BESKYTTET: 'ADRESSEBESKYTTELSE',
  UKENDT_I_CPR: 'ADRESSE_TILBAGEHOLDT',
  CPR_UTILGAENGELIG: 'ADRESSE_TILBAGEHOLDT',
};

const MESSAGES: Record<Withholding, string> = {
  BESKYTTET: 'The citizen has name-and-address protection; the address is not shown.',
  UKENDT_I_CPR: 'The CPR register does not know the citizen, so protection cannot be ruled out; the address is not shown.',
  CPR_UTILGAENGELIG: 'The CPR register could not be asked, so protection cannot be ruled out; the address is not shown.',
};

/**
 * Decides and, when withheld, adds a warning to the response (once per kind when given the request's
 * context; through `warn` otherwise). True when the address may be shown.
 */
export function mayShowAddress(
  sink: Pick<GatewayContext, 'warnings'> | ((w: Warning) => void),
  person: CprPerson | null | undefined,
  registerDown = false,
): boolean {
  const w = addressWithholding(person, registerDown);
  if (!w) return true;
  const warning: Warning = { type: 'WARNING', code: WARNING_CODES[w], message: MESSAGES[w] };
  if (typeof sink === 'function') sink(warning);
  else if (!sink.warnings.some((x) => x.code === warning.code && x.message === warning.message)) sink.warnings.push(warning);
  return false;
}
