import type { CvrVirksomhedRecord, ProduktionsenhedRecord } from '../model/serviceplatformen';
import { cvrError } from '../../src/domain/identifiers/cvr';
import { pnummerError } from '../../src/domain/identifiers/pnummer';
import { SF1530 } from './contract';
import { SoapFault } from './faults';
import type { CvrRegister } from './registers';
import { isXmlObject, textOf, type XmlNode } from './xml';

/** SF1530 "CVR-Online", operation getLegalUnit: one company (legal unit) by CVR, with all its production units. */
export function getLegalUnit(request: XmlNode, register: CvrRegister): Record<string, unknown> {
  const cvr = textOf(isXmlObject(request) ? request.LegalUnitIdentifier : undefined);
  if (cvr === undefined) throw new SoapFault('MALFORMED_CVR', 'give exactly one LegalUnitIdentifier element');
  if (cvrError(cvr)) throw new SoapFault('MALFORMED_CVR');
  const company = register.legalUnit(cvr);
  if (!company) throw new SoapFault('CVR_NOT_FOUND');
  return {
    [`ns:${SF1530.operations.getLegalUnit.response}`]: {
      '@_xmlns:ns': SF1530.namespace,
      'ns:LegalUnit': legalUnit(company),
    },
  };
}

/** SF1530 "CVR-Online", operation getProductionUnit: one production unit by P-nummer, with its owning CVR. */
export function getProductionUnit(request: XmlNode, register: CvrRegister): Record<string, unknown> {
  const pnummer = textOf(isXmlObject(request) ? request.ProductionUnitIdentifier : undefined);
  if (pnummer === undefined) throw new SoapFault('MALFORMED_PNUMMER', 'give exactly one ProductionUnitIdentifier element');
  if (pnummerError(pnummer)) throw new SoapFault('MALFORMED_PNUMMER');
  const entry = register.productionUnit(pnummer);
  if (!entry) throw new SoapFault('PNUMMER_NOT_FOUND');
  return {
    [`ns:${SF1530.operations.getProductionUnit.response}`]: {
      '@_xmlns:ns': SF1530.namespace,
      'ns:ProductionUnit': {
        ...productionUnit(entry.unit),
        'ns:LegalUnitIdentifier': entry.owner.cvr,
        'ns:LegalUnitName': entry.owner.navn,
      },
    },
  };
}

function address(a: { adresse: string; postnummer: string; bynavn: string }) {
  return { 'ns:StreetAddress': a.adresse, 'ns:PostCode': a.postnummer, 'ns:DistrictName': a.bynavn };
}

function productionUnit(u: ProduktionsenhedRecord) {
  return { 'ns:ProductionUnitIdentifier': u.pnummer, 'ns:ProductionUnitName': u.navn, 'ns:AddressOfficial': address(u) };
}

function legalUnit(c: CvrVirksomhedRecord) {
  return {
    'ns:LegalUnitIdentifier': c.cvr,
    'ns:LegalUnitName': c.navn,
    'ns:AddressOfficial': address(c),
    // an empty list is sent as an empty element, so clients can tell "no units" from "field not sent"
    'ns:ProductionUnitList': { 'ns:ProductionUnit': c.produktionsenheder.map(productionUnit) },
  };
}
