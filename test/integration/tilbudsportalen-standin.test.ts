import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TilbudRecord } from '../../simulators/model/tilbudsportalen';
import { startTilbudsportalen, type RunningServer } from '../../simulators/tilbudsportalen/server';
import { TILBUD_CVR_A, TILBUD_CVR_B, TILBUD_FIXTURE, tilbudInApiOrder } from '../fixtures/tilbudsportalen';

const CREDENTIALS = { username: 'gateway', password: 'test-secret' };

interface ListBody {
  items: TilbudRecord[];
  page: number;
  pageSize: number;
  total: number;
  nextPage: number | null;
}

let server: RunningServer;

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

async function get(path: string, authorization: string | null = basic(CREDENTIALS.username, CREDENTIALS.password)) {
  const res = await fetch(`${server.url}${path}`, { headers: authorization ? { authorization } : {} });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

async function requestCount(): Promise<number> {
  const res = await fetch(`${server.url}/admin/stats`);
  return ((await res.json()) as { requests: number }).requests;
}

const keyOf = (r: TilbudRecord) => `${r.tilbudsid}:${r.afdelingsid}`;

beforeAll(async () => {
  server = await startTilbudsportalen({ tilbud: TILBUD_FIXTURE, credentials: CREDENTIALS, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await server?.close();
});

beforeEach(async () => {
  await fetch(`${server.url}/admin/reset-stats`, { method: 'POST' });
});

describe('Tilbudsportalen stand-in: Basic auth', () => {
  it('answers 401 with a Basic challenge when credentials are missing', async () => {
    const res = await get('/api/v1/tilbud', null);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm="Tilbudsportalen"/);
    expect(res.body).toMatchObject({ error: 'UNAUTHORIZED' });
    expect(typeof res.body.message).toBe('string');
  });

  it('answers 401 on a wrong password, a wrong username and a non-Basic scheme', async () => {
    for (const authorization of [
      basic(CREDENTIALS.username, 'wrong'),
      basic('someone-else', CREDENTIALS.password),
      basic(CREDENTIALS.username, `${CREDENTIALS.password}x`),
      'Bearer abc',
      'Basic !!!',
    ]) {
      const res = await get('/api/v1/tilbud', authorization);
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm="Tilbudsportalen"/);
      expect(res.body.error).toBe('UNAUTHORIZED');
    }
  });

  it('checks credentials before parameters: a bad parameter without credentials is 401, not 400', async () => {
    expect((await get('/api/v1/tilbud?page=0', null)).status).toBe(401);
    expect((await get('/api/v1/tilbud/abc/afdelinger/1', basic('x', 'y'))).status).toBe(401);
  });

  it('protects the detail route and unknown /api paths too, and leaves /health open', async () => {
    expect((await get('/api/v1/tilbud/1001/afdelinger/1', null)).status).toBe(401);
    expect((await get('/api/v2/whatever', null)).status).toBe(401);
    expect((await get('/api/v2/whatever')).status).toBe(404);
    const health = await get('/health', null);
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
  });
});

describe('Tilbudsportalen stand-in: one department', () => {
  it('returns the fixture record by (tilbudsid, afdelingsid)', async () => {
    const expected = TILBUD_FIXTURE.find((r) => r.tilbudsid === 2500 && r.afdelingsid === 1)!;
    const res = await get('/api/v1/tilbud/2500/afdelinger/1');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expected);
  });

  it('answers 404 NOT_FOUND for unknown ids', async () => {
    for (const path of ['/api/v1/tilbud/2500/afdelinger/2', '/api/v1/tilbud/123456/afdelinger/1']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.body.error).toBe('NOT_FOUND');
      expect(typeof res.body.message).toBe('string');
    }
  });

  it('answers 400 naming the id that is not numeric', async () => {
    const a = await get('/api/v1/tilbud/abc/afdelinger/1');
    expect(a.status).toBe(400);
    expect(a.body).toMatchObject({ error: 'INVALID_PARAMETER', parameter: 'tilbudsid' });
    expect(a.body.message).toContain('tilbudsid');
    const b = await get('/api/v1/tilbud/2500/afdelinger/1x');
    expect(b.status).toBe(400);
    expect(b.body).toMatchObject({ error: 'INVALID_PARAMETER', parameter: 'afdelingsid' });
  });
});

describe('Tilbudsportalen stand-in: list, pagination and filters', () => {
  it('walks all pages: every record exactly once, in (tilbudsid, afdelingsid) order, nextPage null at the end', async () => {
    const seen: TilbudRecord[] = [];
    let page: number | null = 1;
    let pages = 0;
    while (page !== null) {
      const res = await get(`/api/v1/tilbud?page=${page}&pageSize=3`);
      expect(res.status).toBe(200);
      const body = res.body as ListBody;
      expect(body.total).toBe(TILBUD_FIXTURE.length);
      expect(body.page).toBe(page);
      expect(body.pageSize).toBe(3);
      expect(body.items.length).toBeLessThanOrEqual(3);
      seen.push(...body.items);
      pages += 1;
      page = body.nextPage;
    }
    expect(pages).toBe(Math.ceil(TILBUD_FIXTURE.length / 3));
    expect(seen).toEqual(tilbudInApiOrder());
    expect(new Set(seen.map(keyOf)).size).toBe(TILBUD_FIXTURE.length);
  });

  it('returns the whole register on one default page, and an empty page past the end', async () => {
    const all = (await get('/api/v1/tilbud')).body as ListBody;
    expect(all).toMatchObject({ page: 1, pageSize: 100, total: TILBUD_FIXTURE.length, nextPage: null });
    expect(all.items).toEqual(tilbudInApiOrder());
    const past = (await get('/api/v1/tilbud?page=99&pageSize=5')).body as ListBody;
    expect(past).toMatchObject({ items: [], page: 99, total: TILBUD_FIXTURE.length, nextPage: null });
  });

  it('ends exactly on a full page with nextPage null', async () => {
    const last = (await get(`/api/v1/tilbud?page=1&pageSize=${TILBUD_FIXTURE.length}`)).body as ListBody;
    expect(last.items).toHaveLength(TILBUD_FIXTURE.length);
    expect(last.nextPage).toBeNull();
  });

  it('filters by updatedSince (opdateret >= the timestamp, offsets honoured)', async () => {
    const since = '2024-01-01T00:00:00Z';
    const expected = tilbudInApiOrder(TILBUD_FIXTURE.filter((r) => Date.parse(r.opdateret) >= Date.parse(since)));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(TILBUD_FIXTURE.length);
    const res = await get(`/api/v1/tilbud?updatedSince=${encodeURIComponent(since)}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(expected);
    expect(res.body.total).toBe(expected.length);

    // 2024-06-30T23:59:59+02:00 is 21:59:59Z: included from 21:59:59Z, excluded from 22:00:00Z
    const withOffset = TILBUD_FIXTURE.find((r) => r.opdateret.endsWith('+02:00'))!;
    const incl = await get(`/api/v1/tilbud?updatedSince=${encodeURIComponent('2024-06-30T21:59:59Z')}`);
    expect(incl.body.items.map(keyOf)).toContain(keyOf(withOffset));
    const excl = await get(`/api/v1/tilbud?updatedSince=${encodeURIComponent('2024-07-01T00:00:00+02:00')}`);
    expect(excl.body.items.map(keyOf)).not.toContain(keyOf(withOffset));
  });

  it('looks up a batch by ids in one call, ignoring unknown keys', async () => {
    const wanted = ['4012:10', '1001:3', '333:1', '777:1'];
    const res = await get(`/api/v1/tilbud?ids=${wanted.join(',')}`);
    expect(res.status).toBe(200);
    const expected = tilbudInApiOrder(TILBUD_FIXTURE.filter((r) => wanted.includes(keyOf(r))));
    expect(expected).toHaveLength(3);
    expect(res.body.items).toEqual(expected);
    expect(res.body.total).toBe(3);
  });

  it('looks up a batch by pnummer, and combines filters with AND', async () => {
    const pnumre = ['1020304050', '1099887767', '1012345678'];
    const res = await get(`/api/v1/tilbud?pnummer=${pnumre.join(',')}`);
    const expected = tilbudInApiOrder(TILBUD_FIXTURE.filter((r) => pnumre.includes(r.pnummer)));
    expect(expected.length).toBe(4); // 1020304050 has two departments
    expect(res.body.items).toEqual(expected);

    const combined = await get(`/api/v1/tilbud?pnummer=${pnumre.join(',')}&cvr=${TILBUD_CVR_B}&updatedSince=2024-01-01T00:00:00Z`);
    const expectedCombined = tilbudInApiOrder(
      TILBUD_FIXTURE.filter((r) => pnumre.includes(r.pnummer) && r.cvr === TILBUD_CVR_B && Date.parse(r.opdateret) >= Date.parse('2024-01-01T00:00:00Z')),
    );
    expect(expectedCombined.length).toBeGreaterThan(0);
    expect(combined.body.items).toEqual(expectedCombined);
  });

  it('filters by a list of CVR numbers', async () => {
    const res = await get(`/api/v1/tilbud?cvr=${TILBUD_CVR_A}`);
    expect(res.body.items).toEqual(tilbudInApiOrder(TILBUD_FIXTURE.filter((r) => r.cvr === TILBUD_CVR_A)));
    const both = await get(`/api/v1/tilbud?cvr=${TILBUD_CVR_A},${TILBUD_CVR_B}`);
    expect(both.body.total).toBe(TILBUD_FIXTURE.length);
  });

  it.each([
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['page=1.5', 'page'],
    ['pageSize=0', 'pageSize'],
    ['pageSize=501', 'pageSize'],
    ['pageSize=-3', 'pageSize'],
    ['updatedSince=yesterday', 'updatedSince'],
    ['updatedSince=2024-01-01T00:00:00', 'updatedSince'],
    ['updatedSince=2024-02-30T00:00:00Z', 'updatedSince'],
    ['updatedSince=2024-01-01T00:00:00+01:00', 'updatedSince'], // '+' not percent-encoded arrives as a space
    ['ids=4012', 'ids'],
    ['ids=4012:x', 'ids'],
    ['ids=', 'ids'],
    ['pnummer=123', 'pnummer'],
    ['cvr=1234', 'cvr'],
    ['page=1&page=2', 'page'],
    ['pagesize=10', 'pagesize'],
  ])('answers 400 naming the parameter for ?%s', async (query, parameter) => {
    const res = await get(`/api/v1/tilbud?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('INVALID_PARAMETER');
    expect(res.body.parameter).toBe(parameter);
    expect(res.body.message).toContain(parameter);
  });

  it('accepts pageSize 500 (the cap)', async () => {
    const res = await get('/api/v1/tilbud?pageSize=500');
    expect(res.status).toBe(200);
    expect(res.body.pageSize).toBe(500);
  });
});

describe('Tilbudsportalen stand-in: request counter', () => {
  it('counts every /api request (rejected ones too) and not /health or /admin', async () => {
    expect(await requestCount()).toBe(0);
    await get('/api/v1/tilbud?ids=4012:10,1001:3');
    await get('/api/v1/tilbud/2500/afdelinger/1');
    await get('/api/v1/tilbud', null); // 401
    await get('/api/v1/tilbud?page=0'); // 400
    await get('/health');
    expect(await requestCount()).toBe(4);
    const reset = await fetch(`${server.url}/admin/reset-stats`, { method: 'POST' });
    expect(await reset.json()).toEqual({ requests: 0 });
    expect(await requestCount()).toBe(0);
  });
});
