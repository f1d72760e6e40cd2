import { loadavg } from 'node:os';
import type { DriveResult } from './drivers';

/** One request as `npm run load` counts it. */
export interface Sample {
  op: string;
  /** when it was due, ms from the scenario's start */
  t: number;
  /** from due to answer (0 when not sent) */
  ms: number;
  /** no error outside the faulted source's fields */
  ok: boolean;
  /** ok, with errors of the faulted source only */
  faultedOnly: boolean;
  /** no error at all */
  clean: boolean;
  /** failed only by a source (not the faulted one) answering after its timeout */
  timeout: boolean;
  /** paced: held back by the in-flight bound (counts as failed) */
  notSent: boolean;
}

export type Mode = { kind: 'closed'; clients: number } | { kind: 'paced'; rate: number; maxInFlight: number };

export const modeLabel = (m: Mode) =>
  m.kind === 'closed' ? `closed ${String(m.clients).padStart(3)} clients` : `paced ${m.rate.toFixed(0).padStart(4)} req/s`;

export interface Scenario extends DriveResult<Sample> {
  /** ms from the scenario's start; -1 without a fault */
  faultOn: number;
  faultOff: number;
}

export const throughput = (r: Scenario) => r.samples.filter((s) => !s.notSent).length / (Math.max(...r.samples.map((s) => s.t + s.ms)) / 1000);

export function p95(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!;
}

/**
 * The printed line of one scenario: requests, failed requests outside the faulted source's fields, p95 per
 * operation, the worst p95 ratio of the operations the fault never touched against `baseline` (the same mode's
 * baseline), and recovery — from the fault's end to the affected operations' last unclean answer.
 */
export function row(o: {
  name: string;
  mode: Mode;
  scenario: Scenario;
  ops: readonly string[];
  /** p95 per operation of the same mode's baseline; none: this is the baseline */
  baseline: Record<string, number> | undefined;
  /** operations the fault touches whatever their answers say (every one reads PostgreSQL): never "unaffected" */
  touched?: readonly string[];
}) {
  const { name, mode, scenario: r, ops, baseline } = o;
  const failed = r.samples.filter((s) => !s.ok).length;
  const timeouts = r.samples.filter((s) => !s.ok && s.timeout).length;
  const notSent = r.samples.filter((s) => s.notSent).length;
  const sent = r.samples.filter((s) => !s.notSent);
  const byOp: Record<string, number> = {};
  for (const op of ops) byOp[op] = p95(sent.filter((s) => s.op === op).map((s) => s.ms));
  // affected: an operation that answered an error of the fault (or failed), or that the fault touches by definition —
  // a PostgreSQL reconnect hidden by a retry slows every operation without an error to show for it
  const affectedOps = new Set([...r.samples.filter((s) => s.faultedOnly || !s.ok).map((s) => s.op), ...(o.touched ?? [])]);
  const unaffected = ops.filter((op) => !affectedOps.has(op));
  const base = baseline ?? byOp;
  const worst = unaffected.length ? Math.max(...unaffected.map((op) => byOp[op]! / base[op]!)) : NaN;
  let recovery = '–';
  if (r.faultOff >= 0) {
    const afterOff = r.samples.filter((s) => s.t >= r.faultOff);
    const lastDirty = Math.max(r.faultOff, ...afterOff.filter((s) => affectedOps.has(s.op) && !s.clean).map((s) => s.t + s.ms));
    recovery = `${((lastDirty - r.faultOff) / 1000).toFixed(1)} s`;
  }
  const slowest = Math.max(0, ...sent.map((s) => s.ms));
  return {
    byOp,
    line:
      `${name.padEnd(34)} ${modeLabel(mode)} ${String(r.samples.length).padStart(6)} req ${throughput(r).toFixed(0).padStart(4)} req/s  ` +
      `failed ${String(failed).padStart(3)} (timeouts ${timeouts}, not sent ${notSent})  ` +
      `p95 ${ops.map((op) => `${op} ${byOp[op]!.toFixed(0)}`).join(' · ')} ms  slowest ${slowest.toFixed(0)} ms  ` +
      `unaffected p95 ≤ ${Number.isNaN(worst) ? '–' : `${worst.toFixed(2)}×`} baseline  recovery ${recovery}  ` +
      `in flight ≤ ${r.peakInFlight}${mode.kind === 'paced' ? `  sent late ≤ ${r.worstLagMs.toFixed(0)} ms` : ''}  load ${loadavg()[0]!.toFixed(1)}`,
  };
}

/**
 * `LOAD_TIMELINE=1`: the scenario second by second (by due time) — requests, failed, p95 of what was sent — to
 * tell a fault's own cost from what happens around it (a replica's restart, a source's recovery).
 */
export function timeline(r: Scenario): string {
  const seconds = Math.ceil(Math.max(...r.samples.map((s) => s.t)) / 1000);
  const marks = (sec: number) =>
    (r.faultOn >= 0 && Math.floor(r.faultOn / 1000) === sec ? ' ← fault on' : '') +
    (r.faultOff >= 0 && Math.floor(r.faultOff / 1000) === sec ? ' ← fault off' : '');
  return Array.from({ length: seconds }, (_, sec) => {
    const inSec = r.samples.filter((s) => Math.floor(s.t / 1000) === sec);
    const sent = inSec.filter((s) => !s.notSent);
    return `  ${String(sec).padStart(3)} s ${String(inSec.length).padStart(5)} req  failed ${String(inSec.filter((s) => !s.ok).length).padStart(3)}  p95 ${p95(
      sent.map((s) => s.ms),
    )
      .toFixed(0)
      .padStart(5)} ms${marks(sec)}`;
  }).join('\n');
}
