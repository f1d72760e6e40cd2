import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { describe, it, expect } from 'vitest';

/**
 * `npm start` as a user runs it: the real entry point in its own process. With nothing configured it brings
 * up the embedded municipality and both stand-ins and says where everything is; with bad configuration it
 * stops with ONE line naming the variable, and no stack trace.
 */
const ENTRY = join(__dirname, '..', '..', 'src', 'server', 'main.ts');
const TSX = join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function run(
  env: Record<string, string>,
  opts: { until?: RegExp; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string; kill: () => void }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [ENTRY], {
      env: {
        PATH: process.env.PATH!,
        HOME: process.env.HOME ?? '/tmp',
        AUTH_DEV_KEY_DIR: mkdtempSync(join(tmpdir(), 'devkey-')),
        GATEWAY_STORE_DIR: ':memory:',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const done = (code: number | null) => resolve({ code, stdout, stderr, kill: () => child.kill('SIGTERM') });
    const timer = setTimeout(() => done(null), opts.timeoutMs ?? 90_000);
    child.stdout.on('data', (d) => {
      stdout += d;
      if (opts.until?.test(stdout)) {
        clearTimeout(timer);
        done(null);
      }
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => {
      clearTimeout(timer);
      done(code);
    });
  });
}

describe('start-up', () => {
  it('brings up the gateway and all four stand-ins with nothing configured, and prints where they are', async () => {
    const [port, tp, sp] = [await freePort(), await freePort(), await freePort()];
    const r = await run(
      { PORT: String(port), TILBUDSPORTALEN_STANDIN_PORT: String(tp), SERVICEPLATFORMEN_STANDIN_PORT: String(sp), SIMULATOR_PRESET: 'test' },
      { until: /Demo tokens[\s\S]*borgerindsigt/ },
    );
    try {
      expect(r.stdout).toContain(`POST http://127.0.0.1:${port}/graphql`);
      expect(r.stdout).toContain(`http://127.0.0.1:${port}/graphiql`);
      expect(r.stdout).toMatch(/fagsystem:\s+embedded PGlite/);
      expect(r.stdout).toMatch(/economy system:\s+embedded PGlite/);
      expect(r.stdout).toContain(`Tilbudsportalen:   stand-in at http://127.0.0.1:${tp}`);
      expect(r.stdout).toContain(`Serviceplatformen: stand-in at http://127.0.0.1:${sp}`);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const ready = (await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as { sources: Record<string, string> };
      expect(ready.sources).toEqual({ fagsystem: 'ok', oekonomi: 'ok', tilbudsportalen: 'ok', serviceplatformen: 'ok' });
      // a printed demo token works against the real verification path
      const token = /^\s+sagsbehandler\s+(\S+)$/m.exec(r.stdout)![1]!;
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ teams { navn } }' }),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as any).data.teams.length).toBeGreaterThan(0);
    } finally {
      r.kill();
    }
  }, 120_000);

  const oneLine = (stderr: string) => {
    const lines = stderr.split('\n').filter((l) => l.trim() && !/FastifyDeprecation|trace-warnings|ExperimentalWarning/.test(l));
    expect(lines, stderr).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    return lines[0]!;
  };

  it('a bad value stops start-up with one line naming the variable', async () => {
    const r = await run({ PORT: 'eighty' });
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toMatch(/^configuration error: PORT: /);
  });

  it('a missing credential names the variable', async () => {
    const r = await run({ TILBUDSPORTALEN_URL: 'http://127.0.0.1:9' });
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toBe('configuration error: TILBUDSPORTALEN_USERNAME: is required when TILBUDSPORTALEN_URL is set');
  });

  // every source configured, so start-up reaches its checks without building the embedded municipality
  const CLOSED = 'http://127.0.0.1:9';
  const SP_UUIDS = {
    SERVICEPLATFORMEN_SERVICE_AGREEMENT_UUID: '11111111-1111-4111-8111-111111111111',
    SERVICEPLATFORMEN_USER_SYSTEM_UUID: '22222222-2222-4222-8222-222222222222',
    SERVICEPLATFORMEN_USER_UUID: '33333333-3333-4333-8333-333333333333',
    SERVICEPLATFORMEN_SERVICE_UUID_CPR: '44444444-4444-4444-8444-444444444444',
    SERVICEPLATFORMEN_SERVICE_UUID_CVR: '55555555-5555-4555-8555-555555555555',
  };
  const REAL_PG = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

  it('an unreachable database names its URL variable', async () => {
    const port = await freePort();
    const r = await run(
      {
        FAGSYSTEM_DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/nowhere`,
        OEKONOMI_DATABASE_URL: REAL_PG,
        TILBUDSPORTALEN_URL: CLOSED,
        TILBUDSPORTALEN_USERNAME: 'x',
        TILBUDSPORTALEN_PASSWORD: 'y',
        SERVICEPLATFORMEN_URL: CLOSED,
        ...SP_UUIDS,
      },
      { timeoutMs: 90_000 },
    );
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toMatch(/^configuration error: FAGSYSTEM_DATABASE_URL: fagsystem: cannot reach the server/);
  }, 100_000);

  it('bad Tilbudsportalen credentials name the credential variables', async () => {
    const { startTilbudsportalen } = await import('../../simulators/tilbudsportalen/server');
    const tp = await startTilbudsportalen({ tilbud: [], credentials: { username: 'gateway', password: 'right' }, host: '127.0.0.1', port: 0 });
    try {
      const r = await run({
        FAGSYSTEM_DATABASE_URL: REAL_PG,
        OEKONOMI_DATABASE_URL: REAL_PG,
        TILBUDSPORTALEN_URL: tp.url,
        TILBUDSPORTALEN_USERNAME: 'gateway',
        TILBUDSPORTALEN_PASSWORD: 'wrong',
        SERVICEPLATFORMEN_URL: CLOSED,
        ...SP_UUIDS,
      });
      expect(r.code).toBe(1);
      expect(oneLine(r.stderr)).toMatch(
        /^configuration error: TILBUDSPORTALEN_USERNAME\/TILBUDSPORTALEN_PASSWORD: tilbudsportalen: the server rejected the credentials/,
      );
    } finally {
      await tp.close();
    }
  }, 100_000);
});
