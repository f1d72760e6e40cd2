import { buildEnvelope } from './xml';
import { SERVICEPLATFORM_FAULT_NS } from './contract';

/**
 * The fault catalogue. Every fault is a SOAP 1.1 Fault (HTTP 500, §6.2 of the SOAP 1.1 note) with faultcode
 * soapenv:Client (the caller must change the request) or soapenv:Server, and a <detail> holding a stable
 * ErrorCode the gateway maps on. Fault texts are fixed strings plus element names: they never echo a
 * CPR number (or any other submitted value), because fault texts end up in callers' logs.
 */
export const FAULTS = {
  MALFORMED_ENVELOPE: { faultcode: 'Client', text: 'the request is not a well-formed SOAP 1.1 envelope' },
  UNKNOWN_OPERATION: { faultcode: 'Client', text: 'unknown SOAPAction or operation for this endpoint' },
  UNKNOWN_SERVICE: { faultcode: 'Client', text: 'no service at this address' },
  INVOCATION_CONTEXT_MISSING: { faultcode: 'Client', text: 'InvocationContext is missing' },
  INVOCATION_CONTEXT_INVALID: { faultcode: 'Client', text: 'InvocationContext is incomplete or holds an invalid UUID' },
  MALFORMED_CPR: { faultcode: 'Client', text: 'PNR must be one CPR number of 10 digits (DDMMYYSSSS) with a valid date' },
  MALFORMED_CVR: { faultcode: 'Client', text: 'LegalUnitIdentifier must be one CVR number of 8 digits with a valid check digit' },
  MALFORMED_PNUMMER: { faultcode: 'Client', text: 'ProductionUnitIdentifier must be one P-nummer of 10 digits' },
  CPR_NOT_FOUND: { faultcode: 'Client', text: 'no person with the given CPR number' },
  CVR_NOT_FOUND: { faultcode: 'Client', text: 'no legal unit with the given CVR number' },
  PNUMMER_NOT_FOUND: { faultcode: 'Client', text: 'no production unit with the given P-nummer' },
  INTERNAL_ERROR: { faultcode: 'Server', text: 'internal error in the Serviceplatformen stand-in' },
} as const;

export type FaultCode = keyof typeof FAULTS;

export class SoapFault extends Error {
  readonly code: FaultCode;
  /** HTTP status: 500 for every SOAP fault, except 404 for an address with no service. */
  readonly httpStatus: number;

  /** `detail` adds element names or positions (never submitted values) to the fixed text. */
  constructor(code: FaultCode, detail?: string) {
    super(detail ? `${FAULTS[code].text}: ${detail}` : FAULTS[code].text);
    this.code = code;
    this.httpStatus = code === 'UNKNOWN_SERVICE' ? 404 : 500;
  }
}

export function faultEnvelope(fault: SoapFault): string {
  return buildEnvelope({
    'soapenv:Fault': {
      // Fault children are unqualified in SOAP 1.1 (§4.4)
      faultcode: `soapenv:${FAULTS[fault.code].faultcode}`,
      faultstring: fault.message,
      detail: {
        'sp:ServiceplatformFault': {
          '@_xmlns:sp': SERVICEPLATFORM_FAULT_NS,
          'sp:ErrorList': { 'sp:Error': { 'sp:ErrorCode': fault.code, 'sp:ErrorText': fault.message } },
        },
      },
    },
  });
}
