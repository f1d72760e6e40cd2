import type { Redis } from 'ioredis';

/**
 * Fixed-window counters per key and minute. With Redis (REDIS_URL) the count is shared by every replica
 * behind the load balancer; without it each process counts alone (a single embedded gateway).
 */
export interface RateLimiter {
  /** Adds n and returns the count in the current window (including n). */
  add(key: string, n: number): Promise<number>;
}

export function memoryRateLimiter(clock: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { window: number; count: number }>();
  return {
    async add(key, n) {
      const window = Math.floor(clock() / 60_000);
      const cur = windows.get(key);
      const next = cur && cur.window === window ? { window, count: cur.count + n } : { window, count: n };
      windows.set(key, next);
      if (windows.size > 10_000) for (const [k, v] of windows) if (v.window < window) windows.delete(k);
      return next.count;
    },
  };
}

export function redisRateLimiter(redis: Redis, clock: () => number = Date.now): RateLimiter {
  return {
    async add(key, n) {
      const window = Math.floor(clock() / 60_000);
      const k = `gw:rl:${key}:${window}`;
      const [[, count]] = (await redis.multi().incrby(k, n).expire(k, 120).exec()) as [[null, number], [null, number]];
      return count;
    },
  };
}
