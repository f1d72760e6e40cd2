/**
 * Pure builders of the request envelopes the stand-in accepts (for its tests, scripts and benchmarks). They
 * produce what a KOMBIT client sends: soapenv:Envelope > soapenv:Header (empty) > soapenv:Body > the request
 * element in the service namespace, its InvocationContext in the InvocationContext namespace first.
 * The gateway has its own SOAP client; this file stays simulator-side.
 */
import { INVOCATION_CONTEXT_NS, SF1520, SF1530, SOAP_ENV_NS } from './contract';
import { buildXml } from './xml';

export interface InvocationContext {
  ServiceAgreementUUID: string;
  UserSystemUUID: string;
  UserUUID: string;
  ServiceUUID: string;
  /** Optional free text the municipality uses to attribute the bill (e.g. a cost centre). */
  AccountingInfo?: string;
}

/**
 * `null` leaves the InvocationContext element out; a partial object leaves out the fields it lacks (both are
 * how tests provoke the platform's invocation-context faults).
 */
export type InvocationContextInput = Partial<InvocationContext> | null;

export const SOAP_ACTIONS = {
  PersonLookup: 'PersonLookup',
  getLegalUnit: 'getLegalUnit',
  getProductionUnit: 'getProductionUnit',
} as const;

/** The HTTP headers of a SOAP 1.1 call (§6.1.1: SOAPAction is a quoted string). */
export function soapHeaders(action: keyof typeof SOAP_ACTIONS): Record<string, string> {
  return { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${SOAP_ACTIONS[action]}"` };
}

const CONTEXT_ORDER = ['ServiceAgreementUUID', 'UserSystemUUID', 'UserUUID', 'ServiceUUID', 'AccountingInfo'] as const;

function invocationContext(ctx: InvocationContextInput): Record<string, unknown> {
  if (ctx === null) return {};
  const fields: Record<string, string> = {};
  for (const name of CONTEXT_ORDER) {
    const value = ctx[name];
    if (value !== undefined) fields[`ic:${name}`] = value;
  }
  return { 'ic:InvocationContext': fields };
}

function envelope(serviceNs: string, requestElement: string, ctx: InvocationContextInput, fields: Record<string, string>): string {
  const request: Record<string, unknown> = { ...invocationContext(ctx) };
  for (const [name, value] of Object.entries(fields)) request[`ns:${name}`] = value;
  const xml = buildXml({
    'soapenv:Envelope': {
      '@_xmlns:soapenv': SOAP_ENV_NS,
      '@_xmlns:ns': serviceNs,
      '@_xmlns:ic': INVOCATION_CONTEXT_NS,
      'soapenv:Header': '',
      'soapenv:Body': { [`ns:${requestElement}`]: request },
    },
  });
  return `<?xml version="1.0" encoding="UTF-8"?>${xml}`;
}

/** SF1520 PersonLookup for one PNR (10 digits, no dash). */
export function personLookupEnvelope(opts: { invocationContext: InvocationContextInput; pnr: string }): string {
  return envelope(SF1520.namespace, SF1520.operations.PersonLookup.request, opts.invocationContext, { PNR: opts.pnr });
}

/** SF1530 getLegalUnit for one CVR number. */
export function getLegalUnitEnvelope(opts: { invocationContext: InvocationContextInput; cvr: string }): string {
  return envelope(SF1530.namespace, SF1530.operations.getLegalUnit.request, opts.invocationContext, {
    LegalUnitIdentifier: opts.cvr,
  });
}

/** SF1530 getProductionUnit for one P-nummer. */
export function getProductionUnitEnvelope(opts: { invocationContext: InvocationContextInput; pnummer: string }): string {
  return envelope(SF1530.namespace, SF1530.operations.getProductionUnit.request, opts.invocationContext, {
    ProductionUnitIdentifier: opts.pnummer,
  });
}
