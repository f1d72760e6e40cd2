import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  getLegalUnitEnvelope,
  getProductionUnitEnvelope,
  personLookupEnvelope,
  soapHeaders,
  type InvocationContextInput,
} from '../../simulators/serviceplatformen/envelopes';
import { startServiceplatformen, type RunningServer } from '../../simulators/serviceplatformen/server';
import {
  COMPANY_ONE_UNIT,
  COMPANY_WITH_UNITS,
  COMPANY_WITHOUT_UNITS,
  INVOCATION_CONTEXT_FIXTURE as CTX,
  PERSON_EMIGRATED,
  PERSON_PLAIN,
  PERSON_PROTECTED,
  PERSON_SPECIAL_CHARS,
  PERSONER_FIXTURE,
  UNKNOWN_CPR,
  UNKNOWN_CVR,
  UNKNOWN_PNUMMER,
  VIRKSOMHEDER_FIXTURE,
} from '../fixtures/serviceplatformen';
import type { CprPersonRecord, CvrVirksomhedRecord } from '../../simulators/model/serviceplatformen';

const CPR_PATH = '/service/CPR/PersonBaseDataExtended/5';
const CVR_PATH = '/service/CVR/Online/3';

// the test reads responses the way a client would: namespace-agnostic, every value a string
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  ignoreDeclaration: true,
  isArray: (_name, jpath) => String(jpath).endsWith('ProductionUnitList.ProductionUnit'),
});

let server: RunningServer;

interface SoapResult {
  status: number;
  contentType: string | null;
  text: string;
  body: any;
}

async function post(path: string, body: string, headers: Record<string, string>): Promise<SoapResult> {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type'), text, body: parser.parse(text).Envelope?.Body };
}

const lookupPerson = (pnr: string, invocationContext: InvocationContextInput = CTX) =>
  post(CPR_PATH, personLookupEnvelope({ invocationContext, pnr }), soapHeaders('PersonLookup'));
const lookupCvr = (cvr: string, invocationContext: InvocationContextInput = CTX) =>
  post(CVR_PATH, getLegalUnitEnvelope({ invocationContext, cvr }), soapHeaders('getLegalUnit'));
const lookupPnummer = (pnummer: string, invocationContext: InvocationContextInput = CTX) =>
  post(CVR_PATH, getProductionUnitEnvelope({ invocationContext, pnummer }), soapHeaders('getProductionUnit'));

function expectFault(res: SoapResult, errorCode: string, httpStatus = 500): { faultstring: string; errorText: string } {
  expect(res.status, res.text).toBe(httpStatus);
  expect(res.contentType).toMatch(/^text\/xml/);
  const fault = res.body?.Fault;
  expect(fault, res.text).toBeDefined();
  expect(fault.faultcode).toBe('soapenv:Client');
  expect(typeof fault.faultstring).toBe('string');
  const error = fault.detail.ServiceplatformFault.ErrorList.Error;
  expect(error.ErrorCode).toBe(errorCode);
  return { faultstring: fault.faultstring, errorText: error.ErrorText };
}

function expectPerson(res: SoapResult, p: CprPersonRecord): void {
  expect(res.status, res.text).toBe(200);
  expect(res.contentType).toMatch(/^text\/xml/);
  expect(res.body.PersonLookupResponse).toEqual({
    PNR: p.cpr,
    Navn: { Fornavn: p.fornavn, Efternavn: p.efternavn },
    Adresse: { Vejnavn: p.vejnavn, Husnummer: p.husnummer, Postnummer: p.postnummer, Bynavn: p.bynavn },
    Kommunekode: p.kommunekode,
    Status: p.status,
    AdresseBeskyttelse: String(p.adressebeskyttelse),
  });
}

async function calls(): Promise<{ sf1520: number; sf1530: number; total: number; faults: number }> {
  return (await fetch(`${server.url}/admin/calls`)).json() as any;
}

async function setLatency(ms: unknown): Promise<Response> {
  return fetch(`${server.url}/admin/latency`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms }) });
}

beforeAll(async () => {
  server = await startServiceplatformen({ personer: PERSONER_FIXTURE, virksomheder: VIRKSOMHEDER_FIXTURE, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await server?.close();
});

beforeEach(async () => {
  await fetch(`${server.url}/admin/reset-calls`, { method: 'POST' });
});

describe('SF1520 PersonLookup', () => {
  it('returns the fixture person: name, address, kommunekode, status, protection flag', async () => {
    expectPerson(await lookupPerson(PERSON_PLAIN.cpr), PERSON_PLAIN);
  });

  it('keeps Danish letters and escapes & and < > in names', async () => {
    const res = await lookupPerson(PERSON_SPECIAL_CHARS.cpr);
    expectPerson(res, PERSON_SPECIAL_CHARS);
    expect(res.text).toContain('&amp; &lt;Søn&gt;');
  });

  it('returns empty address elements for an emigrated person', async () => {
    expectPerson(await lookupPerson(PERSON_EMIGRATED.cpr), PERSON_EMIGRATED);
  });

  it('flags a protected person (AdresseBeskyttelse true) and still returns the address, as the CPR replica does', async () => {
    const res = await lookupPerson(PERSON_PROTECTED.cpr);
    expectPerson(res, PERSON_PROTECTED);
    expect(res.body.PersonLookupResponse.AdresseBeskyttelse).toBe('true');
    expect((await lookupPerson(PERSON_PLAIN.cpr)).body.PersonLookupResponse.AdresseBeskyttelse).toBe('false');
  });

  it('works without the optional AccountingInfo', async () => {
    const { AccountingInfo: _omit, ...withoutAccounting } = CTX;
    expectPerson(await lookupPerson(PERSON_PLAIN.cpr, withoutAccounting), PERSON_PLAIN);
  });

  it('parses namespace-agnostically (other prefixes, default namespace, unquoted SOAPAction)', async () => {
    const body = `<?xml version="1.0"?>
      <S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/">
        <S:Body>
          <PersonLookupRequest xmlns="http://serviceplatformen.dk/xml/wsdl/soap11/CPR/PersonBaseDataExtended/5/">
            <invctx:InvocationContext xmlns:invctx="http://serviceplatformen.dk/xml/schemas/InvocationContext/1/">
              <invctx:ServiceAgreementUUID>${CTX.ServiceAgreementUUID}</invctx:ServiceAgreementUUID>
              <invctx:UserSystemUUID>${CTX.UserSystemUUID}</invctx:UserSystemUUID>
              <invctx:UserUUID>${CTX.UserUUID}</invctx:UserUUID>
              <invctx:ServiceUUID>${CTX.ServiceUUID.toUpperCase()}</invctx:ServiceUUID>
            </invctx:InvocationContext>
            <PNR>${PERSON_PLAIN.cpr}</PNR>
          </PersonLookupRequest>
        </S:Body>
      </S:Envelope>`;
    const res = await post(CPR_PATH, body, {
      'content-type': 'text/xml',
      soapaction: 'http://serviceplatformen.dk/xml/wsdl/soap11/CPR/PersonBaseDataExtended/5/PersonLookup',
    });
    expectPerson(res, PERSON_PLAIN);
  });

  it('faults CPR_NOT_FOUND for an unknown CPR without echoing it', async () => {
    const res = await lookupPerson(UNKNOWN_CPR);
    expectFault(res, 'CPR_NOT_FOUND');
    expect(res.text).not.toContain(UNKNOWN_CPR);
  });

  it.each([
    ['an impossible date', '3102801234'],
    ['too few digits', '12345'],
    ['a dash', '150482-1235'],
    ['letters', '15O4821235'],
    ['an empty PNR', ''],
  ])('faults MALFORMED_CPR for %s, never echoing the value', async (_label, pnr) => {
    const res = await lookupPerson(pnr);
    expectFault(res, 'MALFORMED_CPR');
    if (pnr) expect(res.text).not.toContain(pnr);
  });
});

describe('SF1530 CVR-Online', () => {
  function expectAddress(node: any, a: { adresse: string; postnummer: string; bynavn: string }) {
    expect(node).toEqual({ StreetAddress: a.adresse, PostCode: a.postnummer, DistrictName: a.bynavn });
  }

  function expectLegalUnit(unit: any, c: CvrVirksomhedRecord) {
    expect(unit.LegalUnitIdentifier).toBe(c.cvr);
    expect(unit.LegalUnitName).toBe(c.navn);
    expectAddress(unit.AddressOfficial, c);
    const units = unit.ProductionUnitList.ProductionUnit ?? [];
    expect(units).toHaveLength(c.produktionsenheder.length);
    c.produktionsenheder.forEach((p, i) => {
      expect(units[i].ProductionUnitIdentifier).toBe(p.pnummer);
      expect(units[i].ProductionUnitName).toBe(p.navn);
      expectAddress(units[i].AddressOfficial, p);
    });
  }

  it('getLegalUnit returns the company with its production units', async () => {
    const res = await lookupCvr(COMPANY_WITH_UNITS.cvr);
    expect(res.status, res.text).toBe(200);
    expectLegalUnit(res.body.getLegalUnitResponse.LegalUnit, COMPANY_WITH_UNITS);
  });

  it('getLegalUnit returns an empty ProductionUnitList for a company without units, and escapes &', async () => {
    const res = await lookupCvr(COMPANY_WITHOUT_UNITS.cvr);
    expect(res.status).toBe(200);
    expect(res.body.getLegalUnitResponse.LegalUnit.ProductionUnitList).toBe('');
    expectLegalUnit(res.body.getLegalUnitResponse.LegalUnit, COMPANY_WITHOUT_UNITS);
    const one = await lookupCvr(COMPANY_ONE_UNIT.cvr);
    expectLegalUnit(one.body.getLegalUnitResponse.LegalUnit, COMPANY_ONE_UNIT);
  });

  it('getProductionUnit returns the unit and its owning CVR', async () => {
    const unit = COMPANY_WITH_UNITS.produktionsenheder[1]!;
    const res = await lookupPnummer(unit.pnummer);
    expect(res.status, res.text).toBe(200);
    const pu = res.body.getProductionUnitResponse.ProductionUnit;
    expect(pu.ProductionUnitIdentifier).toBe(unit.pnummer);
    expect(pu.ProductionUnitName).toBe(unit.navn);
    expectAddress(pu.AddressOfficial, unit);
    expect(pu.LegalUnitIdentifier).toBe(COMPANY_WITH_UNITS.cvr);
    expect(pu.LegalUnitName).toBe(COMPANY_WITH_UNITS.navn);
  });

  it('faults CVR_NOT_FOUND and PNUMMER_NOT_FOUND for unknown numbers', async () => {
    expectFault(await lookupCvr(UNKNOWN_CVR), 'CVR_NOT_FOUND');
    expectFault(await lookupPnummer(UNKNOWN_PNUMMER), 'PNUMMER_NOT_FOUND');
  });

  it('faults MALFORMED_CVR (format or check digit) and MALFORMED_PNUMMER', async () => {
    const valid = COMPANY_WITH_UNITS.cvr;
    const wrongCheckDigit = `${valid.slice(0, 7)}${(Number(valid[7]) + 1) % 10}`;
    for (const cvr of ['1234567', '012345678', 'abcdefgh', wrongCheckDigit, '']) {
      expectFault(await lookupCvr(cvr), 'MALFORMED_CVR');
    }
    for (const pnummer of ['123', '10123456789', 'x012345678']) {
      expectFault(await lookupPnummer(pnummer), 'MALFORMED_PNUMMER');
    }
  });
});

describe('InvocationContext', () => {
  it('faults INVOCATION_CONTEXT_MISSING without one, on both services', async () => {
    expectFault(await lookupPerson(PERSON_PLAIN.cpr, null), 'INVOCATION_CONTEXT_MISSING');
    expectFault(await lookupCvr(COMPANY_WITH_UNITS.cvr, null), 'INVOCATION_CONTEXT_MISSING');
    expectFault(await lookupPnummer(COMPANY_ONE_UNIT.produktionsenheder[0]!.pnummer, null), 'INVOCATION_CONTEXT_MISSING');
  });

  it.each(['ServiceAgreementUUID', 'UserSystemUUID', 'UserUUID', 'ServiceUUID'] as const)(
    'faults INVOCATION_CONTEXT_INVALID naming %s when it is missing or not a UUID',
    async (field) => {
      const { [field]: _omit, ...missing } = CTX;
      const a = expectFault(await lookupPerson(PERSON_PLAIN.cpr, missing), 'INVOCATION_CONTEXT_INVALID');
      expect(a.errorText).toContain(field);
      const b = expectFault(await lookupCvr(COMPANY_WITH_UNITS.cvr, { ...CTX, [field]: 'not-a-uuid' }), 'INVOCATION_CONTEXT_INVALID');
      expect(b.faultstring).toContain(field);
      const others = ['ServiceAgreementUUID', 'UserSystemUUID', 'UserUUID', 'ServiceUUID'].filter((f) => f !== field);
      for (const other of others) expect(a.errorText).not.toContain(other);
    },
  );

  it('names all four UUIDs for an empty InvocationContext', async () => {
    const { errorText } = expectFault(await lookupPerson(PERSON_PLAIN.cpr, {}), 'INVOCATION_CONTEXT_INVALID');
    for (const f of ['ServiceAgreementUUID', 'UserSystemUUID', 'UserUUID', 'ServiceUUID']) expect(errorText).toContain(f);
  });

  it('checks the InvocationContext before the number, so an unauthorised caller learns nothing about a CPR', async () => {
    expectFault(await lookupPerson(UNKNOWN_CPR, null), 'INVOCATION_CONTEXT_MISSING');
  });
});

describe('malformed requests', () => {
  const xmlHeaders = soapHeaders('PersonLookup');

  it.each([
    ['not XML at all', 'this is not xml'],
    ['unclosed tags', '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>'],
    ['an empty body', ''],
    ['a root that is not an Envelope', '<PersonLookupRequest><PNR>1504821235</PNR></PersonLookupRequest>'],
    ['an Envelope without Body', '<Envelope><Header/></Envelope>'],
    ['an empty Body', '<Envelope><Body/></Envelope>'],
    ['two elements in the Body', '<Envelope><Body><PersonLookupRequest/><PersonLookupRequest/></Body></Envelope>'],
    [
      'a DOCTYPE (forbidden by SOAP 1.1 §3)',
      '<!DOCTYPE x [<!ENTITY e "1504821235">]><Envelope><Body><PersonLookupRequest><PNR>&e;</PNR></PersonLookupRequest></Body></Envelope>',
    ],
  ])('faults MALFORMED_ENVELOPE for %s', async (_label, body) => {
    const res = await post(CPR_PATH, body, xmlHeaders);
    expectFault(res, 'MALFORMED_ENVELOPE');
    expect(res.text).not.toContain(PERSON_PLAIN.cpr);
  });

  it('faults MALFORMED_ENVELOPE for a JSON body', async () => {
    const res = await post(CPR_PATH, JSON.stringify({ PNR: PERSON_PLAIN.cpr }), { 'content-type': 'application/json', soapaction: 'PersonLookup' });
    expectFault(res, 'MALFORMED_ENVELOPE');
  });

  it('faults MALFORMED_ENVELOPE (HTTP 500) for a body over the 1 MiB limit', async () => {
    const huge = `<Envelope><Body><PersonLookupRequest><PNR>${'9'.repeat(1_200_000)}</PNR></PersonLookupRequest></Body></Envelope>`;
    expectFault(await post(CPR_PATH, huge, xmlHeaders), 'MALFORMED_ENVELOPE');
  });

  it('faults UNKNOWN_OPERATION for a missing, unknown or mismatched SOAPAction', async () => {
    const envelope = personLookupEnvelope({ invocationContext: CTX, pnr: PERSON_PLAIN.cpr });
    expectFault(await post(CPR_PATH, envelope, { 'content-type': 'text/xml' }), 'UNKNOWN_OPERATION');
    expectFault(await post(CPR_PATH, envelope, { 'content-type': 'text/xml', soapaction: '"PersonDelete"' }), 'UNKNOWN_OPERATION');
    // a CVR operation on the CPR endpoint, and a SOAPAction that does not match the Body element
    expectFault(await post(CPR_PATH, envelope, soapHeaders('getLegalUnit')), 'UNKNOWN_OPERATION');
    expectFault(await post(CVR_PATH, envelope, soapHeaders('getLegalUnit')), 'UNKNOWN_OPERATION');
  });

  it('answers an unknown service address with HTTP 404 and fault UNKNOWN_SERVICE', async () => {
    const res = await post('/service/CPR/PersonBaseDataExtended/4', personLookupEnvelope({ invocationContext: CTX, pnr: PERSON_PLAIN.cpr }), xmlHeaders);
    expectFault(res, 'UNKNOWN_SERVICE', 404);
  });
});

describe('call counting and latency', () => {
  it('counts every call per service, faults included, and resets', async () => {
    expect(await calls()).toEqual({ sf1520: 0, sf1530: 0, total: 0, faults: 0 });
    await lookupPerson(PERSON_PLAIN.cpr);
    await lookupPerson(PERSON_PROTECTED.cpr);
    await lookupPerson(UNKNOWN_CPR); // fault, still a call
    await lookupCvr(COMPANY_WITH_UNITS.cvr);
    await lookupPnummer(COMPANY_ONE_UNIT.produktionsenheder[0]!.pnummer);
    await post(CVR_PATH, 'garbage', soapHeaders('getLegalUnit')); // fault
    await fetch(`${server.url}/health`);
    await post('/service/Unknown/1', 'x', soapHeaders('PersonLookup')); // not a service: not counted
    expect(await calls()).toEqual({ sf1520: 3, sf1530: 3, total: 6, faults: 2 });
    const reset = await fetch(`${server.url}/admin/reset-calls`, { method: 'POST' });
    expect(await reset.json()).toEqual({ sf1520: 0, sf1530: 0, total: 0, faults: 0 });
  });

  it('PUT /admin/latency delays each SOAP answer by at least the configured ms', async () => {
    const ms = 250;
    const put = await setLatency(ms);
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ ms });
    try {
      for (const call of [() => lookupPerson(PERSON_PLAIN.cpr), () => lookupPerson(UNKNOWN_CPR), () => lookupCvr(COMPANY_WITH_UNITS.cvr)]) {
        const start = performance.now();
        await call();
        expect(performance.now() - start).toBeGreaterThanOrEqual(ms);
      }
    } finally {
      await setLatency(0);
    }
    expect(await (await fetch(`${server.url}/admin/latency`)).json()).toEqual({ ms: 0 });
  });

  it('rejects a bad latency value with 400 naming ms', async () => {
    for (const bad of [-1, 1.5, 'slow', 600_000]) {
      const res = await setLatency(bad);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'INVALID_PARAMETER', parameter: 'ms' });
    }
  });

  it('honours the latencyMs start option', async () => {
    const slow = await startServiceplatformen({ personer: [PERSON_PLAIN], virksomheder: [], latencyMs: 200, host: '127.0.0.1', port: 0 });
    try {
      const start = performance.now();
      const res = await fetch(`${slow.url}${CPR_PATH}`, {
        method: 'POST',
        headers: soapHeaders('PersonLookup'),
        body: personLookupEnvelope({ invocationContext: CTX, pnr: PERSON_PLAIN.cpr }),
      });
      expect(res.status).toBe(200);
      await res.text();
      expect(performance.now() - start).toBeGreaterThanOrEqual(200);
    } finally {
      await slow.close();
    }
  });
});

describe('health', () => {
  it('answers GET /health', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });
});
