import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimiter } from './rate-limiter';

/**
 * The citizen caps' counter with Redis shared by every replica, insured by a local in-memory limiter
 * (rate-limiter-flexible's insuranceLimiter): while Redis is down or not yet reachable each replica counts
 * alone — caps still hold per replica, reads continue — and the shared count resumes when Redis is back.
 * Redis being down is reported once per outage (`onRedisState`), never once per request.
 */
// the caps themselves are checked by the caller (src/access/request-access) on the returned count, so the
// limiter only counts: its own limit is set out of reach
const COUNT_ONLY = Number.MAX_SAFE_INTEGER;
const WINDOW_SECONDS = 60;

export interface RedisStateLog {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export function insuredRateLimiter(redis: Redis, opts: { keyPrefix?: string } = {}): RateLimiter & { onRedisState(log: RedisStateLog): void } {
  const insurance = new RateLimiterMemory({ points: COUNT_ONLY, duration: WINDOW_SECONDS, keyPrefix: opts.keyPrefix ?? 'gw:rl' });
  const shared = new RateLimiterRedis({
    storeClient: redis,
    points: COUNT_ONLY,
    duration: WINDOW_SECONDS,
    keyPrefix: opts.keyPrefix ?? 'gw:rl',
    // do not wait for a reconnecting Redis: count locally at once
    rejectIfRedisNotReady: true,
    insuranceLimiter: insurance,
  });
  let log: RedisStateLog | undefined;
  let down = redis.status !== 'ready';
  let reported = false;
  const report = () => {
    if (!log) return;
    if (down && !reported) {
      reported = true;
      log.warn({ redis: 'unavailable' }, 'Redis (REDIS_URL) is unreachable: citizen caps count per replica until it is back');
    } else if (!down && reported) {
      reported = false;
      log.info({ redis: 'ready' }, 'Redis (REDIS_URL) is reachable again: citizen caps are shared by every replica');
    }
  };
  // ioredis emits 'error' on every reconnect attempt: the state, not the event, is what is reported
  redis.on('error', () => {
    down = true;
    report();
  });
  redis.on('end', () => {
    down = true;
    report();
  });
  redis.on('ready', () => {
    down = false;
    report();
  });
  return {
    async add(key, n) {
      try {
        return (await shared.consume(key, n)).consumedPoints;
      } catch (e) {
        // a RateLimiterRes rejection cannot happen below COUNT_ONLY; anything else is reported as a failure
        if (e instanceof RateLimiterRes) return e.consumedPoints;
        throw e;
      }
    },
    onRedisState(l) {
      log = l;
      report();
    },
  };
}
