import type { CprPersonRecord, CvrVirksomhedRecord, ProduktionsenhedRecord } from '../model/serviceplatformen';
import { checkCpr } from '../../src/domain/identifiers/cpr';
import { cvrError } from '../../src/domain/identifiers/cvr';
import { pnummerError } from '../../src/domain/identifiers/pnummer';

/**
 * The CPR register behind SF1520, keyed by the 10-digit CPR. Bad data fails when the server is built; the
 * error names the array position, never the CPR number.
 */
export class CprRegister {
  private readonly byCpr = new Map<string, CprPersonRecord>();

  constructor(personer: readonly CprPersonRecord[]) {
    personer.forEach((p, i) => {
      const check = checkCpr(p.cpr);
      if (!check.cpr || check.cpr !== p.cpr) throw new Error(`personer[${i}].cpr is not a 10-digit CPR number with a valid date`);
      if (this.byCpr.has(p.cpr)) throw new Error(`personer[${i}].cpr occurs more than once`);
      this.byCpr.set(p.cpr, p);
    });
  }

  get(cpr: string): CprPersonRecord | undefined {
    return this.byCpr.get(cpr);
  }
}

export interface ProductionUnitEntry {
  unit: ProduktionsenhedRecord;
  owner: CvrVirksomhedRecord;
}

/** The CVR register behind SF1530: legal units by CVR, production units by P-nummer with their owner. */
export class CvrRegister {
  private readonly byCvr = new Map<string, CvrVirksomhedRecord>();
  private readonly byPnummer = new Map<string, ProductionUnitEntry>();

  constructor(virksomheder: readonly CvrVirksomhedRecord[]) {
    virksomheder.forEach((v, i) => {
      const err = cvrError(v.cvr);
      if (err) throw new Error(`virksomheder[${i}].cvr is invalid: ${err}`);
      if (this.byCvr.has(v.cvr)) throw new Error(`virksomheder[${i}].cvr ${v.cvr} occurs more than once`);
      this.byCvr.set(v.cvr, v);
      v.produktionsenheder.forEach((unit, j) => {
        const perr = pnummerError(unit.pnummer);
        if (perr) throw new Error(`virksomheder[${i}].produktionsenheder[${j}].pnummer is invalid: ${perr}`);
        if (this.byPnummer.has(unit.pnummer)) throw new Error(`P-nummer ${unit.pnummer} belongs to more than one production unit`);
        this.byPnummer.set(unit.pnummer, { unit, owner: v });
      });
    });
  }

  legalUnit(cvr: string): CvrVirksomhedRecord | undefined {
    return this.byCvr.get(cvr);
  }

  productionUnit(pnummer: string): ProductionUnitEntry | undefined {
    return this.byPnummer.get(pnummer);
  }
}
