import type { Takst, Tilbud } from '../../src/domain/model';
import { normaliseMoney } from '../../src/domain/money';
import type { TilbudWire } from './wire';

/** The loader key of a department: `${tilbudsid}:${afdelingsid}`, both as plain decimal integers. */
export function afdelingKey(tilbudsid: number, afdelingsid: number): string {
  return `${tilbudsid}:${afdelingsid}`;
}

/** "007:01" and "7:1" name the same department; null for anything that cannot be a key. */
export function canonicalAfdelingKey(key: string): string | null {
  const m = /^\s*(\d{1,15}):(\d{1,15})\s*$/.exec(key);
  if (!m) return null;
  const tilbudsid = Number(m[1]);
  const afdelingsid = Number(m[2]);
  if (tilbudsid < 1 || afdelingsid < 1) return null;
  return afdelingKey(tilbudsid, afdelingsid);
}

/** A P-nummer as the CVR register issues it: 10 digits. */
export function canonicalPnummer(key: string): string | null {
  const v = key.trim();
  return /^\d{10}$/.test(v) ? v : null;
}

/** A Tilbudsportalen department (validated wire record) → the domain's Tilbud. Takster stay exact decimal strings. */
export function toTilbud(w: TilbudWire): Tilbud {
  return {
    tilbudsid: w.tilbudsid,
    afdelingsid: w.afdelingsid,
    tilbudsnavn: w.tilbudsnavn,
    afdelingsnavn: w.afdelingsnavn,
    tilbudstype: w.tilbudstype,
    cvr: w.cvr,
    pnummer: w.pnummer,
    adresse: w.adresse,
    postnummer: w.postnummer,
    bynavn: w.bynavn,
    paragraffer: [...w.paragraffer],
    pladser: w.pladser,
    maalgrupper: [...w.maalgrupper],
    takster: w.takster.map(toTakst),
    // one timestamp form downstream, whatever offset the register wrote it with
    opdateret: new Date(w.opdateret).toISOString(),
  };
}

function toTakst(t: TilbudWire['takster'][number]): Takst {
  return { aar: t.aar, paragraf: t.paragraf, ydelseskode: t.ydelseskode, enhed: t.enhed, takst: normaliseMoney(t.takst) };
}
