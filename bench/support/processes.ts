import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * Child processes for the bench: the gateway runs as deployed (its own process, compiled JavaScript when a
 * build exists), and so do the baselines it is compared with — the load generator never shares a process
 * (or an event loop) with what it measures.
 */
export interface Service {
  url: string;
  /** the process id (the analytics bench samples the gateway's RSS from /proc) */
  pid: number;
  /** lines the process wrote to stdout/stderr (counted, not kept: the gateway's request log is discarded) */
  lines(): number;
  /** CPU time (user + system) the process has used so far, in ms (Linux /proc; null elsewhere) */
  cpuMs(): number | null;
  stop(): Promise<void>;
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux architecture the project runs on

function cpuMsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // fields after the parenthesised command name: state is 3rd, utime 14th, stime 15th of the whole line
    const rest = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(rest[11]) + Number(rest[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

/** children still running when the bench exits (e.g. on an error) are ended with it */
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

const ROOT = resolve(import.meta.dirname, '..', '..');

/** `node dist/<path>.js` when the build exists (production), else the TypeScript through tsx. */
export function entryFor(tsPath: string, preferBuild: boolean): { args: string[]; compiled: boolean } {
  const built = resolve(ROOT, 'dist', tsPath.replace(/\.ts$/, '.js'));
  if (preferBuild && existsSync(built)) return { args: [built], compiled: true };
  return { args: ['--import', 'tsx', resolve(ROOT, tsPath)], compiled: false };
}

/**
 * Starts `node <args>` and resolves with the URL once a stdout line matches `ready` (group 1 = URL); `cwd` is this
 * checkout unless given (bench/compare-commits.ts runs other commits' gateways from their own worktrees).
 */
export async function startService(
  name: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 600_000,
  cwd = ROOT,
): Promise<Service> {
  // BENCH_GATEWAY_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"): node flags for the gateway only, to profile it as measured
  const nodeArgs = name.startsWith('gateway') && process.env.BENCH_GATEWAY_NODE_ARGS ? process.env.BENCH_GATEWAY_NODE_ARGS.split(/\s+/).filter(Boolean) : [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let count = 0;
  const tail: string[] = [];
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${name}: not ready within ${timeoutMs / 1000} s`)), timeoutMs);
    const onLine = (line: string) => {
      count++;
      // BENCH_SERVICE_LOG=<prefix>: every line of each service also to <prefix>.<service> (e.g. with DEBUG=knex:query, to see the statements)
      if (process.env.BENCH_SERVICE_LOG) appendFileSync(`${process.env.BENCH_SERVICE_LOG}.${name.replace(/\W+/g, '-')}`, line + '\n');
      tail.push(line);
      if (tail.length > 20) tail.shift();
      const m = ready.exec(line);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${name} exited (${code}) before it was ready:\n${tail.join('\n')}`));
    });
  });
  // a service that dies while measured makes the load generator see "other side closed": say which and why
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`${name} exited while in use (code ${code}, signal ${signal}); its last lines:\n${tail.join('\n')}`);
  });
  return {
    url,
    pid: child.pid!,
    lines: () => count,
    cpuMs: () => cpuMsOf(child.pid),
    async stop() {
      if (child.exitCode !== null) return;
      stopping = true;
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
