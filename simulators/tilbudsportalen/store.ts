import type { TilbudRecord } from '../model/tilbudsportalen';
import type { TilbudQuery } from './query';

export function tilbudKey(tilbudsid: number, afdelingsid: number): string {
  return `${tilbudsid}:${afdelingsid}`;
}

interface Entry {
  record: TilbudRecord;
  key: string;
  opdateretMs: number;
}

/**
 * The register the stand-in serves: records in the stable order the list endpoint promises
 * (tilbudsid, then afdelingsid, numerically), indexed by key. Bad data fails when the server is built,
 * not on the first request.
 */
export class TilbudStore {
  private readonly ordered: Entry[];
  private readonly byKey = new Map<string, Entry>();

  constructor(records: readonly TilbudRecord[]) {
    this.ordered = records
      .map((record, index) => {
        const opdateretMs = Date.parse(record.opdateret);
        if (Number.isNaN(opdateretMs)) throw new Error(`tilbud[${index}].opdateret is not an ISO timestamp`);
        return { record, key: tilbudKey(record.tilbudsid, record.afdelingsid), opdateretMs };
      })
      .sort((a, b) => a.record.tilbudsid - b.record.tilbudsid || a.record.afdelingsid - b.record.afdelingsid);
    for (const e of this.ordered) {
      if (this.byKey.has(e.key)) throw new Error(`tilbud ${e.key} (tilbudsid:afdelingsid) occurs more than once`);
      this.byKey.set(e.key, e);
    }
  }

  get(tilbudsid: number, afdelingsid: number): TilbudRecord | undefined {
    return this.byKey.get(tilbudKey(tilbudsid, afdelingsid))?.record;
  }

  /** All records matching every given filter, in stable order. */
  filter(q: Pick<TilbudQuery, 'updatedSince' | 'pnumre' | 'cvrNumre' | 'ids'>): TilbudRecord[] {
    const candidates = q.ids ? this.ordered.filter((e) => q.ids!.has(e.key)) : this.ordered;
    return candidates
      .filter(
        (e) =>
          (q.updatedSince === null || e.opdateretMs >= q.updatedSince) &&
          (q.pnumre === null || q.pnumre.has(e.record.pnummer)) &&
          (q.cvrNumre === null || q.cvrNumre.has(e.record.cvr)),
      )
      .map((e) => e.record);
  }
}
