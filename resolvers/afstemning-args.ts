import type { AfvigelseFilter as AfvigelseFilterInput, ManuelBeslutningInput, PrisFilter as PrisFilterInput } from '../src/graphql/generated/resolvers-types';
import type { AfvigelseFilter } from '../src/reconcile/rules/afvigelser/types';
import type { PrisFilter } from '../src/reconcile/rules/comparison/types';
import type { BeslutningRequest } from '../src/reconcile/read/manual-decision';
import { BEGRUNDELSE_MAX } from '../src/reconcile/rules/decisions/types';
import { STANDARD_GLIDNING_PROCENT } from '../src/reconcile/rules/afvigelser/kinds';
import { containsCprNumber } from '../src/domain/identifiers/cpr-in-text';
import { badInput } from '../src/graphql/errors';
import { decodeGlobalId, numericIdsOf } from '../src/graphql/global-id';
import { firstOfMonth } from '../src/domain/dates';
import { paragrafByKode } from '../src/domain/codes/paragraffer';

/** Reconciliation arguments → service inputs: ids decoded, codes and ranges checked, so bad input names its argument. */
export function numericId(type: 'Betaling' | 'Indsats', id: string, argument: string): number {
  const d = decodeGlobalId(id, argument);
  const n = Number(d.key);
  if (d.type !== type || !Number.isSafeInteger(n) || n <= 0)
    throw badInput(argument, `"${argument}" expects ${type === 'Betaling' ? 'a posting (Betaling) id' : 'an Indsats id'}`);
  return n;
}

/** Month periods compare by month: any day of a month stands for its first day. */
function monthRange(p: { fra?: string | null; til?: string | null } | null | undefined, argument: string) {
  if (p?.fra && p.til && p.fra > p.til) throw badInput(argument, `"${argument}": fra is after til`);
  return { fra: p?.fra ? firstOfMonth(p.fra) : undefined, til: p?.til ? firstOfMonth(p.til) : undefined };
}

export function glidningTaerskel(v: number | null | undefined): number {
  const t = v ?? STANDARD_GLIDNING_PROCENT;
  if (!Number.isFinite(t) || t < 0 || t > 1000) throw badInput('glidningTaerskelProcent', '"glidningTaerskelProcent" must be a percentage between 0 and 1000');
  return t;
}

/** A `first` argument of the non-paginated lists (decisions, runs): the Relay cap of 500. */
export function firstUpTo500(v: number | null | undefined, fallback: number): number {
  const n = v ?? fallback;
  if (!Number.isInteger(n) || n < 0 || n > 500) throw badInput('first', '"first" must be a whole number between 0 and 500');
  return n;
}

/** `borgerIds` decodes Borger ids by the request's own rules (pseudonymous for pseudonym roles: src/access/borger-ids). */
export function afvigelseFilter(
  f: AfvigelseFilterInput | null | undefined,
  borgerIds: (ids: readonly string[] | null | undefined, argument: string) => number[] | undefined,
): AfvigelseFilter {
  const periode = monthRange(f?.periode, 'filter.periode');
  return {
    arter: f?.arter ?? undefined,
    indsatsIds: numericIdsOf('Indsats', f?.indsats, 'filter.indsats'),
    borgerIds: borgerIds(f?.borger, 'filter.borger'),
    leverandoerIds: numericIdsOf('Leverandoer', f?.leverandoer, 'filter.leverandoer'),
    posteringIds: numericIdsOf('Betaling', f?.postering, 'filter.postering'),
    kreditorNr: f?.kreditorNr ?? undefined,
    maanedFra: periode.fra,
    maanedTil: periode.til,
  };
}

export function prisFilter(f: PrisFilterInput | null | undefined): PrisFilter {
  for (const p of f?.paragraffer ?? [])
    if (!paragrafByKode(p))
      throw badInput('filter.paragraffer', '"filter.paragraffer" has an unknown paragraph code; see the `paragraffer` query for the list');
  const periode = monthRange(f?.periode, 'filter.periode');
  return {
    paragraffer: f?.paragraffer ?? undefined,
    leverandoerIds: numericIdsOf('Leverandoer', f?.leverandoer, 'filter.leverandoer'),
    konti: f?.konti ?? undefined,
    teamIds: numericIdsOf('Team', f?.team, 'filter.team'),
    afregnesPrBorger: f?.kunAfregnetPrBorger === false ? undefined : true,
    maanedFra: periode.fra,
    maanedTil: periode.til,
  };
}

/** Every check of a manual decision that needs no source, before any read or write. */
export function beslutningRequest(input: ManuelBeslutningInput, aktoer: string): BeslutningRequest {
  const posteringId = numericId('Betaling', input.postering, 'input.postering');
  const indsatsId = input.indsats ? numericId('Indsats', input.indsats, 'input.indsats') : null;
  const begrundelse = input.begrundelse.trim();
  if (!begrundelse) throw badInput('input.begrundelse', 'a reason (begrundelse) is required for a manual decision');
  if (begrundelse.length > BEGRUNDELSE_MAX) throw badInput('input.begrundelse', `a reason may be at most ${BEGRUNDELSE_MAX} characters`);
  if (containsCprNumber(begrundelse)) throw badInput('input.begrundelse', 'a reason must not contain a CPR number (it is stored and shown to economy staff)');
  if (input.handling === 'TILDEL' && indsatsId === null) throw badInput('input.indsats', 'TILDEL needs the indsats the posting is assigned to');
  return { posteringId, handling: input.handling, indsatsId, begrundelse, aktoer };
}
