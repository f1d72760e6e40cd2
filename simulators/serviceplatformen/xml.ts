import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { SOAP_ENV_NS } from './contract';

/**
 * XML in and out, both through fast-xml-parser. Parsing drops namespace prefixes (clients choose their own
 * prefixes, so the stand-in matches on local names like the real service's JAX-WS stack matches on
 * qualified names), keeps every value a string (a CPR "0101…" must keep its leading zero) and ignores attributes.
 */
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
});

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: false,
  suppressEmptyNode: false,
  processEntities: true,
});

export type XmlNode = string | XmlObject | XmlNode[];
export interface XmlObject {
  [name: string]: XmlNode;
}

export class XmlSyntaxError extends Error {
  constructor(
    readonly line: number | undefined,
    readonly column: number | undefined,
  ) {
    super('not well-formed XML');
  }
}

/** Validates and parses; throws XmlSyntaxError carrying only the position (the validator's message may quote content). */
export function parseXml(text: string): XmlObject {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlSyntaxError(valid.err.line, valid.err.col);
  return parser.parse(text) as XmlObject;
}

/** Wraps body content in a SOAP 1.1 envelope with an XML declaration. */
export function buildEnvelope(bodyContent: Record<string, unknown>): string {
  const xml = builder.build({
    'soapenv:Envelope': { '@_xmlns:soapenv': SOAP_ENV_NS, 'soapenv:Body': bodyContent },
  }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>${xml}`;
}

export function buildXml(tree: Record<string, unknown>): string {
  return builder.build(tree) as string;
}

/** The text of a leaf element, or undefined when absent, repeated or not a leaf. */
export function textOf(node: XmlNode | undefined): string | undefined {
  return typeof node === 'string' ? node : undefined;
}

export function isXmlObject(node: XmlNode | undefined): node is XmlObject {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}
