import type { PlantedDisagreement, PlantedKind } from '../../model';
import type { PostingDraft } from '../drafts';

/**
 * A disagreement planted on one indsats, decided before postings are generated. Every indsats carries at
 * most one, so the ground truth of each stays unambiguous (a duplicate on top of a price drift would
 * blur which one made actual differ from contract).
 */
export type IndsatsPlant =
  | { kind: 'INDSATS_UDEN_BETALING' }
  | { kind: 'FAKTISK_AFVIGER'; permille: number }
  | { kind: 'BETALING_EFTER_SLUT'; extraMonths: number }
  | { kind: 'ANDEN_KREDITOR'; fromMonth: number; toMonth: number; kreditorNr: string; navn: string }
  | { kind: 'CPR_KUN_I_TEKST'; fromMonth: number; toMonth: number; dash: boolean }
  | { kind: 'KONTRAKTPRIS_AFVIGER' | 'DUBLET_POSTERING' | 'KREDITERING' | 'CPR_MANGLER' };

/** A planted record whose postings get their bilagsnr only when all postings are booked. */
export interface PendingRecord {
  kind: PlantedKind;
  draft?: PostingDraft;
  original?: PostingDraft;
  fields: Omit<PlantedDisagreement, 'kind' | 'bilagsnr' | 'original_bilagsnr'>;
}

export class PlantRecorder {
  readonly pending: PendingRecord[] = [];

  add(kind: PlantedKind, fields: PendingRecord['fields'], drafts: { draft?: PostingDraft; original?: PostingDraft } = {}): void {
    this.pending.push({ kind, fields, ...drafts });
  }

  /** After booking: the records with bilagsnr filled in. */
  resolve(): PlantedDisagreement[] {
    return this.pending.map((p) => {
      const rec: PlantedDisagreement = { kind: p.kind, ...p.fields };
      if (p.draft) rec.bilagsnr = p.draft.row.bilagsnr;
      if (p.original) rec.original_bilagsnr = p.original.row.bilagsnr;
      return rec;
    });
  }
}
