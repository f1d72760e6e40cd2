import type { IndsatsRow, KontraktRow, Municipality, PlantedDisagreement, PlantedKind, PosteringRow } from '../../simulators/model';
import { paragrafByKode } from '../../src/domain/codes';
import { toOere } from '../../src/domain/money';

/**
 * Lookups over a generated municipality for tests: built from the rows only (never from generator
 * internals), so the tests check the data the way a consumer of the four systems would see it.
 */
export function indexMunicipality(m: Municipality) {
  const f = m.fagsystem;
  const borger = new Map(f.borgere.map((b) => [b.borger_id, b]));
  const sag = new Map(f.sager.map((s) => [s.sag_id, s]));
  const leverandoer = new Map(f.leverandoerer.map((l) => [l.leverandoer_id, l]));
  const indsats = new Map(f.indsatser.map((i) => [i.indsats_id, i]));
  const identitet = new Map(m.manifest.leverandoerer.map((l) => [l.leverandoer_id, l]));
  const posteringByBilag = new Map(m.oekonomi.posteringer.map((p) => [p.bilagsnr, p]));
  const postingsByIndsats = new Map<number, PosteringRow[]>();
  for (const p of m.oekonomi.posteringer) {
    const id = m.manifest.posteringer[p.bilagsnr];
    if (id === null || id === undefined) continue;
    const list = postingsByIndsats.get(id) ?? [];
    list.push(p);
    postingsByIndsats.set(id, list);
  }
  const planted = (kind: PlantedKind) => m.manifest.planted.filter((p) => p.kind === kind);
  const plantedIndsatser = (kinds: readonly PlantedKind[]) =>
    new Set(m.manifest.planted.filter((p) => kinds.includes(p.kind) && p.indsats_id !== undefined).map((p) => p.indsats_id!));
  const plantedBilag = (kind: PlantedKind) => new Set(planted(kind).map((p) => p.bilagsnr!));
  const cprOf = (i: IndsatsRow) => borger.get(sag.get(i.sag_id)!.borger_id)!.cpr;
  const settled = (i: IndsatsRow) => leverandoer.get(i.leverandoer_id)!.afregnes_pr_borger;
  const personhenfoert = (i: IndsatsRow) => paragrafByKode(i.paragraf)!.personhenfoert;

  const kontraktByKey = new Map<string, KontraktRow[]>();
  for (const k of m.oekonomi.kontrakter) {
    const key = `${k.cpr ?? ''}|${k.konto}|${k.gyldig_fra}`;
    kontraktByKey.set(key, [...(kontraktByKey.get(key) ?? []), k]);
  }
  /** The economy contract behind a bestilling: same citizen, account and start, a creditor of the provider. */
  const kontraktFor = (i: IndsatsRow, gyldigFra: string): KontraktRow[] => {
    const key = `${personhenfoert(i) ? cprOf(i) : ''}|${i.kontonummer}|${gyldigFra}`;
    const creditors = identitet.get(i.leverandoer_id)!.kreditor_nr;
    return (kontraktByKey.get(key) ?? []).filter((k) => creditors.includes(k.kreditor_nr));
  };
  return {
    borger,
    sag,
    leverandoer,
    indsats,
    identitet,
    posteringByBilag,
    postingsByIndsats,
    planted,
    plantedIndsatser,
    plantedBilag,
    cprOf,
    settled,
    personhenfoert,
    kontraktFor,
  };
}

export type MunicipalityIndex = ReturnType<typeof indexMunicipality>;

export function sumOere(postings: readonly PosteringRow[]): number {
  return postings.reduce((s, p) => s + toOere(p.beloeb), 0);
}

export function byKind(planted: readonly PlantedDisagreement[]): Map<PlantedKind, number> {
  const out = new Map<PlantedKind, number>();
  for (const p of planted) out.set(p.kind, (out.get(p.kind) ?? 0) + 1);
  return out;
}
