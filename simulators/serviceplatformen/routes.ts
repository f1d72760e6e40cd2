/**
 * Serviceplatformen stand-in: two KOMBIT SOAP 1.1 services over plain HTTP (the real platform adds TLS with a
 * client certificate and WS-Security, which the stand-in does not imitate).
 *
 * Every call: POST, Content-Type text/xml; charset=utf-8, header SOAPAction: "<operation>" (quoted or not; a
 * URI ending in /<operation> or #<operation> is accepted too), body = soapenv:Envelope > soapenv:Body > one
 * request element whose first child is an InvocationContext with ServiceAgreementUUID, UserSystemUUID, UserUUID,
 * ServiceUUID (UUIDs) and optionally AccountingInfo. Matching is by local name; namespaces are in contract.ts.
 *
 * POST /service/CPR/PersonBaseDataExtended/5   (SF1520 CPR replika opslag)
 *   SOAPAction PersonLookup: PersonLookupRequest { InvocationContext, PNR (10 digits) }
 *     → PersonLookupResponse { PNR, Navn { Fornavn, Efternavn }, Adresse { Vejnavn, Husnummer, Postnummer, Bynavn },
 *                              Kommunekode, Status, AdresseBeskyttelse (true|false) }
 * POST /service/CVR/Online/3                   (SF1530 CVR-Online)
 *   SOAPAction getLegalUnit: getLegalUnitRequest { InvocationContext, LegalUnitIdentifier (CVR) }
 *     → getLegalUnitResponse { LegalUnit { LegalUnitIdentifier, LegalUnitName, AddressOfficial { StreetAddress,
 *          PostCode, DistrictName }, ProductionUnitList { ProductionUnit* { ProductionUnitIdentifier,
 *          ProductionUnitName, AddressOfficial } } } }
 *   SOAPAction getProductionUnit: getProductionUnitRequest { InvocationContext, ProductionUnitIdentifier (P-nummer) }
 *     → getProductionUnitResponse { ProductionUnit { ProductionUnitIdentifier, ProductionUnitName, AddressOfficial,
 *          LegalUnitIdentifier, LegalUnitName } }
 *
 * Errors: HTTP 500 soapenv:Fault { faultcode soapenv:Client, faultstring, detail > ServiceplatformFault > ErrorList >
 * Error { ErrorCode, ErrorText } }, codes in faults.ts. Checks run in this order: SOAPAction (UNKNOWN_OPERATION),
 * envelope (MALFORMED_ENVELOPE), Body element matches the SOAPAction (UNKNOWN_OPERATION), InvocationContext
 * (INVOCATION_CONTEXT_MISSING / _INVALID), number format (MALFORMED_CPR / _CVR / _PNUMMER), look-up (*_NOT_FOUND).
 * Any POST under /service that is not one of the two endpoints: HTTP 404 fault UNKNOWN_SERVICE.
 */
import type { FastifyError, FastifyPluginAsync, FastifyReply } from 'fastify';
import type { CallCounter } from './calls';
import { SF1520, SF1530, type ServiceId } from './contract';
import { parseSoapRequest } from './envelope';
import { faultEnvelope, SoapFault } from './faults';
import { checkInvocationContext } from './invocation-context';
import type { Latency } from './latency';
import type { CprRegister, CvrRegister } from './registers';
import { personLookup } from './sf1520';
import { getLegalUnit, getProductionUnit } from './sf1530';
import { buildEnvelope, type XmlNode } from './xml';

export const SOAP_CONTENT_TYPE = 'text/xml; charset=utf-8';

interface Operation {
  request: string;
  handle(payload: XmlNode): Record<string, unknown>;
}

interface Endpoint {
  service: ServiceId;
  path: string;
  operations: Record<string, Operation>;
}

export interface SoapRoutesOptions {
  personer: CprRegister;
  virksomheder: CvrRegister;
  counter: CallCounter;
  latency: Latency;
}

/** `"PersonLookup"`, `PersonLookup` and `"http://…/PersonLookup"` all name the operation PersonLookup. */
export function operationOfSoapAction(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const unquoted = header
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();
  const name = unquoted.split(/[/#]/).pop() ?? '';
  return name || undefined;
}

/** Answers with a fault; `counter` is given when the request was a counted call to a service endpoint. */
export function sendFault(reply: FastifyReply, fault: SoapFault, counter?: CallCounter): FastifyReply {
  counter?.fault();
  return reply.code(fault.httpStatus).type(SOAP_CONTENT_TYPE).send(faultEnvelope(fault));
}

export const soapRoutes: FastifyPluginAsync<SoapRoutesOptions> = async (app, opts) => {
  // SOAP 1.1 is text/xml; anything else is read as text too, so a wrong Content-Type gets a SOAP fault, not a 415
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  const endpoints: Endpoint[] = [
    {
      service: 'sf1520',
      path: SF1520.path,
      operations: {
        PersonLookup: { request: SF1520.operations.PersonLookup.request, handle: (p) => personLookup(p, opts.personer) },
      },
    },
    {
      service: 'sf1530',
      path: SF1530.path,
      operations: {
        getLegalUnit: { request: SF1530.operations.getLegalUnit.request, handle: (p) => getLegalUnit(p, opts.virksomheder) },
        getProductionUnit: {
          request: SF1530.operations.getProductionUnit.request,
          handle: (p) => getProductionUnit(p, opts.virksomheder),
        },
      },
    },
  ];

  for (const endpoint of endpoints) {
    const known = Object.keys(endpoint.operations);
    app.post(endpoint.path, { onRequest: async () => opts.counter.call(endpoint.service) }, async (request, reply) => {
      await opts.latency.wait();
      try {
        const action = operationOfSoapAction(request.headers.soapaction);
        const operation = action !== undefined && Object.hasOwn(endpoint.operations, action) ? endpoint.operations[action]! : undefined;
        // the submitted SOAPAction is not echoed: it is caller input, and faults end up in logs
        if (!operation) throw new SoapFault('UNKNOWN_OPERATION', `the SOAPAction header must name one of ${known.join(', ')}`);
        // a JSON body is parsed by Fastify's JSON parser before it gets here; SOAP needs the raw text
        if (request.body !== undefined && typeof request.body !== 'string') {
          throw new SoapFault('MALFORMED_ENVELOPE', 'the body must be a SOAP envelope sent as text/xml');
        }
        const { element, payload } = parseSoapRequest(request.body);
        if (element !== operation.request) {
          throw new SoapFault('UNKNOWN_OPERATION', `SOAPAction ${action} expects a ${operation.request} element in the Body`);
        }
        checkInvocationContext(payload);
        return reply
          .code(200)
          .type(SOAP_CONTENT_TYPE)
          .send(buildEnvelope(operation.handle(payload)));
      } catch (err) {
        if (err instanceof SoapFault) return sendFault(reply, err, opts.counter);
        throw err;
      }
    });
  }

  app.setErrorHandler((err: FastifyError, request, reply) => {
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // e.g. a body over Fastify's 1 MiB limit: rejected before the handler ran, still answered as a SOAP fault
      // with HTTP 500 like every other fault (SOAP 1.1 §6.2), so a client needs one fault path only
      return sendFault(reply, new SoapFault('MALFORMED_ENVELOPE', 'the request body is too large or could not be read'), opts.counter);
    }
    request.log.error({ code: err.code }, 'unexpected error');
    return sendFault(reply, new SoapFault('INTERNAL_ERROR'), opts.counter);
  });
};
