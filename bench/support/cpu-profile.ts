import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a process's CPU time went, from the `.cpuprofile` that `node --cpu-prof` writes when it exits, over the
 * last `windowMs` before its end only (the measured rounds, not the start-up and its reconciliation run):
 * self time per bucket — the project's source file, an npm package, node's internals, GC — and per function.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** ms of samples in the window (idle excluded) */
  busyMs: number;
  buckets: Map<string, number>;
  functions: Map<string, number>;
}

function bucketOf(url: string, fn: string): string {
  if (!url) return fn || '(native)';
  const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (m) return m[1]!;
  if (url.startsWith('node:')) return 'node:internal';
  const src = /\/bench-ab-[^/]+\/(.+)$/.exec(url) ?? /\/((?:src|connectors|resolvers)\/.+)$/.exec(url);
  return src ? src[1]! : url;
}

export function summarizeProfile(file: string, windowMs: number): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const from = p.endTime - windowMs * 1000;
  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  let t = p.startTime;
  let busy = 0;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i] ?? 0;
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    if (t < from || dt <= 0) continue;
    const n = byId.get(p.samples[i]!);
    if (!n || n.callFrame.functionName === '(idle)') continue;
    busy += dt;
    const b = bucketOf(n.callFrame.url, n.callFrame.functionName);
    buckets.set(b, (buckets.get(b) ?? 0) + dt);
    const f = `${n.callFrame.functionName || '(anonymous)'} ${b}:${n.callFrame.lineNumber + 1}`;
    functions.set(f, (functions.get(f) ?? 0) + dt);
  }
  return { busyMs: busy, buckets, functions };
}

/** The one profile node writes into `dir` (a directory per process). */
export function profileIn(dir: string): string | null {
  const f = readdirSync(dir).find((x) => x.endsWith('.cpuprofile'));
  return f ? join(dir, f) : null;
}

/** A's and B's CPU per unit of work side by side, the largest differences first. */
export function compareProfiles(a: ProfileSummary, b: ProfileSummary, units: [number, number], unit: string, top = 12): string[] {
  const per = (m: Map<string, number>, k: string, n: number) => (m.get(k) ?? 0) / n;
  const rows = (ma: Map<string, number>, mb: Map<string, number>) =>
    [...new Set([...ma.keys(), ...mb.keys()])]
      .map((k) => ({ k, a: per(ma, k, units[0]), b: per(mb, k, units[1]) }))
      .sort((x, y) => Math.abs(y.b - y.a) - Math.abs(x.b - x.a))
      .slice(0, top)
      .map((r) => `    ${(r.b - r.a >= 0 ? '+' : '') + (r.b - r.a).toFixed(2)} ms  (A ${r.a.toFixed(2)}, B ${r.b.toFixed(2)})  ${r.k}`);
  return [
    `  CPU of the gateway per ${unit}: A ${(a.busyMs / units[0]).toFixed(2)} ms, B ${(b.busyMs / units[1]).toFixed(2)} ms`,
    `  by file/package (B − A per ${unit}):`,
    ...rows(a.buckets, b.buckets),
    `  by function (B − A per ${unit}):`,
    ...rows(a.functions, b.functions),
  ];
}
