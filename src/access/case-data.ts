import type { GatewayContext } from '../context/context';

/**
 * Personal data about a citizen is not only the Borger object: everything hanging under the citizen's cases
 * (sager, afgørelser, indsatser, bestillinger, opfølgninger, mål, vurderinger, betalinger, and the
 * reconciliation records about them) is too (issue 8 point 5). A document that selects any of these types
 * needs a purpose (src/server/guards), and every such object returned records its citizen in the access
 * log, by whatever path it was reached (src/access/field-policy).
 */
export const CITIZEN_BOUND_TYPES = new Set([
  'Borger',
  'CprOplysninger',
  'BorgerMaalgruppe',
  'Funktionsevnevurdering',
  'Stoettebehov',
  'Sag',
  'Afgoerelse',
  'Indsats',
  'Omfang',
  'Ydelse',
  'Bestilling',
  'Priser',
  'ForventetPris',
  'FaktiskPris',
  'Betaling',
  'Opfoelgning',
  'Indsatsmaal',
  'Afvigelse',
  'PosteringAfstemning',
  'ManuelBeslutning',
  'ManuelBeslutningTilstand',
]);

/**
 * Types whose children all belong to the same citizen as the object itself: a case-data object reached
 * from one of these needs no second look-up (its citizen is already logged). Reconciliation records are not
 * among them (a posting may be matched to another citizen's indsats).
 */
const SAME_CITIZEN_PARENTS = new Set([
  'Borger',
  'Sag',
  'Afgoerelse',
  'Indsats',
  'Bestilling',
  'Opfoelgning',
  'Indsatsmaal',
  'Priser',
  'Funktionsevnevurdering',
  'Stoettebehov',
  'Betaling',
]);

/** Types whose values can be traced to a citizen; the rest of CITIZEN_BOUND_TYPES is only reachable below them. */
const TRACEABLE = new Set([
  'Sag',
  'Afgoerelse',
  'Indsats',
  'Bestilling',
  'Opfoelgning',
  'Indsatsmaal',
  'Funktionsevnevurdering',
  'Stoettebehov',
  'Betaling',
  'Afvigelse',
  'PosteringAfstemning',
  'ManuelBeslutning',
  'ManuelBeslutningTilstand',
]);

export function needsCitizenTrace(parentType: string, returnType: string): boolean {
  return TRACEABLE.has(returnType) && !SAME_CITIZEN_PARENTS.has(parentType);
}

type Row = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? v : null);

async function cprOfBorger(ctx: GatewayContext, id: number | null): Promise<string | null> {
  if (id === null) return null;
  return (await ctx.sources.fagsystem.borger.load(id))?.cpr ?? null;
}
async function cprOfSag(ctx: GatewayContext, id: number | null): Promise<string | null> {
  if (id === null) return null;
  return cprOfBorger(ctx, (await ctx.sources.fagsystem.sag.load(id))?.borgerId ?? null);
}
async function cprOfIndsats(ctx: GatewayContext, id: number | null): Promise<string | null> {
  if (id === null) return null;
  return cprOfSag(ctx, (await ctx.sources.fagsystem.indsats.load(id))?.sagId ?? null);
}

/** The CPR numbers of the citizens a case-data value (object or list) is about. */
export async function citizensOfCaseData(type: string, value: unknown, ctx: GatewayContext): Promise<string[]> {
  const values = (Array.isArray(value) ? value : [value]).filter((v): v is Row => !!v && typeof v === 'object');
  const found = await Promise.all(
    values.map(async (v): Promise<Array<string | null>> => {
      switch (type) {
        case 'Sag':
          // a case from the query root brings its citizen's CPR along (connectors/fagsystem/queries/sager)
          return [typeof v.borgerCpr === 'string' ? v.borgerCpr : await cprOfBorger(ctx, num(v.borgerId))];
        case 'Funktionsevnevurdering':
        case 'Stoettebehov':
          return [await cprOfBorger(ctx, num(v.borgerId))];
        case 'Indsats':
          // a list page brings its citizens' CPRs along (connectors/fagsystem/queries/indsatser)
          return [typeof v.borgerCpr === 'string' ? v.borgerCpr : await cprOfSag(ctx, num(v.sagId))];
        case 'Afgoerelse':
          return [await cprOfSag(ctx, num(v.sagId))];
        case 'Bestilling':
        case 'Opfoelgning':
        case 'Indsatsmaal':
          return [await cprOfIndsats(ctx, num(v.indsatsId))];
        case 'Betaling': {
          const p = (v.postering ?? v) as Row;
          return [typeof p.cpr === 'string' ? p.cpr : null];
        }
        case 'Afvigelse':
          return [num(v.borgerId) !== null ? await cprOfBorger(ctx, num(v.borgerId)) : await cprOfIndsats(ctx, num(v.indsatsId))];
        case 'PosteringAfstemning':
          return [await cprOfIndsats(ctx, num(v.indsatsId)), await cprOfIndsats(ctx, num(v.autoIndsatsId))];
        case 'ManuelBeslutning':
          return [await cprOfIndsats(ctx, num(v.indsatsId)), await cprOfIndsats(ctx, num(v.tidligereIndsatsId))];
        case 'ManuelBeslutningTilstand':
          return [await cprOfIndsats(ctx, num(v.tildeltIndsatsId))];
        default:
          return [];
      }
    }),
  );
  return found.flat().filter((c): c is string => typeof c === 'string');
}
