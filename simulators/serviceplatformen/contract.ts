/**
 * The wire contract of the Serviceplatformen stand-in: endpoint paths, SOAPActions and namespaces. The
 * namespaces follow the shape of KOMBIT's real ones (http://serviceplatformen.dk/xml/wsdl/soap11/<area>/<service>/<version>/);
 * the server parses namespace-agnostically, so a client using other prefixes or namespaces still works.
 */

/** SOAP 1.1 envelope namespace (W3C Note "SOAP 1.1", §4.1.2). */
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
/** KOMBIT InvocationContext: who calls, under which service agreement, for which service (ServiceAgreementUUID …). */
export const INVOCATION_CONTEXT_NS = 'http://serviceplatformen.dk/xml/schemas/InvocationContext/1/';
/** Detail element of every fault (Serviceplatformen reports errors as ErrorCode + ErrorText). */
export const SERVICEPLATFORM_FAULT_NS = 'http://serviceplatformen.dk/xml/schemas/ServiceplatformFault/1/';

/** SF1520 "CPR replika opslag" (PersonBaseDataExtended, version 5). */
export const SF1520 = {
  path: '/service/CPR/PersonBaseDataExtended/5',
  namespace: 'http://serviceplatformen.dk/xml/wsdl/soap11/CPR/PersonBaseDataExtended/5/',
  operations: {
    PersonLookup: { request: 'PersonLookupRequest', response: 'PersonLookupResponse' },
  },
} as const;

/** SF1530 "CVR-Online" (version 3). */
export const SF1530 = {
  path: '/service/CVR/Online/3',
  namespace: 'http://serviceplatformen.dk/xml/wsdl/soap11/CVR/Online/3/',
  operations: {
    getLegalUnit: { request: 'getLegalUnitRequest', response: 'getLegalUnitResponse' },
    getProductionUnit: { request: 'getProductionUnitRequest', response: 'getProductionUnitResponse' },
  },
} as const;

export type ServiceId = 'sf1520' | 'sf1530';

/** The four UUIDs every call must carry (a service agreement in KOMBIT's administration module ties them together). */
export const INVOCATION_CONTEXT_UUIDS = ['ServiceAgreementUUID', 'UserSystemUUID', 'UserUUID', 'ServiceUUID'] as const;
export type InvocationContextUuid = (typeof INVOCATION_CONTEXT_UUIDS)[number];
