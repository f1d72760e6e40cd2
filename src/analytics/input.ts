import { numericIdsOf } from '../graphql/global-id';
import { badInput } from '../graphql/errors';
import { isoDateError } from '../domain/dates';
import { paragrafByKode } from '../domain/codes/paragraffer';
import type { AnalyseFilterSpec } from './planner/types';

/** The GraphQL filter input as the schema gives it (generated types are structurally the same). */
export interface AnalyseFilterInput {
  periode?: { fra?: string | null; til?: string | null } | null;
  referencedato?: string | null;
  paragraf?: readonly string[] | null;
  tilbudstype?: readonly string[] | null;
  status?: readonly string[] | null;
  leverandoer?: readonly string[] | null;
  team?: readonly string[] | null;
  sagsbehandler?: readonly string[] | null;
  kommune?: readonly string[] | null;
  maalgruppe?: readonly string[] | null;
  konto?: readonly string[] | null;
  artskonto?: readonly string[] | null;
  tema?: readonly string[] | null;
  opfoelgningstype?: readonly string[] | null;
}

const list = <T>(v: readonly T[] | null | undefined): T[] | undefined => (v ? [...v] : undefined);

/** Decodes global ids, checks codes and dates, so bad input is a 400 naming its argument. */
export function analyseFilter(f: AnalyseFilterInput | null | undefined, argument = 'filter'): AnalyseFilterSpec {
  if (!f) return {};
  for (const [k, v] of [
    ['periode.fra', f.periode?.fra],
    ['periode.til', f.periode?.til],
    ['referencedato', f.referencedato],
  ] as const) {
    if (v && isoDateError(v)) throw badInput(`${argument}.${k}`, `"${argument}.${k}": ${isoDateError(v)}`);
  }
  for (const p of f.paragraf ?? [])
    if (!paragrafByKode(p))
      throw badInput(`${argument}.paragraf`, `"${argument}.paragraf" has an unknown paragraph code "${p}"; see the \`paragraffer\` query for the list`);
  const spec: AnalyseFilterSpec = {
    periodeFra: f.periode?.fra ?? undefined,
    periodeTil: f.periode?.til ?? undefined,
    referencedato: f.referencedato ?? undefined,
    paragraffer: list(f.paragraf),
    tilbudstyper: list(f.tilbudstype),
    status: list(f.status),
    leverandoerer: numericIdsOf('Leverandoer', f.leverandoer, `${argument}.leverandoer`),
    teams: numericIdsOf('Team', f.team, `${argument}.team`),
    sagsbehandlere: numericIdsOf('Sagsbehandler', f.sagsbehandler, `${argument}.sagsbehandler`),
    handlekommuner: list(f.kommune),
    maalgrupper: list(f.maalgruppe),
    konti: list(f.konto),
    arter: list(f.artskonto),
    temaer: list(f.tema),
    opfoelgningstyper: list(f.opfoelgningstype),
  };
  for (const k of Object.keys(spec) as Array<keyof AnalyseFilterSpec>) if (spec[k] === undefined) delete spec[k];
  return spec;
}
