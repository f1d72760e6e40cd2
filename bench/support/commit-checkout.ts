import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Another commit of this repository, checked out beside this one (`git worktree add --detach` into a temp dir)
 * with its gateway ready to start: node_modules are this checkout's (a symlink) when every package the commit's
 * lock file names is locked here at the same version, else installed there with `npm ci`; the gateway entry is
 * compiled inside that worktree with the same esbuild command as `npm run build:js` (so its own sources and
 * schema files resolve), or run through tsx when `tsx` is asked for (the same for every commit compared).
 */
export interface Checkout {
  commit: string;
  short: string;
  subject: string;
  dir: string;
  /** node arguments that start the gateway, relative to `dir` */
  args: string[];
  run: 'compiled' | 'tsx';
  modules: 'symlink' | 'npm ci';
  remove(): void;
}

const ROOT = resolve(import.meta.dirname, '..', '..');
const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();

type LockPackages = Record<string, { version?: string }>;
const lockPackages = (text: string): LockPackages => (JSON.parse(text) as { packages?: LockPackages }).packages ?? {};

/** Packages of `commit`'s lock file that this checkout's lock does not have at the same version. */
function lockDifferences(commit: string): string[] {
  const here = lockPackages(git('show', 'HEAD:package-lock.json'));
  const there = lockPackages(git('show', `${commit}:package-lock.json`));
  return Object.entries(there)
    .filter(([path, p]) => path !== '' && here[path]?.version !== p.version)
    .map(([path, p]) => `${path}@${p.version ?? '?'}`);
}

export function checkoutCommit(ref: string, run: 'compiled' | 'tsx'): Checkout {
  const commit = git('rev-parse', '--verify', `${ref}^{commit}`);
  const short = commit.slice(0, 7);
  const subject = git('log', '-1', '--format=%s', commit);
  const dir = mkdtempSync(join(tmpdir(), `bench-ab-${short}-`));
  git('worktree', 'add', '--detach', '--quiet', dir, commit);
  const remove = () => {
    try {
      git('worktree', 'remove', '--force', dir);
    } catch {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    const differences = lockDifferences(commit);
    let modules: Checkout['modules'] = 'symlink';
    if (!differences.length && existsSync(join(ROOT, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    else {
      modules = 'npm ci';
      execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
    }
    if (run === 'tsx') return { commit, short, subject, dir, args: ['--import', 'tsx', 'src/server/main.ts'], run, modules, remove };
    execFileSync(
      join(dir, 'node_modules', '.bin', 'esbuild'),
      [
        'src/server/main.ts',
        '--bundle',
        '--platform=node',
        '--format=esm',
        '--target=node22',
        '--packages=external',
        '--sourcemap',
        '--outbase=.',
        '--outdir=dist',
        '--log-level=warning',
      ],
      { cwd: dir, stdio: 'inherit' },
    );
    // the bundle finds the SDL and the operations beside it, as `npm run build:js` lays them out
    for (const d of ['schema', 'operations']) if (existsSync(join(dir, d))) cpSync(join(dir, d), join(dir, 'dist', d), { recursive: true });
    return { commit, short, subject, dir, args: ['dist/src/server/main.js'], run, modules, remove };
  } catch (e) {
    remove();
    throw e;
  }
}
