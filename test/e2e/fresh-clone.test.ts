import { describe, it, expect, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { freePort, start, userLines, type Started } from '../support/processes';

/**
 * The README's first command as a new user runs it: a fresh `git clone` of the committed HEAD (no .data, nothing
 * built; node_modules hard-linked in place of `npm ci`), then `npm start`. A second `npm start` in the same
 * checkout must refuse at once with one line, and must leave the first gateway and its embedded store intact.
 */
const REPO = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'fresh-clone-'));
const running: Started[] = [];

afterAll(async () => {
  for (const r of running) await r.stop();
  rmSync(dir, { recursive: true, force: true });
});

function baseEnv(ports: { port: number; tp: number; sp: number }): Record<string, string> {
  return {
    PATH: process.env.PATH!,
    HOME: process.env.HOME ?? '/tmp',
    PORT: String(ports.port),
    TILBUDSPORTALEN_STANDIN_PORT: String(ports.tp),
    SERVICEPLATFORMEN_STANDIN_PORT: String(ports.sp),
    // the municipality is smaller than the default demo only to keep the machine's load down; every other setting is the default
    SIMULATOR_PRESET: 'test',
  };
}

async function gql(port: number, token: string, query: string, headers: Record<string, string> = {}) {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers }, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: unknown[] }, transactionId: res.headers.get('x-transaction-id')! };
}

describe('a fresh clone', () => {
  it('starts with `npm start`, refuses a second start at once, and keeps the first one and its store intact', async () => {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
    const clone = join(dir, 'gateway');
    execFileSync('git', ['clone', '--quiet', '--no-checkout', REPO, clone]);
    execFileSync('git', ['-C', clone, 'checkout', '--quiet', head]);
    expect(existsSync(join(clone, '.data'))).toBe(false);
    execFileSync('cp', ['-al', join(REPO, 'node_modules'), join(clone, 'node_modules')]);

    const ports = { port: await freePort(), tp: await freePort(), sp: await freePort() };
    const first = start('npm', ['start'], { cwd: clone, env: baseEnv(ports) });
    running.push(first);
    await first.waitFor(/Demo tokens[\s\S]*borgerindsigt\s+\S+\n/, 240_000);
    expect(userLines(first.stderr())).toEqual([]);

    // progress with timings for each slow step, in order
    const out = first.stdout();
    const steps = [/✓ generating the synthetic municipality .*: \d+ borgere.*, \d+\.\d s/, /✓ seeding the embedded .*: \d+\.\d s/, /✓ starting the stand-ins: \d+\.\d s/];
    let at = 0;
    for (const re of steps) {
      const m = re.exec(out.slice(at));
      expect(m, `${re} after position ${at} in:\n${out}`).not.toBeNull();
      at += m!.index + m![0].length;
    }
    await first.waitFor(/✓ first reconciliation: \w+, \d+\.\d s/, 240_000);

    const ready = await fetch(`http://127.0.0.1:${ports.port}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { status: string }).status).toBe('ready');

    // a citizen read is logged in the embedded store (the thing a corrupted store would lose)
    const token = (role: string) => new RegExp(`^\\s+${role}\\s+(\\S+)$`, 'm').exec(first.stdout())![1]!;
    const read = await gql(ports.port, token('sagsbehandler'), '{ borgere(first: 1) { nodes { cpr } } }', { 'x-formaal': 'SAGSBEHANDLING' });
    expect(read.status).toBe(200);
    const cpr = read.body.data.borgere.nodes[0].cpr as string;

    // a second start in the same checkout: same ports → one line naming PORT, before any slow work
    const second = start('npm', ['start'], { cwd: clone, env: baseEnv(ports) });
    running.push(second);
    expect(await second.exited).toBe(1);
    const line2 = userLines(second.stderr());
    expect(line2, second.stderr()).toHaveLength(1);
    expect(line2[0]).toMatch(new RegExp(`^configuration error: PORT: 127\\.0\\.0\\.1:${ports.port} .*in use`));
    expect(second.stdout()).not.toMatch(/generating/);

    // on free ports but the same checkout → one line naming the locked store, before any slow work
    const third = start('npm', ['start'], { cwd: clone, env: baseEnv({ port: await freePort(), tp: await freePort(), sp: await freePort() }) });
    running.push(third);
    expect(await third.exited).toBe(1);
    const line3 = userLines(third.stderr());
    expect(line3, third.stderr()).toHaveLength(1);
    expect(line3[0]).toMatch(/^configuration error: GATEWAY_STORE_DIR: the embedded store \.data\/gateway-store is locked by a running gateway \(pid \d+\)/);
    expect(third.stdout()).not.toMatch(/generating/);

    // the first keeps working
    const again = await gql(ports.port, token('borgerindsigt'), `{ adgangslog(cpr: "${cpr}") { transaktionsId } }`, { 'x-formaal': 'BORGERINDSIGT' });
    expect(again.status).toBe(200);
    expect(again.body.data.adgangslog.map((p: { transaktionsId: string }) => p.transaktionsId)).toContain(read.transactionId);

    // and after it stops, its store opens cleanly with the logged read in it (checked with SQL, not through the gateway)
    await first.stop();
    const db = new PGlite({ dataDir: join(clone, '.data', 'gateway-store') });
    try {
      const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM adgangslog WHERE transaktions_id = $1 AND cpr = $2', [read.transactionId, cpr]);
      expect(rows.rows[0]!.n).toBe(1);
    } finally {
      await db.close();
    }
  }, 600_000);
});
