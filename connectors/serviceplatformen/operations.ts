import type { InvocationContext } from '../../src/config';

/**
 * The three Serviceplatformen operations the gateway uses, with the addresses, SOAPActions and namespaces of
 * KOMBIT's WSDLs (soap11/<area>/<service>/<version>/). Each service has its own ServiceUUID in the
 * InvocationContext: the service agreement grants CPR and CVR look-ups separately.
 */
export interface SoapOperation {
  /** Stable name for cache keys, metrics and messages (never a number being looked up). */
  name: 'PersonLookup' | 'getLegalUnit' | 'getProductionUnit';
  service: 'SF1520' | 'SF1530';
  path: string;
  namespace: string;
  soapAction: string;
  requestElement: string;
  responseElement: string;
  /** The element carrying the one number the call is about. */
  numberElement: string;
  serviceUuid: (ctx: InvocationContext) => string;
}

const SF1520_PATH = '/service/CPR/PersonBaseDataExtended/5';
const SF1520_NS = 'http://serviceplatformen.dk/xml/wsdl/soap11/CPR/PersonBaseDataExtended/5/';
const SF1530_PATH = '/service/CVR/Online/3';
const SF1530_NS = 'http://serviceplatformen.dk/xml/wsdl/soap11/CVR/Online/3/';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const INVOCATION_CONTEXT_NS = 'http://serviceplatformen.dk/xml/schemas/InvocationContext/1/';

/** SF1520 "CPR replika opslag", PersonBaseDataExtended 5: one person by PNR. */
export const PERSON_LOOKUP: SoapOperation = {
  name: 'PersonLookup',
  service: 'SF1520',
  path: SF1520_PATH,
  namespace: SF1520_NS,
  soapAction: 'PersonLookup',
  requestElement: 'PersonLookupRequest',
  responseElement: 'PersonLookupResponse',
  numberElement: 'PNR',
  serviceUuid: (ctx) => ctx.serviceUuidCpr,
};

/** SF1530 "CVR-Online" 3: one legal unit (company) by CVR, with its production units. */
export const GET_LEGAL_UNIT: SoapOperation = {
  name: 'getLegalUnit',
  service: 'SF1530',
  path: SF1530_PATH,
  namespace: SF1530_NS,
  soapAction: 'getLegalUnit',
  requestElement: 'getLegalUnitRequest',
  responseElement: 'getLegalUnitResponse',
  numberElement: 'LegalUnitIdentifier',
  serviceUuid: (ctx) => ctx.serviceUuidCvr,
};

/** SF1530 "CVR-Online" 3: one production unit by P-nummer, with its owning company. */
export const GET_PRODUCTION_UNIT: SoapOperation = {
  name: 'getProductionUnit',
  service: 'SF1530',
  path: SF1530_PATH,
  namespace: SF1530_NS,
  soapAction: 'getProductionUnit',
  requestElement: 'getProductionUnitRequest',
  responseElement: 'getProductionUnitResponse',
  numberElement: 'ProductionUnitIdentifier',
  serviceUuid: (ctx) => ctx.serviceUuidCvr,
};
