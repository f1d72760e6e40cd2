import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A free loopback port (bind to 0, read it, release it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface Started {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** resolves when stdout matches, rejects when the process exits first or the time is up */
  waitFor(re: RegExp, timeoutMs: number): Promise<void>;
  /** resolves with the exit code */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Starts a command as a user would (own process group, so npm's child dies with it). */
export function start(cmd: string, args: string[], opts: { cwd: string; env: Record<string, string> }): Started {
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(re, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}; stdout:\n${out}\nstderr:\n${err}`)), timeoutMs);
        const check = () => {
          if (re.test(out)) {
            clearTimeout(timer);
            child.stdout!.off('data', check);
            resolve();
          }
        };
        child.stdout!.on('data', check);
        void exited.then((code) => {
          clearTimeout(timer);
          if (!re.test(out)) reject(new Error(`exited (${code}) before ${re}; stdout:\n${out}\nstderr:\n${err}`));
        });
        check();
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        return;
      }
      const t = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 15_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** The lines of stderr the gateway wrote (Node's deprecation notices and npm's own "npm error" lines after a failed script left out). */
export function userLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.trim() && !/FastifyDeprecation|trace-warnings|ExperimentalWarning|npm (warn|notice|error)/.test(l));
}
