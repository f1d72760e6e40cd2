import type { CprPersonRecord } from '../model/serviceplatformen';
import { checkCpr } from '../../src/domain/identifiers/cpr';
import { SF1520 } from './contract';
import { SoapFault } from './faults';
import type { CprRegister } from './registers';
import { isXmlObject, textOf, type XmlNode } from './xml';

/**
 * SF1520 "CPR replika opslag", operation PersonLookup: one person per call, by PNR.
 *
 * A person with navne- og adressebeskyttelse is returned WITH the address and AdresseBeskyttelse=true. That is
 * what the CPR replica gives a public authority's system that is authorised to see it: the register does not
 * blank the address, the receiving system must not show it. The gateway therefore has to mask it itself,
 * and its masking can be tested against this stand-in.
 */
export function personLookup(request: XmlNode, register: CprRegister): Record<string, unknown> {
  const pnr = textOf(isXmlObject(request) ? request.PNR : undefined);
  if (pnr === undefined) throw new SoapFault('MALFORMED_CPR', 'give exactly one PNR element');
  // the service takes the 10 digits without a dash; the date must be real (modulus 11 is not required since 2007)
  if (!/^\d{10}$/.test(pnr) || !checkCpr(pnr).cpr) throw new SoapFault('MALFORMED_CPR');
  const person = register.get(pnr);
  if (!person) throw new SoapFault('CPR_NOT_FOUND');
  return personLookupResponse(person);
}

function personLookupResponse(p: CprPersonRecord): Record<string, unknown> {
  return {
    [`ns:${SF1520.operations.PersonLookup.response}`]: {
      '@_xmlns:ns': SF1520.namespace,
      'ns:PNR': p.cpr,
      'ns:Navn': { 'ns:Fornavn': p.fornavn, 'ns:Efternavn': p.efternavn },
      'ns:Adresse': {
        'ns:Vejnavn': p.vejnavn,
        'ns:Husnummer': p.husnummer,
        'ns:Postnummer': p.postnummer,
        'ns:Bynavn': p.bynavn,
      },
      'ns:Kommunekode': p.kommunekode,
      'ns:Status': p.status,
      'ns:AdresseBeskyttelse': p.adressebeskyttelse ? 'true' : 'false',
    },
  };
}
