import type { Redis, RedisOptions } from 'ioredis';
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

/**
 * The Redis client options the insured limiter relies on (src/access/setup). A Redis that stops answering
 * without closing the connection (a paused or hung server, a network partition) would otherwise keep the client
 * 'ready' and every citizen read waiting on its counter for good: `socketTimeout` ends a connection that sent
 * nothing back for 500 ms (a counter answers in well under 1 ms), after which the client reconnects and the
 * limiter counts locally at once (`rejectIfRedisNotReady`). `maxRetriesPerRequest: 0`: a command in flight when
 * the connection drops fails then and is counted locally, instead of waiting for a reconnect attempt (ECONNREFUSED,
 * ~50–170 ms) or, when the reconnect reaches a server that still does not answer, until Redis is back.
 */
export const REDIS_CLIENT_OPTIONS = {
  maxRetriesPerRequest: 0,
  enableOfflineQueue: false,
  connectTimeout: 2_000,
  socketTimeout: 500,
} as const satisfies RedisOptions;

export interface RedisStateLog {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/**
 * How long a read waits for the shared count before it counts locally: Redis answers in well under a millisecond,
 * so a count still open after this is a Redis that has gone silent, and every citizen read would otherwise wait
 * for the client to notice (socketTimeout, 500 ms). The shared count still lands when Redis answers (the cap
 * errs on the strict side: counted in both).
 */
export const SHARED_COUNT_WAIT_MS = 50;

const pointsOf = (e: unknown): number => {
  // a RateLimiterRes rejection cannot happen below COUNT_ONLY; anything else is reported as a failure
  if (e instanceof RateLimiterRes) return e.consumedPoints;
  throw e;
};

export function insuredRateLimiter(
  redis: Redis,
  opts: { keyPrefix?: string; sharedWaitMs?: number } = {},
): RateLimiter & { onRedisState(log: RedisStateLog): void } {
  const sharedWaitMs = opts.sharedWaitMs ?? SHARED_COUNT_WAIT_MS;
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
      const sharedCount = shared.consume(key, n).then((r) => r.consumedPoints, pointsOf);
      sharedCount.catch(() => undefined); // settles after the race when Redis answers late: not unhandled
      let timer: NodeJS.Timeout | undefined;
      const localCount = new Promise<number>((resolve, reject) => {
        timer = setTimeout(
          () =>
            insurance.consume(key, n).then(
              (r) => resolve(r.consumedPoints),
              (e: unknown) => {
                try {
                  resolve(pointsOf(e));
                } catch (err) {
                  reject(err);
                }
              },
            ),
          sharedWaitMs,
        );
      });
      try {
        return await Promise.race([sharedCount, localCount]);
      } finally {
        clearTimeout(timer);
      }
    },
    onRedisState(l) {
      log = l;
      report();
    },
  };
}
