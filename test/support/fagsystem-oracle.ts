import type { AccessScope } from '../../src/access/scope';
import type { BestillingRow, BorgerRow, FagsystemData, IndsatsRow, OpfoelgningRow, SagRow } from '../../simulators/model/fagsystem';
import type { BorgerListFilter, IndsatsListFilter, OpfoelgningListFilter, SagListFilter } from '../../connectors/fagsystem/types';

/**
 * The connector's documented semantics computed independently in plain JS over the generated arrays, so
 * the integration test compares SQL results with what the data says — not with a second copy of the SQL.
 */
export class FagsystemOracle {
  private readonly teamEnhed: Map<number, number>;
  private readonly sagById: Map<number, SagRow>;

  constructor(
    readonly data: FagsystemData,
    readonly today: string,
  ) {
    this.teamEnhed = new Map(data.teams.map((t) => [t.team_id, t.enhed_id]));
    this.sagById = new Map(data.sager.map((s) => [s.sag_id, s]));
  }

  sagVisible(scope: AccessScope, s: SagRow): boolean {
    return (
      (scope.teamIds === null || scope.teamIds.includes(s.team_id)) && (scope.enhedIds === null || scope.enhedIds.includes(this.teamEnhed.get(s.team_id)!))
    );
  }

  private unrestricted(scope: AccessScope): boolean {
    return scope.teamIds === null && scope.enhedIds === null;
  }

  sagIdVisible(scope: AccessScope, sagId: number): boolean {
    return this.sagVisible(scope, this.sagById.get(sagId)!);
  }

  indsatsVisible(scope: AccessScope, i: IndsatsRow): boolean {
    return this.sagIdVisible(scope, i.sag_id);
  }

  borgerVisible(scope: AccessScope, borgerId: number): boolean {
    return this.unrestricted(scope) || this.data.sager.some((s) => s.borger_id === borgerId && this.sagVisible(scope, s));
  }

  /** citizens with an active (on `today`) membership of a code or one of its subgroups */
  maalgruppeBorgere(koder: readonly string[]): Set<number> {
    return new Set(
      this.data.borgerMaalgrupper
        .filter((m) => koder.some((k) => m.maalgruppe_kode === k || m.maalgruppe_kode.startsWith(`${k}.`)))
        .filter((m) => m.fra_dato <= this.today && (m.til_dato === null || m.til_dato >= this.today))
        .map((m) => m.borger_id),
    );
  }

  private sagLevel(s: SagRow, f: { teamIds?: number[]; sagsbehandlerIds?: number[]; kommuner?: string[]; maalgrupper?: string[] }): boolean {
    if (f.teamIds && !f.teamIds.includes(s.team_id)) return false;
    if (f.sagsbehandlerIds && !f.sagsbehandlerIds.includes(s.sagsbehandler_id)) return false;
    if (f.kommuner && !f.kommuner.includes(s.handlekommune)) return false;
    if (f.maalgrupper && !this.maalgruppeBorgere(f.maalgrupper).has(s.borger_id)) return false;
    return true;
  }

  sager(scope: AccessScope, f: SagListFilter): SagRow[] {
    return this.data.sager.filter((s) => {
      if (!this.sagVisible(scope, s) || !this.sagLevel(s, f)) return false;
      if (f.status && s.status !== f.status) return false;
      if (f.paragraffer && !this.data.indsatser.some((i) => i.sag_id === s.sag_id && f.paragraffer!.includes(i.paragraf))) return false;
      if (f.aabnetFra && s.sag_aabnet < f.aabnetFra) return false;
      if (f.aabnetTil && s.sag_aabnet > f.aabnetTil) return false;
      return true;
    });
  }

  indsatser(scope: AccessScope, f: IndsatsListFilter): IndsatsRow[] {
    return this.data.indsatser.filter((i) => {
      const s = this.sagById.get(i.sag_id)!;
      if (!this.sagVisible(scope, s) || !this.sagLevel(s, f)) return false;
      if (f.paragraffer && !f.paragraffer.includes(i.paragraf)) return false;
      if (f.status && !f.status.includes(i.status)) return false;
      if (f.tilbudstyper && !f.tilbudstyper.includes(i.tilbudstype)) return false;
      if (f.leverandoerIds && !f.leverandoerIds.includes(i.leverandoer_id)) return false;
      // actual dates where known: an indsats that has begun runs until its actual end (open = still running)
      const start = i.faktisk_start ?? i.forventet_start;
      const slut = i.faktisk_slut ?? (i.faktisk_start ? null : i.forventet_slut);
      if (f.periodeTil && start > f.periodeTil) return false;
      if (f.periodeFra && slut !== null && slut < f.periodeFra) return false;
      return true;
    });
  }

  borgere(scope: AccessScope, f: BorgerListFilter): BorgerRow[] {
    return this.data.borgere.filter((b) => {
      if (f.teamIds) {
        if (!this.data.sager.some((s) => s.borger_id === b.borger_id && this.sagVisible(scope, s) && f.teamIds!.includes(s.team_id))) return false;
      } else if (!this.borgerVisible(scope, b.borger_id)) return false;
      if (f.maalgrupper && !this.maalgruppeBorgere(f.maalgrupper).has(b.borger_id)) return false;
      if (f.kommuner && !f.kommuner.includes(b.kommunekode)) return false;
      return true;
    });
  }

  opfoelgninger(scope: AccessScope, f: OpfoelgningListFilter): OpfoelgningRow[] {
    const indsatsSag = new Map(this.data.indsatser.map((i) => [i.indsats_id, this.sagById.get(i.sag_id)!]));
    return this.data.opfoelgninger.filter((o) => {
      const s = indsatsSag.get(o.indsats_id)!;
      if (!this.sagVisible(scope, s)) return false;
      if (f.teamIds && !f.teamIds.includes(s.team_id)) return false;
      if (f.sagsbehandlerIds && !f.sagsbehandlerIds.includes(o.sagsbehandler_id)) return false;
      if (f.forfaldenSenest && o.planlagt_dato > f.forfaldenSenest) return false;
      if (f.udfoert !== undefined && (o.udfoert_dato !== null) !== f.udfoert) return false;
      const overskredet = o.udfoert_dato === null && o.planlagt_dato < f.idag;
      if (f.overskredet !== undefined && overskredet !== f.overskredet) return false;
      if (f.type && o.opfoelgningstype !== f.type) return false;
      return true;
    });
  }

  /** the rule of src/reconcile/prices/contract-price.ts, restated: valid on `date`, else the latest */
  currentBestilling(indsatsId: number, date: string): BestillingRow | null {
    const all = this.data.bestillinger.filter((b) => b.indsats_id === indsatsId);
    const valid = all.filter((b) => b.gyldig_fra <= date && (b.gyldig_til === null || b.gyldig_til >= date));
    const pool = valid.length ? valid : all;
    return [...pool].sort((a, b) => (a.gyldig_fra < b.gyldig_fra ? 1 : a.gyldig_fra > b.gyldig_fra ? -1 : b.bestilling_id - a.bestilling_id))[0] ?? null;
  }
}

/** Code-point order (what COLLATE "C" gives for these strings), then id — the connector's documented order. */
export function sortByKey<T>(rows: readonly T[], key: (r: T) => string | number, id: (r: T) => number, dir: 'ASC' | 'DESC'): T[] {
  const sign = dir === 'ASC' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
    return (id(a) - id(b)) * sign;
  });
}
