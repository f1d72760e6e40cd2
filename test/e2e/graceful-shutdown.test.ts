import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { describe, it, expect } from 'vitest';
import { generateMunicipality } from '../../simulators/generator';

/**
 * A deploy as the orchestrator does it: the real entry point in its own process, 20 requests in flight
 * (Serviceplatformen made slow, so they are), then SIGTERM. Every request gets its full answer — no
 * ECONNRESET, no 503 for a request already accepted — the process exits 0 within the grace period, and a
 * new connection after the signal is refused.
 */
const ENTRY = join(__dirname, '..', '..', 'src', 'server', 'main.ts');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

describe('SIGTERM', () => {
  it('drains in-flight requests and exits 0', async () => {
    const [port, tp, sp] = [await freePort(), await freePort(), await freePort()];
    // node itself is the process that gets the signal (as PID 1 in the image): the tsx CLI would relay it and
    // kill the gateway before it drained
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
      env: {
        PATH: process.env.PATH!,
        HOME: process.env.HOME ?? '/tmp',
        AUTH_DEV_KEY_DIR: mkdtempSync(join(tmpdir(), 'devkey-')),
        GATEWAY_STORE_DIR: ':memory:',
        LOG_LEVEL: 'debug',
        SIMULATOR_PRESET: 'test',
        PORT: String(port),
        TILBUDSPORTALEN_STANDIN_PORT: String(tp),
        SERVICEPLATFORMEN_STANDIN_PORT: String(sp),
        SERVICEPLATFORMEN_CACHE_TTL_SECONDS: '0',
        SHUTDOWN_GRACE_MS: '10000',
        RECONCILE_INTERVAL_MINUTES: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      const deadline = Date.now() + 120_000;
      while (!/^\s+sagsbehandler\s+\S+$/m.test(stdout) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      const token = /^\s+sagsbehandler\s+(\S+)$/m.exec(stdout)?.[1];
      // the start-up reconciliation shares the process (and, embedded, the CPU): let it finish first
      while (!/"koerselId"/.test(stdout) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(token, stdout + stderr).toBeDefined();
      // every Serviceplatformen look-up now takes 1.5 s: the requests below are in flight when the signal comes
      const lat = await fetch(`http://127.0.0.1:${sp}/admin/latency`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ms: 1500 }),
      });
      expect(lat.status).toBe(200);
      const m = await generateMunicipality({ preset: 'test', seed: 1 });
      const teamCitizens = m.fagsystem.borgere.slice(0, 20).map((b) => b.cpr);
      const url = `http://127.0.0.1:${port}/graphql`;
      const started = teamCitizens.map((cpr) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-formaal': 'SAGSBEHANDLING' },
          body: JSON.stringify({ query: 'query Borgeropslag($c: CPR!) { borger(cpr: $c) { cprRegister { status } } }', variables: { c: cpr } }),
        }).then(
          async (res) => ({ status: res.status, body: (await res.json()) as { data?: unknown; errors?: unknown[] } }),
          (e: unknown) => ({ status: 0, error: String((e as { cause?: { code?: string } }).cause?.code ?? e) }),
        ),
      );
      await new Promise((r) => setTimeout(r, 500));
      const t0 = Date.now();
      child.kill('SIGTERM');
      const results = await Promise.all(started);
      const code = await exited;
      expect(
        results.filter((r) => r.status !== 200),
        JSON.stringify(results.filter((r) => r.status !== 200)) + stdout.slice(-3000) + '\nSTDERR ' + stderr.slice(-3000),
      ).toEqual([]);
      for (const r of results) expect((r as { body: { data?: unknown } }).body.data).toBeDefined();
      expect(code).toBe(0);
      expect(
        Date.now() - t0,
        stdout
          .split('\n')
          .filter((l) => /drain|shut|grace|release|koersel/.test(l))
          .map((l) => l.slice(0, 200))
          .join('\n'),
      ).toBeLessThan(10_000);
      // after the drain nothing listens any more
      const after = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status,
        (e: unknown) => String((e as { cause?: { code?: string } }).cause?.code),
      );
      expect(after).toBe('ECONNREFUSED');
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      child.kill('SIGKILL');
    }
  }, 180_000);
});
