import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect, afterAll } from 'vitest';
import { generateMunicipality, serialiseManifest } from '../../simulators/generator';
import { createTempDatabase, type TempDatabase } from '../support/postgres';

/**
 * The simulator CLIs as a user runs them (`npm run generate`, `npm run seed`): a good run writes the
 * same manifest the library generates and loads the databases; a bad argument gives one line naming it
 * and exit code 2, never a stack trace.
 */
const root = join(import.meta.dirname, '..', '..');
const run = (script: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'simulators', 'cli', script), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, FAGSYSTEM_DATABASE_URL: '', OEKONOMI_DATABASE_URL: '', ...env },
    timeout: 120_000,
  });
const dirs: string[] = [];
const temps: TempDatabase[] = [];

afterAll(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  for (const t of temps) await t.drop();
});

describe('npm run generate', () => {
  it('writes the canonical manifest for the preset and seed and prints counts without personal data', () => {
    const out = mkdtempSync(join(tmpdir(), 'generate-'));
    dirs.push(out);
    const r = run('generate.ts', ['--preset', 'test', '--seed', '9', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const expected = generateMunicipality({ preset: 'test', seed: 9 });
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(serialiseManifest(expected.manifest));
    expect(r.stdout).toContain('oekonomi.posteringer');
    for (const b of expected.fagsystem.borgere.slice(0, 50)) {
      expect(r.stdout).not.toContain(b.cpr);
      expect(r.stdout).not.toContain(b.adresse);
    }
  });

  it.each([
    [['--seed', 'abc'], '--seed'],
    [['--preset', 'huge'], '--preset'],
    [['--as-of', '2026-02-30'], '--as-of'],
    [['--colour', 'blue'], '--colour'],
  ])('rejects %j with one line naming the argument and exit code 2', (args, named) => {
    const r = run('generate.ts', args);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(named);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe('npm run seed', () => {
  it('names the missing database URL with exit code 2', () => {
    const r = run('seed.ts', ['--preset', 'test']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--fagsystem-url');
  });

  it('loads both databases from the environment URLs and reports times, counts and sizes', async () => {
    const fag = await createTempDatabase('cli_fag');
    const oek = await createTempDatabase('cli_oek');
    temps.push(fag, oek);
    const r = run('seed.ts', ['--preset', 'test', '--seed', '4'], { FAGSYSTEM_DATABASE_URL: fag.url, OEKONOMI_DATABASE_URL: oek.url });
    expect(r.status, r.stderr).toBe(0);
    const m = generateMunicipality({ preset: 'test', seed: 4 });
    expect(r.stdout).toMatch(/fagsystem \(PostgreSQL .*\) loaded in [\d.]+ s, size \d+ \w+/);
    expect(r.stdout).toMatch(new RegExp(`postering\\s+${m.oekonomi.posteringer.length.toLocaleString('en-US')}\\b`));
    expect(r.stdout).toMatch(new RegExp(`borger\\s+${m.fagsystem.borgere.length.toLocaleString('en-US')}\\b`));
  });
});
