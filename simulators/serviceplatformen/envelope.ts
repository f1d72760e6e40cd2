import { SoapFault } from './faults';
import { isXmlObject, parseXml, XmlSyntaxError, type XmlNode } from './xml';

export interface SoapRequest {
  /** Local name of the one element in soapenv:Body, e.g. "PersonLookupRequest". */
  element: string;
  payload: XmlNode;
}

/**
 * Unwraps a SOAP 1.1 request: exactly one root Envelope, a Body, and one element inside it (document/literal
 * style, as every Serviceplatformen service uses). A Header is allowed and ignored: the real platform carries
 * WS-Security there and checks the client certificate, which the stand-in does not imitate.
 */
export function parseSoapRequest(body: string | undefined): SoapRequest {
  if (!body || !body.trim()) throw new SoapFault('MALFORMED_ENVELOPE', 'the request body is empty');
  // SOAP 1.1 §3: a SOAP message MUST NOT contain a Document Type Declaration (it also closes entity expansion)
  if (/<!DOCTYPE/i.test(body)) throw new SoapFault('MALFORMED_ENVELOPE', 'a SOAP message must not contain a DOCTYPE');
  let doc;
  try {
    doc = parseXml(body);
  } catch (err) {
    if (err instanceof XmlSyntaxError) {
      throw new SoapFault('MALFORMED_ENVELOPE', `not well-formed XML (line ${err.line ?? '?'}, column ${err.column ?? '?'})`);
    }
    throw err;
  }
  const roots = Object.keys(doc);
  const envelope = doc.Envelope;
  if (roots.length !== 1 || !isXmlObject(envelope)) throw new SoapFault('MALFORMED_ENVELOPE', 'the root element must be one soapenv:Envelope');
  const soapBody = envelope.Body;
  if (!isXmlObject(soapBody)) throw new SoapFault('MALFORMED_ENVELOPE', 'the Envelope must hold one soapenv:Body with content');
  const elements = Object.keys(soapBody).filter((k) => k !== '#text');
  if (elements.length !== 1) throw new SoapFault('MALFORMED_ENVELOPE', 'the Body must hold exactly one request element');
  const element = elements[0]!;
  const payload = soapBody[element]!;
  if (Array.isArray(payload)) throw new SoapFault('MALFORMED_ENVELOPE', 'the Body must hold exactly one request element');
  return { element, payload };
}
