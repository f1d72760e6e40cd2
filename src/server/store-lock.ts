import { closeSync, openSync, readFileSync, unlinkSync, writeSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../config';

/**
 * An exclusive lock on the embedded PGlite store (`<dir>.lock` beside the data directory). PGlite is a
 * single-process database: a second process opening the same directory corrupts it for good (the access log
 * and manual decisions are then lost). The lock file holds the owner's pid; it is created with O_EXCL, so of two
 * starts exactly one wins. A lock whose pid no longer runs (a killed gateway) is stale and taken over.
 *
 * Why not a heartbeat lock (proper-lockfile): seeding the embedded municipality blocks the event loop for
 * seconds at a time, so a heartbeat would go stale while its owner is alive.
 */
export interface StoreLock {
  release(): void;
}

function alive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false; // our own pid: left by an earlier container run
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

function tryCreate(file: string): boolean {
  try {
    const fd = openSync(file, 'wx', 0o600);
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

export function lockStore(dataDir: string, variable = 'GATEWAY_STORE_DIR'): StoreLock {
  const file = `${dataDir.replace(/\/+$/, '')}.lock`;
  mkdirSync(dirname(file), { recursive: true });
  if (!tryCreate(file)) {
    const owner = Number(readFileSync(file, 'utf8').trim());
    if (alive(owner)) throw new ConfigError(variable, `the embedded store ${dataDir} is locked by a running gateway (pid ${owner}); stop it, or give this one its own store with ${variable}`);
    unlinkSync(file); // stale: its owner is gone
    if (!tryCreate(file)) throw new ConfigError(variable, `the embedded store ${dataDir} was locked by another gateway starting at the same moment`);
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    try {
      if (Number(readFileSync(file, 'utf8').trim()) === process.pid) unlinkSync(file);
    } catch {
      /* already gone */
    }
  };
  process.once('exit', release);
  return { release };
}
