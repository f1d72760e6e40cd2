import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { Redis } from 'ioredis';
import { startTestStack, type TestStack } from '../support/gateway';
import { startOwnRedis, freePort, type OwnRedis } from '../support/own-redis';
import { insuredRateLimiter, REDIS_CLIENT_OPTIONS } from '../../src/access/limits/insured-rate-limiter';
import { setupAccess } from '../../src/access/setup';
import { loadConfig } from '../../src/config';

/**
 * Redis is not a single point of failure: with its own redis-server killed (never the shared one), citizen
 * reads go on — the caps count per replica meanwhile — with one warning line for the outage, not one per
 * request, and no stack trace; the shared count resumes when Redis is back; the gateway starts without it. A Redis
 * that stops answering without closing its connections (paused) holds a read for a moment, not until it is back.
 */
let s: TestStack;
let redis: OwnRedis;
let client: Redis;
const lines: string[] = [];
const prefix = `gw:rl:test-${process.pid}-${Date.now()}`;

beforeAll(async () => {
  redis = await startOwnRedis();
  // the gateway's own client options (src/access/setup), reconnecting sooner than its default backoff
  client = new Redis(redis.url, { ...REDIS_CLIENT_OPTIONS, retryStrategy: (n) => Math.min(n * 50, 200) });
  const limiter = insuredRateLimiter(client, { keyPrefix: prefix });
  s = await startTestStack({ rateLimiter: limiter, logStream: { write: (m: string) => void lines.push(m) } });
  limiter.onRedisState(s.app.log);
}, 180_000);
afterAll(async () => {
  client?.disconnect();
  await redis?.stop();
  await s?.close();
});

const borgerQuery = 'query Borgeropslag($c: CPR!) { borger(cpr: $c) { fornavn } }';
/** the answer, or a failure naming how long it was waited for (a read that hangs must fail the test, not time it out) */
const within = <T>(ms: number, p: Promise<T>): Promise<T> =>
  Promise.race([p, new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`no answer within ${ms} ms`)), ms))]);

describe('Redis down', () => {
  it('citizen reads continue with one warning, and the shared count resumes when Redis is back', async () => {
    const cprs = s.municipality.fagsystem.borgere.slice(0, 12);
    const first = await s.graphql(borgerQuery, { c: cprs[0]!.cpr });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.borger.fornavn).toBe(cprs[0]!.fornavn);
    expect((await client.keys(`${prefix}*`)).length).toBeGreaterThan(0);

    await redis.kill();
    await vi.waitFor(() => expect(client.status).not.toBe('ready'), { timeout: 30_000 }); // the client saw the connection go
    for (const b of cprs.slice(1, 11)) {
      const res = await s.graphql(borgerQuery, { c: b.cpr });
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.borger.fornavn).toBe(b.fornavn);
    }
    const warnings = lines.filter((l) => l.includes('Redis (REDIS_URL) is unreachable'));
    expect(warnings).toHaveLength(1);
    expect(lines.join('\n')).not.toMatch(/\n\s+at |"stack":"[^"]/);
    expect(lines.filter((l) => /INTERNAL_SERVER_ERROR|resolver failed/.test(l))).toEqual([]);

    await redis.start();
    await vi.waitFor(() => expect(client.status).toBe('ready'), { timeout: 30_000 });
    await vi.waitFor(() => expect(lines.some((l) => l.includes('Redis (REDIS_URL) is reachable again'))).toBe(true), { timeout: 30_000 });
    const again = await s.graphql(borgerQuery, { c: cprs[11]!.cpr });
    expect(again.body.errors).toBeUndefined();
    // counted in Redis again (it came back empty)
    expect((await client.keys(`${prefix}*`)).length).toBeGreaterThan(0);
  });

  it('a Redis that stops answering (paused, connections open) holds citizen reads for a moment, not until it is back', async () => {
    const cprs = s.municipality.fagsystem.borgere.slice(12, 24);
    await vi.waitFor(() => expect(client.status).toBe('ready'), { timeout: 30_000 });
    const warningsBefore = lines.filter((l) => l.includes('Redis (REDIS_URL) is unreachable')).length;
    redis.pause();
    try {
      // before: the client stayed 'ready' on the silent connection and this read waited for Redis to come back
      const first = await within(5_000, s.graphql(borgerQuery, { c: cprs[0]!.cpr }));
      expect(first.body.errors).toBeUndefined();
      expect(first.body.data.borger.fornavn).toBe(cprs[0]!.fornavn);
      // the silent connection is given up (socketTimeout): later reads count locally at once instead of waiting on it
      await vi.waitFor(() => expect(client.status).not.toBe('ready'), { timeout: 5_000 });
      for (const b of cprs.slice(1, 11)) {
        const res = await within(2_000, s.graphql(borgerQuery, { c: b.cpr }));
        expect(res.body.errors).toBeUndefined();
        expect(res.body.data.borger.fornavn).toBe(b.fornavn);
      }
      expect(lines.filter((l) => l.includes('Redis (REDIS_URL) is unreachable')).length).toBe(warningsBefore + 1);
    } finally {
      redis.resume();
    }
    await vi.waitFor(() => expect(client.status).toBe('ready'), { timeout: 30_000 });
    const sharedCount = async () => {
      const keys = await client.keys(`${prefix}*`);
      return keys.length ? (await client.mget(keys)).reduce((sum, v) => sum + Number(v ?? 0), 0) : 0;
    };
    const countedBefore = await sharedCount();
    const again = await s.graphql(borgerQuery, { c: cprs[11]!.cpr });
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data.borger.fornavn).toBe(cprs[11]!.fornavn);
    // the one citizen read is counted in Redis again: the shared count resumed
    expect(await sharedCount()).toBe(countedBefore + 1);
    expect(lines.filter((l) => /INTERNAL_SERVER_ERROR|resolver failed/.test(l))).toEqual([]);
  });

  it('a count waits for a silent Redis only a moment, even before the client gives the connection up', async () => {
    // a client that would notice the silence only after 10 minutes: the wait is the limiter's own, not socketTimeout's
    const slowToNotice = new Redis(redis.url, { ...REDIS_CLIENT_OPTIONS, socketTimeout: 600_000 });
    const limiter = insuredRateLimiter(slowToNotice, { keyPrefix: `${prefix}-silent` });
    try {
      await vi.waitFor(() => expect(slowToNotice.status).toBe('ready'), { timeout: 30_000 });
      expect(await limiter.add('citizens:u1', 2)).toBe(2);
      redis.pause();
      try {
        // before: this count waited until Redis came back (the test would fail here after 5 s)
        expect(await within(5_000, limiter.add('citizens:u1', 1))).toBe(1); // counted locally meanwhile
        expect(slowToNotice.status).toBe('ready'); // the connection was not given up: the limiter did not wait for it
      } finally {
        redis.resume();
      }
      // the late shared count lands when Redis answers again: 2 + 1 (the cap errs on the strict side)
      await vi.waitFor(async () => expect(Number(await slowToNotice.get(`${prefix}-silent:citizens:u1`))).toBe(3), { timeout: 10_000 });
    } finally {
      slowToNotice.disconnect();
    }
  });

  it('the gateway starts with Redis unreachable and counts locally', async () => {
    const dead = await freePort();
    // a start that waited for Redis would never get past this line (the test's own timeout fails it)
    const access = await setupAccess(loadConfig({ REDIS_URL: `redis://127.0.0.1:${dead}`, AUTH_DEV_KEY_DIR: `/tmp/devkey-redis-${process.pid}` }));
    try {
      expect(await access.rateLimiter.add(`${prefix}:local`, 2)).toBe(2);
      expect(await access.rateLimiter.add(`${prefix}:local`, 3)).toBe(5);
    } finally {
      await access.close();
    }
  });
});
