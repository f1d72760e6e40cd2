import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { describe, it, expect, vi } from 'vitest';
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
        // every one of the 20 requests has its look-up at the stand-in at once, so the stand-in's count tells
        // when all of them are in flight
        SERVICEPLATFORMEN_CONCURRENCY: '20',
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
      const started = { timeout: 120_000, interval: 100 };
      await vi.waitFor(() => expect(stdout, stderr).toMatch(/^\s+sagsbehandler\s+\S+$/m), started);
      const token = /^\s+sagsbehandler\s+(\S+)$/m.exec(stdout)?.[1];
      // the start-up reconciliation shares the process (and, embedded, the CPU): let it finish first
      await vi.waitFor(() => expect(stdout, stderr).toMatch(/"koerselId"/), started);
      expect(token, stdout + stderr).toBeDefined();
      // every Serviceplatformen look-up now takes 1.5 s: the requests below are in flight when the signal comes
      const lat = await fetch(`http://127.0.0.1:${sp}/admin/latency`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ms: 1500 }),
      });
      expect(lat.status).toBe(200);
      const m = await generateMunicipality({ preset: 'test', seed: 1 });
      // the demo caseworker's token is for the first team: its own citizens are the ones it may look up
      const team = m.fagsystem.teams[0]!.team_id;
      const ofTeam = new Set(m.fagsystem.sager.filter((x) => x.team_id === team).map((x) => x.borger_id));
      const teamCitizens = m.fagsystem.borgere
        .filter((b) => ofTeam.has(b.borger_id))
        .slice(0, 20)
        .map((b) => b.cpr);
      expect(teamCitizens).toHaveLength(20);
      const url = `http://127.0.0.1:${port}/graphql`;
      await fetch(`http://127.0.0.1:${sp}/admin/reset-calls`, { method: 'POST' });
      const inFlight = teamCitizens.map((cpr) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-formaal': 'SAGSBEHANDLING' },
          body: JSON.stringify({ query: 'query Borgeropslag($c: CPR!) { borger(cpr: $c) { cprRegister { status } } }', variables: { c: cpr } }),
        }).then(
          async (res) => ({ status: res.status, body: (await res.json()) as { data?: unknown; errors?: unknown[] } }),
          (e: unknown) => ({ status: 0, error: String((e as { cause?: { code?: string } }).cause?.code ?? e) }),
        ),
      );
      // all 20 are accepted and waiting on the stand-in (it counts a call when it arrives, then delays it)
      const atStandin = async () => ((await (await fetch(`http://127.0.0.1:${sp}/admin/calls`)).json()) as { total: number }).total;
      await vi.waitFor(async () => expect(await atStandin()).toBeGreaterThanOrEqual(teamCitizens.length), { timeout: 60_000, interval: 50 });
      child.kill('SIGTERM');
      const results = await Promise.all(inFlight);
      const code = await exited;
      expect(
        results.filter((r) => r.status !== 200),
        JSON.stringify(results.filter((r) => r.status !== 200)) + stdout.slice(-3000) + '\nSTDERR ' + stderr.slice(-3000),
      ).toEqual([]);
      for (const r of results) expect((r as { body: { data?: unknown } }).body.data).toBeDefined();
      expect(code).toBe(0);
      // drained within the grace period: the gateway's own timer never had to close connections
      expect(
        stdout,
        stdout
          .split('\n')
          .filter((l) => /drain|shut|grace|release|koersel/.test(l))
          .map((l) => l.slice(0, 200))
          .join('\n'),
      ).not.toMatch(/grace period over/);
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
