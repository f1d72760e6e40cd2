import type { Knex } from 'knex';
import { PLANTED_KINDS, type Manifest, type PlantedDisagreement, type PlantedKind } from '../simulators/model';

/**
 * Measures the reconciled store against the generator's ground-truth manifest (the gateway never reads
 * the manifest; only this measurement does):
 *   precision = correct matches / postings the gateway matched to an indsats
 *   recall    = correct matches / postings that truly belong to an indsats
 * and, per planted kind, how many planted instances an afvigelse of that kind points to.
 */
export interface KindFigure {
  kind: PlantedKind;
  planted: number;
  found: number;
  reported: number;
}

export interface Accuracy {
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  missed: number;
  belonging: number;
  postings: number;
  kinds: KindFigure[];
  /** provider identity: creditor ↔ provider links in the store against the manifest's identities */
  identity: { links: number; correct: number; truth: number };
  /** misses and wrong matches by the rule / reason the gateway recorded */
  errorsByRule: Record<string, number>;
}

interface AfvigelseRow {
  art: string;
  bilagsnr: string | null;
  indsats_id: number | null;
  borger_id: number | null;
  leverandoer_id: number | null;
  felt: string | null;
  detaljer: Record<string, unknown> | string | null;
}

export async function measure(db: Knex, manifest: Manifest): Promise<Accuracy> {
  const matches = new Map<string, { indsats: number | null; regel: string }>();
  for (const r of await db('postering_match').select('bilagsnr', 'indsats_id', 'regel'))
    matches.set(r.bilagsnr, { indsats: r.indsats_id ?? null, regel: r.regel });
  let tp = 0;
  let fp = 0;
  let belonging = 0;
  const errorsByRule: Record<string, number> = {};
  for (const [bilagsnr, truth] of Object.entries(manifest.posteringer)) {
    const got = matches.get(bilagsnr);
    const indsats = got?.indsats ?? null;
    if (truth !== null) belonging++;
    if (indsats !== null && indsats === truth) tp++;
    else if (indsats !== null) fp++;
    if (indsats !== truth) {
      const key = `${got?.regel ?? 'IKKE_SET'}${truth === null ? ' (hører ikke til en indsats)' : ''}`;
      errorsByRule[key] = (errorsByRule[key] ?? 0) + 1;
    }
  }
  const afvigelser: AfvigelseRow[] = await db('afvigelse as a')
    .leftJoin('postering_match as pm', 'pm.postering_id', 'a.postering_id')
    .select('a.art', 'pm.bilagsnr', 'a.indsats_id', 'a.borger_id', 'a.leverandoer_id', 'a.felt', 'a.detaljer');
  const keys = new Set<string>();
  const reported: Record<string, number> = {};
  for (const f of afvigelser) {
    reported[f.art] = (reported[f.art] ?? 0) + 1;
    const d = (typeof f.detaljer === 'string' ? JSON.parse(f.detaljer) : f.detaljer) ?? {};
    for (const k of afvigelseKeys(f, d)) keys.add(k);
  }
  const kinds = PLANTED_KINDS.map((kind) => {
    const planted = manifest.planted.filter((p) => p.kind === kind);
    return { kind, planted: planted.length, found: planted.filter((p) => keys.has(plantedKey(p))).length, reported: reported[kind] ?? 0 };
  });
  const truthLinks = new Set(manifest.leverandoerer.flatMap((l) => l.kreditor_nr.map((k) => `${l.leverandoer_id}|${k}`)));
  const links: string[] = (await db('leverandoer_kreditor').select('leverandoer_id', 'kreditor_nr')).map(
    (r: { leverandoer_id: number; kreditor_nr: string }) => `${r.leverandoer_id}|${r.kreditor_nr}`,
  );
  const identity = { links: links.length, correct: links.filter((l) => truthLinks.has(l)).length, truth: truthLinks.size };
  return {
    identity,
    precision: tp + fp === 0 ? 0 : tp / (tp + fp),
    recall: belonging === 0 ? 0 : tp / belonging,
    truePositives: tp,
    falsePositives: fp,
    missed: belonging - tp,
    belonging,
    postings: Object.keys(manifest.posteringer).length,
    kinds,
    errorsByRule,
  };
}

/** What identifies a planted instance, per kind (the same key is built from an afvigelse). */
export function plantedKey(p: PlantedDisagreement): string {
  switch (p.kind) {
    case 'CPR_KUN_I_TEKST':
    case 'CPR_MANGLER':
    case 'ANDEN_KREDITOR':
    case 'BETALING_EFTER_SLUT':
    case 'DUBLET_POSTERING':
    case 'KREDITERING':
      return `${p.kind}|${p.bilagsnr}`;
    case 'INDSATS_UDEN_BETALING':
    case 'FAKTISK_AFVIGER':
      return `${p.kind}|${p.indsats_id}`;
    case 'KONTRAKTPRIS_AFVIGER':
      return `${p.kind}|${p.indsats_id}|${p.kontrakt_nr}`;
    case 'TAKST_AFVIGER':
      return `${p.kind}|${p.leverandoer_id}|${p.paragraf}|${p.ydelseskode ?? ''}|${p.aar}`;
    case 'LEVERANDOER_ATTRIBUT_AFVIGER':
      return `${p.kind}|${p.leverandoer_id}|${p.felt}`;
    case 'BORGER_ATTRIBUT_AFVIGER':
      return `${p.kind}|${p.borger_id}|${p.felt}`;
    case 'ADRESSEBESKYTTELSE':
      return `${p.kind}|${p.borger_id}`;
  }
}

function afvigelseKeys(f: AfvigelseRow, d: Record<string, unknown>): string[] {
  switch (f.art) {
    case 'CPR_KUN_I_TEKST':
    case 'CPR_MANGLER':
    case 'ANDEN_KREDITOR':
    case 'BETALING_EFTER_SLUT':
    case 'DUBLET_POSTERING':
    case 'KREDITERING':
      return [`${f.art}|${f.bilagsnr}`];
    case 'INDSATS_UDEN_BETALING':
    case 'FAKTISK_AFVIGER':
      return [`${f.art}|${f.indsats_id}`];
    case 'KONTRAKTPRIS_AFVIGER':
      return [`${f.art}|${f.indsats_id}|${d.kontraktNr}`];
    case 'TAKST_AFVIGER':
      return [`${f.art}|${f.leverandoer_id}|${d.paragraf}|${d.ydelseskode ?? ''}|${d.aar}`];
    case 'LEVERANDOER_ATTRIBUT_AFVIGER':
      return [`${f.art}|${f.leverandoer_id}|${f.felt}`];
    case 'BORGER_ATTRIBUT_AFVIGER':
      return [`${f.art}|${f.borger_id}|${f.felt}`];
    case 'ADRESSEBESKYTTELSE':
      return [`${f.art}|${f.borger_id}`];
    default:
      return [];
  }
}

export function formatAccuracy(a: Accuracy, label: string): string[] {
  const lines = [
    `${label}: ${a.postings} postings, ${a.belonging} belong to an indsats; matched correctly ${a.truePositives}, wrongly ${a.falsePositives}, missed ${a.missed}`,
  ];
  lines.push('planted kind                      planted  found  reported');
  for (const k of a.kinds)
    lines.push(`  ${k.kind.padEnd(30)} ${String(k.planted).padStart(7)} ${String(k.found).padStart(6)} ${String(k.reported).padStart(9)}`);
  lines.push(
    `provider identity: ${a.identity.links} creditor↔provider links, ${a.identity.correct} of them true; ${a.identity.correct} of ${a.identity.truth} true links found`,
  );
  const errs = Object.entries(a.errorsByRule).sort((x, y) => y[1] - x[1]);
  if (errs.length) lines.push(`errors by rule/reason: ${errs.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  lines.push(`precision=${a.precision.toFixed(4)} recall=${a.recall.toFixed(4)}`);
  return lines;
}
