import { describe, expect, it } from 'vitest';
import { readAhead } from '../../src/analytics/export/read-ahead';

/**
 * The export reads its next database batch while it works on the current one — one batch ahead, never more —
 * and a consumer that stops early closes the source (the cursor's transaction ends), as does a failing fetch.
 */
function source(n: number, events: string[], failAt?: number) {
  return (async function* () {
    try {
      for (let i = 1; i <= n; i++) {
        events.push(`fetch ${i}`);
        await new Promise((r) => setImmediate(r));
        if (i === failAt) throw new Error('cursor failed');
        yield i;
      }
    } finally {
      events.push('closed');
    }
  })();
}

describe('export read-ahead', () => {
  it('fetches batch k + 1 while batch k is processed, and only one ahead', async () => {
    const events: string[] = [];
    for await (const b of readAhead(source(3, events))) {
      events.push(`start ${b}`);
      await new Promise((r) => setTimeout(r, 5));
      events.push(`end ${b}`);
    }
    // the source's end is read ahead too: it is closed while the last batch is still being written
    expect(events).toEqual(['fetch 1', 'fetch 2', 'start 1', 'end 1', 'fetch 3', 'start 2', 'end 2', 'closed', 'start 3', 'end 3']);
  });

  it('a consumer that stops early closes the source after the fetch in flight', async () => {
    const events: string[] = [];
    for await (const b of readAhead(source(5, events))) {
      if (b === 2) break;
    }
    expect(events.at(-1)).toBe('closed');
    expect(events.filter((e) => e.startsWith('fetch'))).toEqual(['fetch 1', 'fetch 2', 'fetch 3']);
  });

  it('a failing fetch ahead surfaces as the export’s error, in order, with no unhandled rejection', async () => {
    const events: string[] = [];
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const b of readAhead(source(5, events, 3))) seen.push(b);
      })(),
    ).rejects.toThrow('cursor failed');
    expect(seen).toEqual([1, 2]);
    expect(events.at(-1)).toBe('closed');
  });
});
