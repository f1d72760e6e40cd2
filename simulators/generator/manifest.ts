import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PLANTED_KINDS, type Manifest, type PlantedDisagreement } from '../model';

/**
 * The ground-truth manifest as canonical JSON: object keys sorted by code unit, arrays in a fixed order,
 * so the same seed gives a byte-identical file. The top two levels put one member per line, so a
 * manifest with 1.5 million postings is still readable and diffable line by line.
 */
export function canonicalJson(value: unknown, lineBreakDepth = 0): string {
  const parts: string[] = [];
  write(value, parts, 0, lineBreakDepth);
  return parts.join('');
}

function primitive(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error('manifest values must be finite numbers');
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return undefined;
  }
}

function write(value: unknown, out: string[], depth: number, breakDepth: number): void {
  const p = primitive(value);
  if (p !== undefined) {
    out.push(p);
    return;
  }
  const sep = depth < breakDepth ? ',\n' : ',';
  const open = depth < breakDepth ? '\n' : '';
  if (Array.isArray(value)) {
    out.push('[', value.length ? open : '');
    value.forEach((v, i) => {
      if (i > 0) out.push(sep);
      write(v, out, depth + 1, breakDepth);
    });
    out.push(value.length ? open : '', ']');
  } else if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort(compareCodeUnits);
    out.push('{', keys.length ? open : '');
    keys.forEach((k, i) => {
      if (i > 0) out.push(sep);
      // fast path for maps of primitives (the 1.5 million posteringer): one string per entry
      const vp = primitive(obj[k]);
      if (vp !== undefined) out.push(`${JSON.stringify(k)}:${vp}`);
      else {
        out.push(JSON.stringify(k), ':');
        write(obj[k], out, depth + 1, breakDepth);
      }
    });
    out.push(keys.length ? open : '', '}');
  } else throw new Error(`cannot serialise a ${typeof value} in the manifest`);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stable order of planted records: kind (in PLANTED_KINDS order), then the records' ids. */
export function sortPlanted(planted: PlantedDisagreement[]): PlantedDisagreement[] {
  const kindIndex = new Map(PLANTED_KINDS.map((k, i) => [k, i]));
  const key = (p: PlantedDisagreement) =>
    [
      p.bilagsnr ?? '',
      String(p.indsats_id ?? 0).padStart(9, '0'),
      String(p.leverandoer_id ?? 0).padStart(9, '0'),
      String(p.borger_id ?? 0).padStart(9, '0'),
      String(p.aar ?? 0),
      p.paragraf ?? '',
      p.ydelseskode ?? '',
      p.felt ?? '',
    ].join('|');
  return planted
    .map((p) => ({ p, k: key(p) }))
    .sort((a, b) => kindIndex.get(a.p.kind)! - kindIndex.get(b.p.kind)! || compareCodeUnits(a.k, b.k))
    .map((x) => x.p);
}

/** The manifest as one canonical JSON document (newline-terminated). */
export function serialiseManifest(m: Manifest): string {
  return `${canonicalJson(m, 2)}\n`;
}

export async function writeManifest(path: string, m: Manifest): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, serialiseManifest(m), 'utf8');
}
