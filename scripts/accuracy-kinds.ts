import type { Knex } from 'knex';
import type { Manifest } from '../simulators/model';

/**
 * Matching accuracy per kind of posting (issue 11), measured against the generator's ground truth: the
 * ledger mess it planted (manifest.matchtilfaelde), the posting-level planted disagreements, and every
 * other posting (UROERT). Per kind:
 *   precision = right matches / postings matched          recall = right matches / postings that belong
 *   flagged   = postings left for a person (TVETYDIG) instead of a match — where the data cannot tell the
 *               truth (swapped CPRs at equal prices) this is the right answer, never a silent match
 * and a reliability table over all automatic matches: per confidence bucket the observed share of right
 * matches, and the expected calibration error (ECE = Σ n_b/N · |accuracy_b − mean confidence_b|).
 */
export interface KindAccuracy {
  kind: string;
  postings: number;
  belonging: number;
  matched: number;
  right: number;
  flagged: number;
  precision: number | null;
  recall: number | null;
  /** share of belonging postings matched right or flagged for a person */
  recallOrFlagged: number | null;
}

export interface ReliabilityBucket {
  from: number;
  to: number;
  n: number;
  meanConfidence: number;
  accuracy: number;
}

export interface KindReport {
  kinds: KindAccuracy[];
  buckets: ReliabilityBucket[];
  ece: number;
}

const POSTING_PLANTED = ['CPR_KUN_I_TEKST', 'CPR_MANGLER', 'ANDEN_KREDITOR', 'BETALING_EFTER_SLUT', 'DUBLET_POSTERING', 'KREDITERING'];
export const BUCKET_EDGES = [0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 0.99, 1.0001];

export async function measureKinds(db: Knex, manifest: Manifest): Promise<KindReport> {
  const rows: Array<{
    bilagsnr: string;
    indsats_id: number | null;
    auto_indsats_id: number | null;
    regel: string;
    auto_regel: string;
    confidence: string | number;
  }> = await db('postering_match').select('bilagsnr', 'indsats_id', 'auto_indsats_id', 'regel', 'auto_regel', 'confidence');
  const got = new Map(rows.map((r) => [r.bilagsnr, r]));
  const kindOf = new Map<string, string>();
  for (const p of manifest.planted) if (p.bilagsnr && POSTING_PLANTED.includes(p.kind)) kindOf.set(p.bilagsnr, p.kind);
  for (const t of manifest.matchtilfaelde ?? []) kindOf.set(t.bilagsnr, t.art);
  const acc = new Map<string, KindAccuracy>();
  const buckets = BUCKET_EDGES.slice(0, -1).map((from, k) => ({ from, to: BUCKET_EDGES[k + 1]!, n: 0, sumConf: 0, right: 0 }));
  for (const [bilagsnr, truth] of Object.entries(manifest.posteringer)) {
    const kind = kindOf.get(bilagsnr) ?? 'UROERT';
    const a = acc.get(kind) ?? { kind, postings: 0, belonging: 0, matched: 0, right: 0, flagged: 0, precision: null, recall: null, recallOrFlagged: null };
    acc.set(kind, a);
    const r = got.get(bilagsnr);
    const indsats = r?.auto_indsats_id ?? null;
    a.postings++;
    if (truth !== null) a.belonging++;
    if (indsats !== null) {
      a.matched++;
      if (indsats === truth) a.right++;
      const conf = Number(r!.confidence);
      if (r!.regel !== 'MANUEL') {
        const b = buckets.find((x) => conf >= x.from && conf < x.to) ?? buckets[buckets.length - 1]!;
        b.n++;
        b.sumConf += conf;
        if (indsats === truth) b.right++;
      }
    } else if (r?.auto_regel === 'TVETYDIG') a.flagged++;
  }
  const kinds = [...acc.values()].sort((x, y) => x.kind.localeCompare(y.kind));
  for (const a of kinds) {
    a.precision = a.matched ? a.right / a.matched : null;
    a.recall = a.belonging ? a.right / a.belonging : null;
    a.recallOrFlagged = a.belonging ? Math.min(1, (a.right + a.flagged) / a.belonging) : null;
  }
  const total = buckets.reduce((s, b) => s + b.n, 0);
  const out = buckets
    .filter((b) => b.n > 0)
    .map((b) => ({ from: b.from, to: Math.min(1, b.to), n: b.n, meanConfidence: b.sumConf / b.n, accuracy: b.right / b.n }));
  const ece = out.reduce((s, b) => s + (b.n / Math.max(1, total)) * Math.abs(b.accuracy - b.meanConfidence), 0);
  return { kinds, buckets: out, ece };
}

const f = (x: number | null) => (x === null ? '     –' : x.toFixed(4));

export function formatKinds(r: KindReport): string[] {
  const lines = ['kind                          postings belong matched  right flagged precision recall  recall+flagged'];
  for (const k of r.kinds) {
    lines.push(
      `  ${k.kind.padEnd(28)} ${String(k.postings).padStart(7)} ${String(k.belonging).padStart(6)} ${String(k.matched).padStart(7)} ${String(k.right).padStart(6)} ${String(k.flagged).padStart(7)}    ${f(k.precision)} ${f(k.recall)} ${f(k.recallOrFlagged)}`,
    );
  }
  lines.push('reliability (automatic matches): confidence bucket → observed accuracy');
  for (const b of r.buckets)
    lines.push(
      `  [${b.from.toFixed(2)}, ${b.to.toFixed(2)})  n=${String(b.n).padStart(7)}  mean confidence ${b.meanConfidence.toFixed(4)}  observed ${b.accuracy.toFixed(4)}`,
    );
  lines.push(`expected calibration error ECE=${r.ece.toFixed(4)}`);
  return lines;
}

/** `--forklar N`: up to N wrong, missed or flagged postings per kind with their stored evidence (ids only). */
export async function explainErrors(db: Knex, manifest: Manifest, limit: number): Promise<string[]> {
  const kindOf = new Map<string, string>();
  for (const p of manifest.planted) if (p.bilagsnr && POSTING_PLANTED.includes(p.kind)) kindOf.set(p.bilagsnr, p.kind);
  for (const t of manifest.matchtilfaelde ?? []) kindOf.set(t.bilagsnr, t.art);
  const rows: Array<{ bilagsnr: string; auto_indsats_id: number | null; auto_regel: string; evidens: unknown }> = await db('postering_match').select(
    'bilagsnr',
    'auto_indsats_id',
    'auto_regel',
    'evidens',
  );
  const shown = new Map<string, number>();
  const out: string[] = [];
  for (const r of rows) {
    const truth = manifest.posteringer[r.bilagsnr] ?? null;
    if ((r.auto_indsats_id ?? null) === truth) continue;
    const kind = kindOf.get(r.bilagsnr) ?? 'UROERT';
    const n = shown.get(kind) ?? 0;
    if (n >= limit) continue;
    shown.set(kind, n + 1);
    out.push(
      `${kind} ${r.bilagsnr} truth=${truth} got=${r.auto_indsats_id} ${r.auto_regel} ${typeof r.evidens === 'string' ? r.evidens : JSON.stringify(r.evidens)}`,
    );
  }
  return out;
}
