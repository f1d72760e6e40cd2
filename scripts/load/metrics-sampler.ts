/**
 * `LOAD_METRICS=1`: each replica's `/metrics` read twice a second during a scenario, to see what an operation that
 * the fault does not touch waited for — a database pool's pending acquires, a source's bulkhead queue, or the
 * event loop itself (lag p99). One line per sample: `r0 fagsystem 10/10 +3 · gateway-store 4/10 · sp 8+12 · tp 0+0 · lag 41 ms`
 * (pool used/max +pending; source active+queued).
 */
export function sampleMetrics(replicaUrls: () => string[], begin: number, everyMs = 500) {
  const lines: string[] = [];
  let on = true;
  const loop = (async () => {
    while (on) {
      const t = performance.now() - begin;
      const parts = await Promise.all(
        replicaUrls().map(async (url, i) => {
          try {
            const res = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(2_000) });
            return `r${i} ${summarize(await res.text())}`;
          } catch (e) {
            return `r${i} (no answer: ${(e as Error).name})`;
          }
        }),
      );
      lines.push(`  ${(t / 1000).toFixed(1).padStart(5)} s  ${parts.join('  |  ')}`);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop(): Promise<string> {
      on = false;
      await loop;
      return lines.join('\n');
    },
  };
}

function summarize(text: string): string {
  const value = (name: string, labels: Record<string, string>) => {
    const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && want.every((w) => l.includes(w)));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : NaN;
  };
  const pool = (p: string) => {
    const pending = value('gateway_db_pool_connections', { pool: p, state: 'pending' });
    return `${p} ${value('gateway_db_pool_connections', { pool: p, state: 'used' })}/${value('gateway_db_pool_connections', { pool: p, state: 'max' })}${pending ? ` +${pending}` : ''}`;
  };
  const source = (s: string, short: string) =>
    `${short} ${value('gateway_source_bulkhead_calls', { source: s, state: 'active' })}+${value('gateway_source_bulkhead_calls', { source: s, state: 'queued' })}`;
  const lag = text.split('\n').find((l) => l.startsWith('nodejs_eventloop_lag_p99_seconds '));
  return [
    pool('fagsystem'),
    pool('oekonomi'),
    pool('gateway-store'),
    source('serviceplatformen', 'sp'),
    source('tilbudsportalen', 'tp'),
    `lag ${lag ? (Number(lag.split(' ')[1]) * 1000).toFixed(0) : '?'} ms`,
  ].join(' · ');
}
