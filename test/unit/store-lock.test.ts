import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockStore } from '../../src/server/store-lock';

/** The embedded store's lock: one owner at a time; a lock left by a process that is gone is taken over. */
describe('embedded store lock', () => {
  it('refuses while another live process holds it, naming the store and the variable', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'lock-')), 'store');
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(`${dir}.lock`, `${other.pid}\n`);
      expect(() => lockStore(dir)).toThrow(new RegExp(`GATEWAY_STORE_DIR: the embedded store .*store is locked by a running gateway \\(pid ${other.pid}\\)`));
    } finally {
      other.kill();
    }
  });

  it('takes over a lock whose owner is gone, and releases only its own', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'lock-')), 'store');
    const gone = spawn('true');
    await new Promise((r) => gone.on('exit', r));
    writeFileSync(`${dir}.lock`, `${gone.pid}\n`);
    const lock = lockStore(dir);
    expect(readFileSync(`${dir}.lock`, 'utf8').trim()).toBe(String(process.pid));
    expect(() => lockStore(join(dir, '..', 'store'))).not.toThrow(); // our own pid counts as stale (a restarted container is pid 1 again)
    lock.release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });
});
