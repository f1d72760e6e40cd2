import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createServiceplatformenConnector,
  createTransport,
  type HttpFetch,
  type ServiceplatformenConnector,
  type ServiceplatformenConnectorOptions,
} from '../../connectors/serviceplatformen';
import { isSourceError, type SourceError } from '../../connectors/shared/source-error';
import type { InvocationContext } from '../../src/config';
import type { CprPersonRecord } from '../../simulators/model/serviceplatformen';
import { startServiceplatformen, type RunningServer } from '../../simulators/serviceplatformen/server';
import {
  COMPANY_ONE_UNIT,
  COMPANY_WITH_UNITS,
  COMPANY_WITHOUT_UNITS,
  INVOCATION_CONTEXT_FIXTURE as IC,
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

const CONTEXT: InvocationContext = {
  serviceAgreementUuid: IC.ServiceAgreementUUID,
  userSystemUuid: IC.UserSystemUUID,
  userUuid: IC.UserUUID,
  serviceUuidCpr: IC.ServiceUUID,
  serviceUuidCvr: '7d0e3a51-8b2c-4f6d-a1e9-3c5b7d9f1a2e',
};

/** 24 more synthetic people (1–24 January 1980, 7th digit 1 → 1900s), so tests can ask for many distinct CPRs. */
const MANY: CprPersonRecord[] = Array.from({ length: 24 }, (_, i) => ({
  ...PERSON_PLAIN,
  cpr: `${String(i + 1).padStart(2, '0')}01801${String(100 + i).padStart(3, '0')}`,
  fornavn: `Person${i + 1}`,
}));
const ALL_CPRS = [...PERSONER_FIXTURE, ...MANY].map((p) => p.cpr);

let standin: RunningServer;
const open: ServiceplatformenConnector[] = [];

function connector(overrides: Partial<ServiceplatformenConnectorOptions> = {}): ServiceplatformenConnector {
  const c = createServiceplatformenConnector({
    url: standin.url,
    invocationContext: CONTEXT,
    timeoutMs: 5000,
    concurrency: 8,
    cacheTtlSeconds: 0,
    ...overrides,
  });
  open.push(c);
  return c;
}

interface Calls {
  sf1520: number;
  sf1530: number;
  total: number;
  faults: number;
}

async function calls(): Promise<Calls> {
  return (await (await fetch(`${standin.url}/admin/calls`)).json()) as Calls;
}

async function setLatency(ms: number): Promise<void> {
  await fetch(`${standin.url}/admin/latency`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms }) });
}

/** Every message an error carries (message, stack, causes), to prove no CPR is in any of them. */
function everyText(err: unknown): string {
  const parts: string[] = [];
  for (let cur: unknown = err, depth = 0; cur && depth < 6; depth++) {
    const e = cur as { message?: string; stack?: string; cause?: unknown };
    parts.push(String(e.message), String(e.stack), JSON.stringify(cur));
    cur = e.cause;
  }
  return parts.join('\n');
}

async function expectSourceError(p: Promise<unknown>, code: SourceError['code'], cpr?: string): Promise<SourceError> {
  const err = await p.then(
    () => {
      throw new Error(`expected a SourceError ${code}, got a value`);
    },
    (e: unknown) => e,
  );
  expect(isSourceError(err), String(err)).toBe(true);
  expect((err as SourceError).code).toBe(code);
  expect((err as SourceError).source).toBe('serviceplatformen');
  if (cpr) {
    const all = everyText(err);
    expect(all).not.toContain(cpr);
    expect(all).not.toContain(`${cpr.slice(0, 6)}-${cpr.slice(6)}`);
  }
  return err as SourceError;
}

async function tinyServer(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function closedPortUrl(): Promise<string> {
  const s = await tinyServer((_req, res) => res.end());
  await s.close();
  return s.url;
}

/** Wraps the global fetch, counting calls in flight; `max` is the highest number seen at once. */
function countingFetch(): { fetch: HttpFetch; max: () => number; started: () => number } {
  let now = 0;
  let max = 0;
  let started = 0;
  return {
    fetch: async (url, init) => {
      now += 1;
      started += 1;
      max = Math.max(max, now);
      try {
        const res = await fetch(url, init);
        await res.clone().text();
        return res;
      } finally {
        now -= 1;
      }
    },
    max: () => max,
    started: () => started,
  };
}

beforeAll(async () => {
  standin = await startServiceplatformen({ personer: [...PERSONER_FIXTURE, ...MANY], virksomheder: VIRKSOMHEDER_FIXTURE, port: 0 });
});

afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
  await standin?.close();
});

beforeEach(async () => {
  await setLatency(0);
  await fetch(`${standin.url}/admin/reset-calls`, { method: 'POST' });
});

describe('Serviceplatformen connector: SF1520 / SF1530 look-ups', () => {
  it('person look-ups equal the CPR register, including the protected address (flag set) and XML-escaped names', async () => {
    const { person } = connector().forRequest();
    for (const p of [PERSON_PLAIN, PERSON_PROTECTED, PERSON_SPECIAL_CHARS, PERSON_EMIGRATED]) {
      expect(await person.load(p.cpr)).toEqual(p);
    }
    expect((await person.load(PERSON_PROTECTED.cpr))!.adressebeskyttelse).toBe(true);
  });

  it('company look-ups carry their production units (none, one, several), each with the owning CVR', async () => {
    const { virksomhed } = connector().forRequest();
    for (const c of [COMPANY_WITH_UNITS, COMPANY_WITHOUT_UNITS, COMPANY_ONE_UNIT]) {
      expect(await virksomhed.load(c.cvr)).toEqual({ ...c, produktionsenheder: c.produktionsenheder.map((u) => ({ ...u, cvr: c.cvr })) });
    }
  });

  it('production-unit look-ups carry the owning CVR', async () => {
    const { produktionsenhed } = connector().forRequest();
    const unit = COMPANY_WITH_UNITS.produktionsenheder[1]!;
    expect(await produktionsenhed.load(unit.pnummer)).toEqual({ ...unit, cvr: COMPANY_WITH_UNITS.cvr });
  });

  it('unknown CPR, CVR and P-nummer resolve to null (the call is made: only the register knows)', async () => {
    const r = connector().forRequest();
    expect(await r.person.load(UNKNOWN_CPR)).toBeNull();
    expect(await r.virksomhed.load(UNKNOWN_CVR)).toBeNull();
    expect(await r.produktionsenhed.load(UNKNOWN_PNUMMER)).toBeNull();
    expect(await calls()).toMatchObject({ total: 3, faults: 3 });
  });

  it('numbers that cannot exist resolve to null without a billed call', async () => {
    const r = connector().forRequest();
    expect(await r.person.loadMany(['3102801234', 'abc', '12345'])).toEqual([null, null, null]);
    expect(await r.virksomhed.load('12345678')).toBeNull(); // fails modulus 11
    expect(await r.produktionsenhed.load('123')).toBeNull();
    expect((await calls()).total).toBe(0);
  });
});

describe('Serviceplatformen connector: one billed call per distinct number', () => {
  it('50 look-ups of 10 distinct CPRs (some written with a dash) make exactly 10 calls', async () => {
    const ten = ALL_CPRS.slice(0, 10);
    const keys = Array.from({ length: 50 }, (_, i) => {
      const cpr = ten[i % 10]!;
      return i % 3 === 0 ? `${cpr.slice(0, 6)}-${cpr.slice(6)}` : cpr;
    });
    const results = await connector().forRequest().person.loadMany(keys);
    expect((await calls()).sf1520).toBe(10);
    keys.forEach((k, i) => expect((results[i] as { cpr: string }).cpr).toBe(k.replace('-', '')));
  });

  it('concurrent requests share calls in flight (no cache): two requests × 10 CPRs → 10 calls', async () => {
    await setLatency(100);
    const sp = connector({ cacheTtlSeconds: 0 });
    const ten = ALL_CPRS.slice(0, 10);
    const [a, b] = await Promise.all([sp.forRequest().person.loadMany(ten), sp.forRequest().person.loadMany([...ten].reverse())]);
    expect((await calls()).sf1520).toBe(10);
    expect(a.map((p) => (p as { cpr: string }).cpr)).toEqual(ten);
    expect(b.map((p) => (p as { cpr: string }).cpr)).toEqual([...ten].reverse());
  });

  it('never more than `concurrency` calls at once (counting wrapper around fetch)', async () => {
    await setLatency(60);
    const counter = countingFetch();
    const sp = connector({ concurrency: 3, fetch: counter.fetch });
    const twenty = ALL_CPRS.slice(0, 20);
    const results = await Promise.all([sp.forRequest().person.loadMany(twenty), sp.forRequest().virksomhed.loadMany(VIRKSOMHEDER_FIXTURE.map((c) => c.cvr))]);
    expect(results[0].every((p) => p !== null && !(p instanceof Error))).toBe(true);
    expect(counter.started()).toBe(23);
    expect(counter.max()).toBe(3); // the cap is shared by SF1520 and SF1530
    expect((await calls()).total).toBe(23);
  });

  it('with concurrency 1 the calls run one after another (counted, not timed)', async () => {
    await setLatency(50);
    const counter = countingFetch();
    const results = await connector({ concurrency: 1, fetch: counter.fetch }).forRequest().person.loadMany(ALL_CPRS.slice(0, 4));
    expect(results.every((p) => p !== null && !(p instanceof Error))).toBe(true);
    expect(counter.started()).toBe(4);
    expect(counter.max()).toBe(1);
  });
});

describe('Serviceplatformen connector: TTL cache', () => {
  it('answers from cache within the TTL and asks again after it (injected clock)', async () => {
    let now = 1_000_000;
    const sp = connector({ cacheTtlSeconds: 60, clock: () => now });
    const five = ALL_CPRS.slice(0, 5);

    await sp.forRequest().person.loadMany(five);
    expect((await calls()).sf1520).toBe(5);

    now += 59_999;
    const cached = await sp.forRequest().person.loadMany(five);
    expect((await calls()).sf1520).toBe(5);
    expect(cached.map((p) => (p as { cpr: string }).cpr)).toEqual(five);

    now += 1;
    await sp.forRequest().person.loadMany(five);
    expect((await calls()).sf1520).toBe(10);
  });

  it('caches "not in the register" too (the call was billed); companies and units have their own entries', async () => {
    const now = 0;
    const sp = connector({ cacheTtlSeconds: 60, clock: () => now });
    for (let i = 0; i < 2; i++) {
      const r = sp.forRequest();
      expect(await r.person.load(UNKNOWN_CPR)).toBeNull();
      expect(await r.virksomhed.load(COMPANY_ONE_UNIT.cvr)).not.toBeNull();
      expect(await r.produktionsenhed.load(COMPANY_ONE_UNIT.produktionsenheder[0]!.pnummer)).not.toBeNull();
    }
    expect(await calls()).toMatchObject({ sf1520: 1, sf1530: 2 });
  });

  it('TTL 0 means no cache: every request calls', async () => {
    const sp = connector({ cacheTtlSeconds: 0 });
    await sp.forRequest().person.load(PERSON_PLAIN.cpr);
    await sp.forRequest().person.load(PERSON_PLAIN.cpr);
    expect((await calls()).sf1520).toBe(2);
  });

  it('is bounded: past cacheMaxEntries the least recently used answer is dropped', async () => {
    const sp = connector({ cacheTtlSeconds: 60, cacheMaxEntries: 3, clock: () => 0 });
    const four = ALL_CPRS.slice(0, 4);
    for (const cpr of four) await sp.forRequest().person.load(cpr);
    await sp.forRequest().person.load(four[3]!); // cached
    await sp.forRequest().person.load(four[0]!); // evicted → called again
    expect((await calls()).sf1520).toBe(5);
  });

  it('does not cache failures: the next request tries again', async () => {
    await setLatency(400);
    const sp = connector({ cacheTtlSeconds: 60, timeoutMs: 100, clock: () => 0 });
    await expectSourceError(sp.forRequest().person.load(PERSON_PLAIN.cpr), 'SOURCE_TIMEOUT', PERSON_PLAIN.cpr);
    await setLatency(0);
    expect(await sp.forRequest().person.load(PERSON_PLAIN.cpr)).toEqual(PERSON_PLAIN);
  });
});

describe('Serviceplatformen connector: failures become SourceErrors without a CPR in them', () => {
  it('a missing ServiceUUID for CPR (bad config) → SOURCE_AUTH_FAILED; CVR look-ups (their own ServiceUUID) still work', async () => {
    const sp = connector({ invocationContext: { ...CONTEXT, serviceUuidCpr: '' } });
    const err = await expectSourceError(sp.forRequest().person.load(PERSON_PLAIN.cpr), 'SOURCE_AUTH_FAILED', PERSON_PLAIN.cpr);
    expect(err.message).toContain('INVOCATION_CONTEXT_INVALID');
    expect(err.retryable).toBe(false);
    expect(await sp.forRequest().virksomhed.load(COMPANY_ONE_UNIT.cvr)).not.toBeNull();
  });

  it('closed port → SOURCE_UNAVAILABLE (look-up and ping)', async () => {
    const sp = connector({ url: await closedPortUrl() });
    await expectSourceError(sp.forRequest().person.load(PERSON_PLAIN.cpr), 'SOURCE_UNAVAILABLE', PERSON_PLAIN.cpr);
    await expectSourceError(sp.ping(), 'SOURCE_UNAVAILABLE');
  });

  it('ping checks TCP reachability only: no billed SOAP call', async () => {
    await connector().ping();
    expect((await calls()).total).toBe(0);
  });

  it('slower than timeoutMs → SOURCE_TIMEOUT', async () => {
    // the stand-in does answer, correctly, after 500 ms: a SOURCE_TIMEOUT can only come from the connector's
    // own 100 ms limit giving up first (no wall-clock bound, which load on a shared machine would break)
    await setLatency(500);
    await expectSourceError(connector({ timeoutMs: 100 }).forRequest().person.load(PERSON_PLAIN.cpr), 'SOURCE_TIMEOUT', PERSON_PLAIN.cpr);
    await setLatency(0);
    expect(await connector({ timeoutMs: 100 }).forRequest().person.load(PERSON_PLAIN.cpr)).toEqual(PERSON_PLAIN);
  });

  it('one failed call fails only its own key', async () => {
    const failing: HttpFetch = (url, init) =>
      init.body.includes(`>${PERSON_PROTECTED.cpr}<`)
        ? Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }))
        : fetch(url, init);
    const [ok, bad] = await connector({ fetch: failing }).forRequest().person.loadMany([PERSON_PLAIN.cpr, PERSON_PROTECTED.cpr]);
    expect(ok).toEqual(PERSON_PLAIN);
    expect(bad).toBeInstanceOf(Error);
    expect((bad as SourceError).code).toBe('SOURCE_UNAVAILABLE');
    expect(everyText(bad)).not.toContain(PERSON_PROTECTED.cpr);
  });

  it('an answer about another person than asked for → SOURCE_BAD_RESPONSE (results belong to their key)', async () => {
    const body = (await (
      await fetch(`${standin.url}/service/CPR/PersonBaseDataExtended/5`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"PersonLookup"' },
        body: `<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><PersonLookupRequest><InvocationContext><ServiceAgreementUUID>${IC.ServiceAgreementUUID}</ServiceAgreementUUID><UserSystemUUID>${IC.UserSystemUUID}</UserSystemUUID><UserUUID>${IC.UserUUID}</UserUUID><ServiceUUID>${IC.ServiceUUID}</ServiceUUID></InvocationContext><PNR>${PERSON_PLAIN.cpr}</PNR></PersonLookupRequest></e:Body></e:Envelope>`,
      })
    ).text()) as string;
    const wrong = await tinyServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(body); // always PERSON_PLAIN, whoever is asked for
    });
    try {
      const sp = connector({ url: wrong.url });
      const err = await expectSourceError(sp.forRequest().person.load(PERSON_SPECIAL_CHARS.cpr), 'SOURCE_BAD_RESPONSE', PERSON_SPECIAL_CHARS.cpr);
      expect(everyText(err)).not.toContain(PERSON_PLAIN.cpr);
      expect(await sp.forRequest().person.load(PERSON_PLAIN.cpr)).toEqual(PERSON_PLAIN);
    } finally {
      await wrong.close();
    }
  });

  it('garbage, HTML or a changed schema → SOURCE_BAD_RESPONSE without the body in the message', async () => {
    const answers = [
      { status: 200, body: '<html>Bad gateway 1504821235</html>' },
      { status: 200, body: 'not xml at all 1504821235' },
      { status: 502, body: '<html>proxy error 1504821235</html>' },
      // a 5xx is retryable: the connector's resilience policy tries once more, and gets it again
      { status: 502, body: '<html>proxy error 1504821235</html>' },
      {
        status: 200,
        body: `<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><PersonLookupResponse><PNR>1504821235</PNR><Name>x</Name></PersonLookupResponse></e:Body></e:Envelope>`,
      },
    ];
    let i = 0;
    const upstream = await tinyServer((_req, res) => {
      const a = answers[i++]!;
      res.writeHead(a.status, { 'content-type': 'text/xml' });
      res.end(a.body);
    });
    try {
      const sp = connector({ url: upstream.url });
      for (let n = 0; n < answers.length - 1; n++) {
        const err = await expectSourceError(sp.forRequest().person.load(PERSON_PLAIN.cpr), 'SOURCE_BAD_RESPONSE', PERSON_PLAIN.cpr);
        expect(err.message).not.toMatch(/html|proxy|not xml/i);
      }
    } finally {
      await upstream.close();
    }
  });

  it('fails fast on bad options', () => {
    const base = { url: 'http://127.0.0.1:1', invocationContext: CONTEXT, timeoutMs: 1000, concurrency: 2, cacheTtlSeconds: 0 };
    expect(() => createServiceplatformenConnector({ ...base, url: 'nope' })).toThrow(/url/);
    expect(() => createServiceplatformenConnector({ ...base, concurrency: 0 })).toThrow(/concurrency/);
    expect(() => createServiceplatformenConnector({ ...base, cacheTtlSeconds: -1 })).toThrow(/cacheTtlSeconds/);
  });
});

describe('Serviceplatformen connector: client certificate (FOCES/OCES) wiring', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sp-cert-'));
  const files = { certFile: join(dir, 'client.crt'), keyFile: join(dir, 'client.key'), caFile: join(dir, 'ca.crt') };
  writeFileSync(files.certFile, '-----BEGIN CERTIFICATE-----\nTEST-CERT\n-----END CERTIFICATE-----\n');
  writeFileSync(files.keyFile, '-----BEGIN PRIVATE KEY-----\nTEST-KEY\n-----END PRIVATE KEY-----\n');
  writeFileSync(files.caFile, '-----BEGIN CERTIFICATE-----\nTEST-CA\n-----END CERTIFICATE-----\n');

  it('puts cert, key and CA from the files on the TLS agent', () => {
    const t = createTransport(files);
    try {
      expect(String(t.agent!.options.cert)).toContain('TEST-CERT');
      expect(String(t.agent!.options.key)).toContain('TEST-KEY');
      expect(String(t.agent!.options.ca)).toContain('TEST-CA');
    } finally {
      t.close();
    }
    expect(createTransport({}).agent).toBeUndefined();
  });

  it('reads the files when the connector is created: a wrong path or a cert without key stops start-up', () => {
    const base = { url: 'https://sp.example', invocationContext: CONTEXT, timeoutMs: 1000, concurrency: 2, cacheTtlSeconds: 0 };
    expect(() => createServiceplatformenConnector({ ...base, certFile: join(dir, 'missing.crt'), keyFile: files.keyFile })).toThrow(
      /certFile cannot be read: ENOENT/,
    );
    expect(() => createServiceplatformenConnector({ ...base, certFile: files.certFile })).toThrow(/certFile and keyFile/);
  });

  it('the certificate transport speaks the same protocol (look-ups, faults and timeouts over node:http against the stand-in)', async () => {
    const sp = connector({ certFile: files.certFile, keyFile: files.keyFile, caFile: files.caFile });
    const r = sp.forRequest();
    expect(await r.person.load(PERSON_SPECIAL_CHARS.cpr)).toEqual(PERSON_SPECIAL_CHARS);
    expect(await r.person.load(UNKNOWN_CPR)).toBeNull();
    expect(await r.virksomhed.load(COMPANY_WITHOUT_UNITS.cvr)).toMatchObject({ cvr: COMPANY_WITHOUT_UNITS.cvr, produktionsenheder: [] });
    await setLatency(500);
    const slow = connector({ certFile: files.certFile, keyFile: files.keyFile, timeoutMs: 100 });
    await expectSourceError(slow.forRequest().person.load(PERSON_PLAIN.cpr), 'SOURCE_TIMEOUT', PERSON_PLAIN.cpr);
    const down = connector({ certFile: files.certFile, keyFile: files.keyFile, url: await closedPortUrl() });
    await expectSourceError(down.forRequest().person.load(PERSON_PLAIN.cpr), 'SOURCE_UNAVAILABLE', PERSON_PLAIN.cpr);
  });
});
