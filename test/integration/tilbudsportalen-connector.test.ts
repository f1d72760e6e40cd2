import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTilbudsportalenConnector, type TilbudsportalenConnector } from '../../connectors/tilbudsportalen';
import { isSourceError, type SourceError } from '../../connectors/shared/source-error';
import type { Tilbud } from '../../src/domain/model';
import type { TilbudRecord } from '../../simulators/model/tilbudsportalen';
import { startTilbudsportalen, type RunningServer } from '../../simulators/tilbudsportalen/server';
import { TILBUD_CVR_A, TILBUD_CVR_B, TILBUD_FIXTURE } from '../fixtures/tilbudsportalen';

const CREDENTIALS = { username: 'gateway', password: 'test-secret' };

/** 1200 generated departments (3 per offer) on top of the hand-written fixture, so batches can be large. */
function manyTilbud(count: number): TilbudRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const tilbudsid = 20_000 + Math.floor(i / 3);
    const afdelingsid = (i % 3) + 1;
    return {
      tilbudsid,
      afdelingsid,
      tilbudsnavn: `Tilbud ${tilbudsid}`,
      afdelingsnavn: `Tilbud ${tilbudsid}, afdeling ${afdelingsid}`,
      tilbudstype: 'mobilt (udgående) tilbud',
      cvr: i % 2 ? TILBUD_CVR_A : TILBUD_CVR_B,
      pnummer: String(2_000_000_000 + i),
      adresse: `Generatorvej ${i}`,
      postnummer: '9500',
      bynavn: 'Hobro',
      paragraffer: ['85'],
      pladser: 10,
      maalgrupper: ['angst'],
      // "12.5" and "900" are what a register might write; the connector hands out two decimals
      takster: [{ aar: 2024, paragraf: '85', ydelseskode: null, enhed: 'TIME', takst: i % 2 ? '12.5' : '900' }],
      opdateret: `2024-0${1 + (i % 9)}-01T00:00:00Z`,
    };
  });
}

const GENERATED = manyTilbud(1200);
const ALL = [...TILBUD_FIXTURE, ...GENERATED];
const keyOf = (t: { tilbudsid: number; afdelingsid: number }) => `${t.tilbudsid}:${t.afdelingsid}`;

let standin: RunningServer;
let tp: TilbudsportalenConnector;

async function requests(): Promise<number> {
  const res = await fetch(`${standin.url}/admin/stats`);
  return ((await res.json()) as { requests: number }).requests;
}

async function expectSourceError(p: Promise<unknown>, code: SourceError['code']): Promise<SourceError> {
  const err = await p.then(
    () => {
      throw new Error(`expected a SourceError ${code}, got a value`);
    },
    (e: unknown) => e,
  );
  expect(isSourceError(err), String(err)).toBe(true);
  expect((err as SourceError).code).toBe(code);
  expect((err as SourceError).source).toBe('tilbudsportalen');
  return err as SourceError;
}

/** A throwaway HTTP server on a free port; `handler` decides what the "upstream" does. */
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

function connector(overrides: Partial<Parameters<typeof createTilbudsportalenConnector>[0]> = {}) {
  return createTilbudsportalenConnector({ url: standin.url, ...CREDENTIALS, timeoutMs: 5000, ...overrides });
}

beforeAll(async () => {
  standin = await startTilbudsportalen({ tilbud: ALL, credentials: CREDENTIALS, port: 0 });
  tp = connector();
});

afterAll(async () => {
  await tp?.close();
  await standin?.close();
});

beforeEach(async () => {
  await fetch(`${standin.url}/admin/reset-stats`, { method: 'POST' });
});

describe('Tilbudsportalen connector: batching by key', () => {
  it('loads 300 departments by (tilbudsid, afdelingsid) in ONE list call, out of order, with duplicates and unknown keys', async () => {
    const wanted = GENERATED.slice(0, 300).reverse();
    const keys = [...wanted.map(keyOf), ...wanted.slice(0, 20).map(keyOf), '424242:1', '20000:9'];
    const { afdeling } = tp.forRequest();

    const results = await Promise.all(keys.map((k) => afdeling.load(k)));

    expect(await requests()).toBe(1);
    keys.forEach((k, i) => {
      const r = results[i];
      if (k === '424242:1' || k === '20000:9') expect(r).toBeNull();
      else expect(r && keyOf(r)).toBe(k);
    });
  });

  it('loads 300 departments by P-nummer in ONE list call, results by key', async () => {
    const wanted = GENERATED.slice(300, 600);
    const shuffled = [...wanted].sort((a, b) => b.pnummer.localeCompare(a.pnummer));
    const { afdelingByPnummer } = tp.forRequest();

    const results = await afdelingByPnummer.loadMany([...shuffled.map((t) => t.pnummer), '1999999999']);

    expect(await requests()).toBe(1);
    shuffled.forEach((t, i) => expect((results[i] as Tilbud).pnummer).toBe(t.pnummer));
    expect(results[300]).toBeNull();
  });

  it('splits 1200 keys into the minimum of ceil(1200 / 500) = 3 calls', async () => {
    const { afdeling } = tp.forRequest();
    const results = await afdeling.loadMany(GENERATED.map(keyOf));
    expect(await requests()).toBe(3);
    expect(results.map((r) => keyOf(r as Tilbud))).toEqual(GENERATED.map(keyOf));
  });

  it('maps the record exactly: takster as two-decimal strings, opdateret as UTC ISO', async () => {
    const engen3 = TILBUD_FIXTURE.find((t) => keyOf(t) === '1001:3')!;
    const [fixtureTilbud, generated] = await tp.forRequest().afdeling.loadMany(['1001:3', keyOf(GENERATED[1]!)]);
    expect(fixtureTilbud).toEqual({ ...engen3, opdateret: '2024-06-30T21:59:59.000Z' });
    expect((generated as Tilbud).takster[0]!.takst).toBe('12.50');
    expect((await tp.forRequest().afdeling.load(keyOf(GENERATED[0]!)))!.takster[0]!.takst).toBe('900.00');
  });

  it('a P-nummer shared by two departments resolves to the first in (tilbudsid, afdelingsid) order', async () => {
    const t = await tp.forRequest().afdelingByPnummer.load('1020304050');
    expect(keyOf(t!)).toBe('1001:1');
  });

  it('treats "007:01" as 7:1 and answers keys that cannot exist with null without a call', async () => {
    const { afdeling, afdelingByPnummer } = tp.forRequest();
    expect(keyOf((await afdeling.load('04012:010'))!)).toBe('4012:10');
    await fetch(`${standin.url}/admin/reset-stats`, { method: 'POST' });
    expect(await afdeling.loadMany(['x:1', '0:1', ''])).toEqual([null, null, null]);
    expect(await afdelingByPnummer.load('12345')).toBeNull();
    expect(await requests()).toBe(0);
  });

  it('loaders live per request: a second request asks again', async () => {
    await tp.forRequest().afdeling.load('1001:1');
    await tp.forRequest().afdeling.load('1001:1');
    expect(await requests()).toBe(2);
  });
});

describe('Tilbudsportalen connector: all()', () => {
  it('returns every record exactly once in ceil(total / 500) calls', async () => {
    const seen: string[] = [];
    for await (const page of tp.all()) seen.push(...page.map(keyOf));
    expect(seen).toHaveLength(ALL.length);
    expect(new Set(seen)).toEqual(new Set(ALL.map(keyOf)));
    expect(await requests()).toBe(Math.ceil(ALL.length / 500));
  });

  it('with updatedSince returns only records changed at or after it', async () => {
    const since = '2024-06-30T23:59:59+02:00';
    const expected = ALL.filter((t) => Date.parse(t.opdateret) >= Date.parse(since)).map(keyOf);
    const seen: string[] = [];
    for await (const page of tp.all({ updatedSince: since })) seen.push(...page.map(keyOf));
    expect(seen.sort()).toEqual(expected.sort());
    expect(seen).toContain('1001:3'); // >= includes the same instant
  });

  it('rejects an updatedSince without offset before calling', async () => {
    const iterate = async () => {
      for await (const _ of tp.all({ updatedSince: '2024-01-01T00:00:00' })) void _;
    };
    await expect(iterate()).rejects.toThrow(TypeError);
    expect(await requests()).toBe(0);
  });
});

describe('Tilbudsportalen connector: failures become SourceErrors', () => {
  it('ping succeeds with one call', async () => {
    await tp.ping();
    expect(await requests()).toBe(1);
  });

  it('wrong password → SOURCE_AUTH_FAILED (ping and loaders)', async () => {
    const bad = connector({ password: 'wrong' });
    await expectSourceError(bad.ping(), 'SOURCE_AUTH_FAILED');
    const err = await expectSourceError(bad.forRequest().afdeling.load('1001:1'), 'SOURCE_AUTH_FAILED');
    expect(err.retryable).toBe(false);
  });

  it('closed port → SOURCE_UNAVAILABLE', async () => {
    const down = connector({ url: await closedPortUrl() });
    const err = await expectSourceError(down.forRequest().afdeling.load('1001:1'), 'SOURCE_UNAVAILABLE');
    expect(err.retryable).toBe(true);
    await expectSourceError(down.ping(), 'SOURCE_UNAVAILABLE');
  });

  it('a server slower than timeoutMs → SOURCE_TIMEOUT', async () => {
    let answered = false;
    const slow = await tinyServer((_req, res) => {
      setTimeout(() => {
        answered = true;
        res.end('{}');
      }, 2000).unref();
    });
    try {
      await expectSourceError(connector({ url: slow.url, timeoutMs: 100 }).ping(), 'SOURCE_TIMEOUT');
      // the connector gave up before the server answered (an ordering, not a wall-clock bound)
      expect(answered).toBe(false);
    } finally {
      await slow.close();
    }
  });

  it('a body that stalls after the headers → SOURCE_TIMEOUT', async () => {
    const stalling = await tinyServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"items":[');
    });
    try {
      await expectSourceError(connector({ url: stalling.url, timeoutMs: 150 }).ping(), 'SOURCE_TIMEOUT');
    } finally {
      await stalling.close();
    }
  });

  it('garbage instead of JSON → SOURCE_BAD_RESPONSE without the upstream body in the message', async () => {
    const secret = 'UPSTREAM-BODY-1504821235';
    const garbage = await tinyServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`<html>${secret}</html>`);
    });
    try {
      const err = await expectSourceError(connector({ url: garbage.url }).ping(), 'SOURCE_BAD_RESPONSE');
      expect(err.message).not.toContain(secret);
      expect(JSON.stringify({ ...err, message: err.message, stack: err.stack })).not.toContain(secret);
    } finally {
      await garbage.close();
    }
  });

  it('JSON of the wrong shape → SOURCE_BAD_RESPONSE naming the field, not its value', async () => {
    const changed = await tinyServer((_req, res) => {
      const item = { ...TILBUD_FIXTURE[0], takster: [{ ...TILBUD_FIXTURE[0]!.takster[0], takst: 41250.5 }] };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items: [item], page: 1, pageSize: 500, total: 1, nextPage: null }));
    });
    try {
      const err = await expectSourceError(connector({ url: changed.url }).forRequest().afdeling.load('4012:10'), 'SOURCE_BAD_RESPONSE');
      expect(err.message).toContain('items[0].takster[0].takst');
      expect(err.message).not.toContain('41250');
    } finally {
      await changed.close();
    }
  });

  it('429 → SOURCE_RATE_LIMITED; 500 → SOURCE_BAD_RESPONSE (retryable) without the body', async () => {
    let status = 429;
    const upstream = await tinyServer((_req, res) => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end('stack trace with SECRET-DETAIL');
    });
    try {
      await expectSourceError(connector({ url: upstream.url }).ping(), 'SOURCE_RATE_LIMITED');
      status = 500;
      const err = await expectSourceError(connector({ url: upstream.url }).ping(), 'SOURCE_BAD_RESPONSE');
      expect(err.retryable).toBe(true);
      expect(err.message).toContain('HTTP 500');
      expect(err.message).not.toContain('SECRET');
    } finally {
      await upstream.close();
    }
  });

  it('a page that does not move forward → SOURCE_BAD_RESPONSE instead of an endless walk', async () => {
    const looping = await tinyServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items: [], page: 1, pageSize: 500, total: 10, nextPage: 1 }));
    });
    try {
      const iterate = async () => {
        for await (const _ of connector({ url: looping.url }).all()) void _;
      };
      await expect(iterate()).rejects.toMatchObject({ code: 'SOURCE_BAD_RESPONSE' });
    } finally {
      await looping.close();
    }
  });

  it('fails fast on bad options', () => {
    expect(() => createTilbudsportalenConnector({ url: 'not a url', ...CREDENTIALS, timeoutMs: 1000 })).toThrow(/url/);
    expect(() => createTilbudsportalenConnector({ url: standin.url, username: 'x', password: '', timeoutMs: 1000 })).toThrow(/password/);
  });
});
