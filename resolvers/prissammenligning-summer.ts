import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import type { PrisSum } from '../src/reconcile/rules/comparison/types';

/**
 * Which sums a `prissammenligning` query shows, read from its selection, so the grouped statement computes
 * only those (each aggregate and its window costs per row of indsats_maaned: ~40 % of the statement when a
 * query shows five of the nine sums). A field not listed here, a fragment spread or a directive makes the
 * statement compute every sum: never an answer from a sum that was not computed.
 */
const LINJEFELTER: Record<string, readonly PrisSum[]> = {
  __typename: [],
  gruppe: [],
  antalIndsatser: [],
  kontraktKilde: [],
  glidningTaerskelProcent: [],
  forventet: ['forventet'],
  kontraktFagsystem: ['kontrakt_fagsystem'],
  kontraktOekonomi: ['kontrakt_oekonomi'],
  takst: ['takst'],
  faktisk: ['faktisk'],
  kontrakt: ['kontrakt'],
  glidning: ['faktisk', 'kontrakt'],
  faktiskVsKontrakt: ['faktisk', 'kontrakt'],
  faktiskVsForventet: ['faktisk', 'forventet'],
  kontraktVsForventet: ['kontrakt', 'forventet'],
  takstVsKontrakt: ['takst', 'kontrakt_med_takst'],
  kontraktOekonomiVsFagsystem: ['kontrakt_oekonomi', 'kontrakt_med_oekonomi'],
  antalPosteringer: ['antal_posteringer'],
};

/** The sums of one Prissammenligningslinje selection, or null when it cannot be told (compute every sum). */
function summerAf(sets: readonly SelectionSetNode[]): Set<PrisSum> | null {
  const out = new Set<PrisSum>();
  for (const set of sets) {
    for (const s of set.selections) {
      if (s.kind !== 'Field' || s.directives?.length) return null;
      const needs = LINJEFELTER[s.name.value];
      if (!needs) return null;
      for (const n of needs) out.add(n);
    }
  }
  return out;
}

/**
 * The connection's selection: `nodes` lines and `iAlt` (null: not selected). Undefined when anything is not
 * a plain field of the connection (fragments, directives): then every sum is computed, as before.
 */
export function prisSummer(info: Pick<GraphQLResolveInfo, 'fieldNodes'>): { linjer: Set<PrisSum>; iAlt: Set<PrisSum> | null } | undefined {
  const nodes: SelectionSetNode[] = [];
  const iAlt: SelectionSetNode[] = [];
  for (const f of info.fieldNodes as readonly FieldNode[]) {
    for (const s of f.selectionSet?.selections ?? []) {
      if (s.kind !== 'Field' || s.directives?.length) return undefined;
      if (s.name.value === 'nodes' && s.selectionSet) nodes.push(s.selectionSet);
      if (s.name.value === 'iAlt' && s.selectionSet) iAlt.push(s.selectionSet);
    }
  }
  const linjer = summerAf(nodes);
  const total = iAlt.length ? summerAf(iAlt) : new Set<PrisSum>();
  if (!linjer || !total) return undefined;
  return { linjer, iAlt: iAlt.length ? total : null };
}
