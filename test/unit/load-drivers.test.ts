import { describe, it, expect } from 'vitest';
import { closedLoop, pacedLoop } from '../../scripts/load/drivers';

/**
 * `npm run load`'s two generators. The paced one must keep its schedule when the service is slow (else a fault
 * row would quietly measure a lighter load than its baseline), and its in-flight bound must count every request
 * it did not send. The truth is the schedule itself: rate × seconds requests, one every 1/rate s.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('load generators', () => {
  it('paced: sends on schedule however slowly requests answer, and times each from its due time', async () => {
    const begin = performance.now();
    const sent: Array<{ n: number; due: number; at: number }> = [];
    const r = await pacedLoop({
      rate: 100,
      seconds: 1,
      begin,
      maxInFlight: 1000,
      fire: async (n, due) => {
        sent.push({ n, due, at: performance.now() });
        await sleep(300); // a service four times slower than a closed loop of 25 clients could keep up with
        return { n, due };
      },
      notSent: () => {
        throw new Error('nothing may be left unsent below the bound');
      },
    });
    expect(r.samples).toHaveLength(100);
    expect(sent.map((s) => s.n)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    // due every 10 ms from the start, sent close to it: the last one ~990 ms in, not after 100 × 300 ms / concurrency
    sent.forEach((s, i) => expect(s.due - begin).toBeCloseTo(i * 10, 6));
    expect(sent[99]!.at - begin).toBeLessThan(1200);
    // 300 ms answers at 100 a second: ~30 outstanding at once (Little's law), not 1 and not 100
    expect(r.peakInFlight).toBeGreaterThanOrEqual(25);
    expect(r.peakInFlight).toBeLessThanOrEqual(40);
  });

  it('paced: a request the in-flight bound holds back is handed over as not sent, never dropped', async () => {
    const notSent: number[] = [];
    const r = await pacedLoop<{ n: number; sent: boolean }>({
      rate: 100,
      seconds: 0.5,
      begin: performance.now(),
      maxInFlight: 10,
      fire: async (n) => {
        await sleep(1000); // a stalled service: nothing answers within the run
        return { n, sent: true };
      },
      notSent: (n) => {
        notSent.push(n);
        return { n, sent: false };
      },
    });
    expect(r.samples).toHaveLength(50);
    expect(r.samples.filter((s) => s.sent).map((s) => s.n)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(notSent).toEqual(Array.from({ length: 40 }, (_, i) => i + 10));
    expect(r.peakInFlight).toBe(10);
  });

  it('closed loop: never more requests outstanding than clients', async () => {
    let outstanding = 0;
    let most = 0;
    const r = await closedLoop({
      clients: 5,
      seconds: 0.3,
      begin: performance.now(),
      fire: async (n) => {
        most = Math.max(most, ++outstanding);
        await sleep(20);
        outstanding--;
        return n;
      },
    });
    expect(most).toBe(5);
    expect(r.peakInFlight).toBe(5);
    // 5 clients × 300 ms / 20 ms each ≈ 75 requests, and each one numbered once
    expect(new Set(r.samples).size).toBe(r.samples.length);
    expect(r.samples.length).toBeGreaterThan(40);
    expect(r.samples.length).toBeLessThanOrEqual(80);
  });
});
