import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { InvocationContext } from '../../src/config';
import { INVOCATION_CONTEXT_NS, SOAP_ENV_NS, type SoapOperation } from './operations';

/**
 * SOAP 1.1 envelopes in and out, both through fast-xml-parser. Requests are document/literal as every
 * Serviceplatformen service is: Envelope > Body > one request element, the InvocationContext its first
 * child. Responses are read by local name (the platform's prefixes are its own choice) with every value
 * kept a string (a CPR or P-nummer keeps its leading zero).
 */
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: false,
  suppressEmptyNode: false,
  processEntities: true,
});

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  // lists that may hold one entry must still parse as arrays
  isArray: (name, jpath) =>
    (name === 'ProductionUnit' && String(jpath).endsWith('ProductionUnitList.ProductionUnit')) ||
    (name === 'Error' && String(jpath).endsWith('ErrorList.Error')),
});

export type XmlNode = string | XmlObject | XmlNode[];
export interface XmlObject {
  [name: string]: XmlNode;
}

export function isXmlObject(node: XmlNode | undefined): node is XmlObject {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

/**
 * The request envelope for one look-up. The InvocationContext names the service agreement, the calling
 * system, the user and the service (the CPR or the CVR service UUID); a field left empty is sent empty, so
 * the platform rejects it with its own fault instead of the gateway guessing.
 */
export function requestEnvelope(op: SoapOperation, ctx: InvocationContext, number: string): string {
  const xml = builder.build({
    'soapenv:Envelope': {
      '@_xmlns:soapenv': SOAP_ENV_NS,
      '@_xmlns:ns': op.namespace,
      '@_xmlns:ic': INVOCATION_CONTEXT_NS,
      'soapenv:Header': '',
      'soapenv:Body': {
        [`ns:${op.requestElement}`]: {
          'ic:InvocationContext': {
            'ic:ServiceAgreementUUID': ctx.serviceAgreementUuid ?? '',
            'ic:UserSystemUUID': ctx.userSystemUuid ?? '',
            'ic:UserUUID': ctx.userUuid ?? '',
            'ic:ServiceUUID': op.serviceUuid(ctx) ?? '',
          },
          [`ns:${op.numberElement}`]: number,
        },
      },
    },
  }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>${xml}`;
}

/** The SOAP 1.1 headers of a call (§6.1.1: SOAPAction is a quoted string). */
export function requestHeaders(op: SoapOperation): Record<string, string> {
  return { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${op.soapAction}"`, accept: 'text/xml' };
}

export interface SoapFaultInfo {
  /** "Client" or "Server" (SOAP 1.1 §4.4.1), without prefix. */
  faultcode: string;
  /** Serviceplatformen's ErrorCodes from the fault detail; the faultstring is deliberately not kept. */
  errorCodes: string[];
}

export type SoapAnswer = { kind: 'body'; element: string; payload: XmlNode } | { kind: 'fault'; fault: SoapFaultInfo } | { kind: 'unreadable'; reason: string };

/** Reads a response envelope. Never throws: what cannot be read says why (without quoting the content). */
export function readEnvelope(text: string): SoapAnswer {
  if (!text.trim()) return { kind: 'unreadable', reason: 'empty body' };
  // SOAP 1.1 §3: a SOAP message must not contain a DTD (and entity expansion is closed with it)
  if (/<!DOCTYPE/i.test(text)) return { kind: 'unreadable', reason: 'a DOCTYPE in the envelope' };
  if (XMLValidator.validate(text) !== true) return { kind: 'unreadable', reason: 'not well-formed XML' };
  const doc = parser.parse(text) as XmlObject;
  const envelope = doc.Envelope;
  const body = isXmlObject(envelope) ? envelope.Body : undefined;
  if (!isXmlObject(body)) return { kind: 'unreadable', reason: 'no SOAP Envelope/Body' };
  const elements = Object.keys(body).filter((k) => k !== '#text');
  if (elements.length !== 1) return { kind: 'unreadable', reason: 'the Body does not hold exactly one element' };
  const element = elements[0]!;
  const payload = body[element]!;
  if (element === 'Fault') return { kind: 'fault', fault: faultInfo(payload) };
  return { kind: 'body', element, payload };
}

function faultInfo(node: XmlNode): SoapFaultInfo {
  const fault = isXmlObject(node) ? node : {};
  const faultcode = typeof fault.faultcode === 'string' ? fault.faultcode.replace(/^.*:/, '') : '';
  const detail = fault.detail;
  const spFault = isXmlObject(detail) ? detail.ServiceplatformFault : undefined;
  const list = isXmlObject(spFault) ? spFault.ErrorList : undefined;
  const errors = isXmlObject(list) && Array.isArray(list.Error) ? list.Error : [];
  const errorCodes = errors
    .map((e) => (isXmlObject(e) && typeof e.ErrorCode === 'string' ? e.ErrorCode : ''))
    // an ErrorCode is a token; anything else is not repeated anywhere (it could quote a request value)
    .filter((c) => /^[A-Za-z0-9_.-]{1,64}$/.test(c));
  return { faultcode, errorCodes };
}
