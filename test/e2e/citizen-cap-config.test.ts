import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, afterAll } from 'vitest';
import { parse } from 'csv-parse/sync';
import { generateMunicipality } from '../../simulators/generator';
import { freePort, start, userLines, type Started } from '../support/processes';

/**
 * The per-minute citizen caps are configured per role (CITIZEN_LIMIT_PER_MINUTE_<ROLE>): the real entry point in
 * its own process, configured only through the environment as an operator would, asked over HTTP with the demo
 * tokens it prints. A configured cap governs that role and no other; a bad value stops start-up with one line
 * naming the variable. The truth is the generator's ledger (the embedded municipality is the `test` preset).
 */
const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const ENTRY = join(ROOT, 'src', 'server', 'main.ts');
const started: Started[] = [];
afterAll(async () => {
  for (const s of started) await s.stop();
});

function gateway(env: Record<string, string>): Started {
  const s = start(TSX, [ENTRY], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH!,
      HOME: process.env.HOME ?? '/tmp',
      AUTH_DEV_KEY_DIR: mkdtempSync(join(tmpdir(), 'devkey-')),
      GATEWAY_STORE_DIR: ':memory:',
      LOG_LEVEL: 'warn',
      SIMULATOR_PRESET: 'test',
      RECONCILE_INTERVAL_MINUTES: '0',
      ...env,
    },
  });
  started.push(s);
  return s;
}

describe('per-role citizen caps from the configuration', () => {
  it('CITIZEN_LIMIT_PER_MINUTE_OEKONOMI=25 refuses economy staff the ledger export, while bi (default cap) exports all of it', async () => {
    const [port, tp, sp] = [await freePort(), await freePort(), await freePort()];
    const g = gateway({
      PORT: String(port),
      TILBUDSPORTALEN_STANDIN_PORT: String(tp),
      SERVICEPLATFORMEN_STANDIN_PORT: String(sp),
      CITIZEN_LIMIT_PER_MINUTE_OEKONOMI: '25',
    });
    await g.waitFor(/Demo tokens[\s\S]*borgerindsigt\s+\S+/, 150_000);
    const token = (role: string) => new RegExp(`^\\s+${role}\\s+(\\S+)$`, 'm').exec(g.stdout())![1]!;
    const ledger = (await generateMunicipality({ preset: 'test', seed: 1 })).oekonomi.posteringer;
    // the ledger names far more citizens than the configured cap (and fewer than the default 20,000)
    expect(new Set(ledger.flatMap((p) => (p.cpr ? [p.cpr] : []))).size).toBeGreaterThan(25);

    const exportAs = (role: string, formaal: string) =>
      fetch(`http://127.0.0.1:${port}/export/posteringer.csv`, { headers: { authorization: `Bearer ${token(role)}`, 'x-formaal': formaal } });
    const refused = await exportAs('oekonomi', 'OEKONOMI');
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'CITIZEN_LIMIT_PER_MINUTE', limit: 25 });
    expect(body.errors[0]!.message).toContain('more than 25 citizens');

    const complete = await exportAs('bi', 'ANALYSE');
    expect(complete.status).toBe(200);
    const rows = parse(await complete.text(), { delimiter: ';', bom: true, columns: true }) as unknown[];
    expect(rows).toHaveLength(ledger.length);
  }, 200_000);

  for (const [value, why] of [
    ['many', /must be a whole number of citizens a minute/],
    ['99999999', /must be at most 10,000,000 citizens a minute/],
  ] as const) {
    it(`CITIZEN_LIMIT_PER_MINUTE_BI=${value} stops start-up with one line naming the variable`, async () => {
      const g = gateway({ CITIZEN_LIMIT_PER_MINUTE_BI: value });
      expect(await g.exited).toBe(1);
      const lines = userLines(g.stderr());
      expect(lines, g.stderr()).toHaveLength(1);
      expect(lines[0]).toMatch(/^configuration error: CITIZEN_LIMIT_PER_MINUTE_BI: /);
      expect(lines[0]).toMatch(why);
      expect(g.stderr()).not.toMatch(/\n\s+at /); // no stack trace
    }, 60_000);
  }
});
