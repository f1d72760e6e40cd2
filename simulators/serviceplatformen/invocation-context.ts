import { INVOCATION_CONTEXT_UUIDS } from './contract';
import { SoapFault } from './faults';
import { isXmlObject, textOf, type XmlNode } from './xml';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Serviceplatformen rejects a call unless its InvocationContext names a service agreement, the calling user
 * system, the user and the service, each as a UUID; AccountingInfo (and OnBehalfOfUser,
 * CallersServiceCallIdentifier) are optional. The fault names every bad element, so one round trip
 * tells the caller everything to fix.
 */
export function checkInvocationContext(request: XmlNode): void {
  const context = isXmlObject(request) ? request.InvocationContext : undefined;
  if (context === undefined) throw new SoapFault('INVOCATION_CONTEXT_MISSING', 'the request element must hold an InvocationContext');
  if (Array.isArray(context)) throw new SoapFault('INVOCATION_CONTEXT_INVALID', 'give exactly one InvocationContext');
  // an empty <InvocationContext/> parses to '' and is reported as all four UUIDs missing
  const fields = isXmlObject(context) ? context : {};
  const bad = INVOCATION_CONTEXT_UUIDS.filter((name) => {
    const value = textOf(fields[name]);
    return value === undefined || !UUID.test(value);
  });
  if (bad.length > 0) throw new SoapFault('INVOCATION_CONTEXT_INVALID', bad.join(', '));
}
