/**
 * The two ways `npm run load` sends requests.
 *
 * Closed loop: N clients, each sending its next request as soon as the last one answered — the rate is whatever
 * the service manages, so it runs saturated and its latency is mostly queueing. Used to measure capacity.
 *
 * Paced (open loop): requests are sent on a fixed schedule, one every 1/rate seconds, whether or not earlier ones
 * have answered — as users arrive in production. A request is timed from the moment the schedule says it is due,
 * not from when it was actually sent, so a generator that fell behind cannot hide the delay (coordinated omission).
 * In-flight requests are bounded so a stalled service cannot grow the generator's memory without end; a request
 * not sent because of the bound is handed to `notSent` and counted, never silently skipped.
 */

export interface DriveResult<S> {
  samples: S[];
  /** most requests outstanding at once */
  peakInFlight: number;
  /** paced: the latest a request was sent after its due time, ms (the generator's own lag; 0 for a closed loop) */
  worstLagMs: number;
}

export async function closedLoop<S>(o: {
  clients: number;
  seconds: number;
  begin: number;
  /** request n; `due` is when it started (performance.now()) */
  fire: (n: number, due: number) => Promise<S>;
}): Promise<DriveResult<S>> {
  const samples: S[] = [];
  const end = o.begin + o.seconds * 1000;
  let next = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  await Promise.all(
    Array.from({ length: o.clients }, async () => {
      while (performance.now() < end) {
        inFlight++;
        peakInFlight = Math.max(peakInFlight, inFlight);
        samples.push(await o.fire(next++, performance.now()));
        inFlight--;
      }
    }),
  );
  return { samples, peakInFlight, worstLagMs: 0 };
}

export async function pacedLoop<S>(o: {
  /** requests a second */
  rate: number;
  seconds: number;
  begin: number;
  maxInFlight: number;
  /** request n, due at `due` (performance.now()); must not reject */
  fire: (n: number, due: number) => Promise<S>;
  /** request n, due at `due`, not sent: `maxInFlight` requests were outstanding */
  notSent: (n: number, due: number) => S;
}): Promise<DriveResult<S>> {
  const samples: S[] = [];
  const outstanding = new Set<Promise<void>>();
  const total = Math.floor(o.rate * o.seconds);
  let peakInFlight = 0;
  let worstLagMs = 0;
  for (let n = 0; n < total; n++) {
    const due = o.begin + (n * 1000) / o.rate;
    const wait = due - performance.now();
    // timers fire no finer than ~1 ms: a request due within that goes now (and one overdue goes at once)
    if (wait > 1) await sleep(wait);
    worstLagMs = Math.max(worstLagMs, performance.now() - due);
    if (outstanding.size >= o.maxInFlight) {
      samples.push(o.notSent(n, due));
      continue;
    }
    const p: Promise<void> = o
      .fire(n, due)
      .then((s) => void samples.push(s))
      .finally(() => outstanding.delete(p));
    outstanding.add(p);
    peakInFlight = Math.max(peakInFlight, outstanding.size);
  }
  await Promise.all(outstanding);
  return { samples, peakInFlight, worstLagMs };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
