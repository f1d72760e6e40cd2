import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEV_AUDIENCE, DEV_ISSUER, loadOrCreateDevKey } from '../../src/access/auth/dev-key';
import { createVerifier } from '../../src/access/auth/verifier';

/** `npm run token` as the README documents it: a token the gateway accepts, or one line saying what is missing. */
const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const run = (args: string[], env: Record<string, string>) =>
  promisify(execFile)(TSX, ['scripts/token.ts', ...args], { cwd: ROOT, env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...env } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

describe('npm run token', () => {
  it('--role sagsbehandler (no --team) prints a token the gateway accepts, for the demo team', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'token-'));
    const r = await run(['--role', 'sagsbehandler'], { AUTH_DEV_KEY_DIR: dir });
    expect(r.code).toBe(0);
    const token = r.stdout.trim().split('\n').at(-1)!;
    const key = await loadOrCreateDevKey(dir);
    const principal = await createVerifier({ localJwks: [key.publicJwk], issuer: DEV_ISSUER, audience: DEV_AUDIENCE })(`Bearer ${token}`);
    expect(principal.roles).toEqual(['sagsbehandler']);
    expect((principal as unknown as { teamId: number }).teamId).toBe(1);
  }, 60_000);

  it('refuses with one line when the team cannot be guessed (a real fagsystem is configured)', async () => {
    const r = await run(['--role', 'leder'], {
      AUTH_DEV_KEY_DIR: mkdtempSync(join(tmpdir(), 'token-')),
      FAGSYSTEM_DATABASE_URL: 'postgres://x@127.0.0.1:1/none',
    });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^token: --role leder needs --enhed/)]);
    expect(r.stdout).toBe('');
  }, 60_000);
});
