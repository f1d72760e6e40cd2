import type { FastifyInstance } from 'fastify';
import { markDraining } from './health';

/**
 * SIGTERM/SIGINT: a deploy's drain. New connections are refused, idle kept-alive connections are closed,
 * /readyz answers 503, the requests in flight (and any already sent on an open connection) are answered, and
 * only after `graceMs` are connections still open closed. The reconciliation
 * is told to stop and is not waited for beyond the grace period: a run interrupted here is the job's to
 * report and resume (its run log and fencing, src/reconcile/job). Exit code 0 when the drain completed.
 */
export interface ShutdownOptions {
  app: FastifyInstance;
  graceMs: number;
  /** stop the scheduler and ask a running reconciliation to abort; resolves when it has */
  stopJobs(): Promise<void>;
  /** pools, stand-ins, Redis: after the last request */
  release(): Promise<void>;
  exit?: (code: number) => void;
}

const RELEASE_LIMIT_MS = 5_000;

export function installShutdown(opts: ShutdownOptions): void {
  let started = false;
  const onSignal = (signal: string) => {
    if (started) return;
    started = true;
    void drain(opts, signal);
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
}

export async function drain(opts: ShutdownOptions, signal = 'SIGTERM'): Promise<void> {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const t0 = Date.now();
  opts.app.log.info({ signal, graceMs: opts.graceMs }, 'shutting down: draining in-flight requests');
  markDraining(opts.app);
  const jobs = opts.stopJobs().catch(() => undefined);
  const force = setTimeout(() => {
    opts.app.log.warn({ afterMs: Date.now() - t0 }, 'grace period over: closing remaining connections');
    opts.app.server.closeAllConnections();
  }, opts.graceMs);
  force.unref();
  let code = 0;
  try {
    await opts.app.close();
  } catch {
    code = 1;
  }
  clearTimeout(force);
  opts.app.log.info({ ms: Date.now() - t0 }, 'requests drained');
  // the job gets what is left of the grace period to reach a checkpoint, never more
  const left = Math.max(0, opts.graceMs - (Date.now() - t0));
  await Promise.race([jobs, new Promise((r) => setTimeout(r, left).unref())]);
  // closing pools and stand-ins must not hold the exit up either
  await Promise.race([opts.release().catch(() => undefined), new Promise((r) => setTimeout(r, RELEASE_LIMIT_MS).unref())]);
  opts.app.log.info({ ms: Date.now() - t0 }, 'shut down');
  exit(code);
}
