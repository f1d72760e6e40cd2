import type DataLoader from 'dataloader';
import { groupBy, indexBy, keyedLoader } from '../shared/keyed-loader';
import type { FagsystemRequest } from './types';
import type { QueryContext } from './context';
import { afgoerelserByIds, afgoerelserBySagIds, sagerByBorgerIds, sagerByIds, sagerBySagsnummer } from './queries/sager';
import {
  bestillingerByIds, bestillingerByIndsatsIds, indsatserByAfgoerelseIds, indsatserByIds, indsatserBySagIds, indsatsmaalByIndsatsIds, ydelserByIndsatsIds,
} from './queries/indsatser';
import { borgereByCprs, borgereByIds, funktionsevneByBorgerIds, maalgrupperByBorgerIds, stoettebehovByBorgerIds } from './queries/borgere';
import { opfoelgningerByIds, opfoelgningerByIndsatsIds } from './queries/opfoelgninger';
import { enhederByIds, leverandoererByIds, sagsbehandlereBy, teamsBy } from './queries/organisation';

/**
 * The per-request loaders: each batch is ONE SQL statement (`where <key> in (…)`, the scope as a subquery
 * in the same statement), and results go back to the asking key by key (keyedLoader), never by position —
 * a missing or out-of-scope key gets null / [] exactly like one that does not exist.
 */
type Loaders = Pick<FagsystemRequest, {
  [K in keyof FagsystemRequest]: FagsystemRequest[K] extends DataLoader<never, unknown> ? K : never
}[keyof FagsystemRequest]>;

function one<K, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (v: V) => K): DataLoader<K, V | null> {
  return keyedLoader<K, V | null>(async (keys) => indexBy(await fetch(keys), keyOf), () => null);
}

function many<K, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (v: V) => K): DataLoader<K, V[]> {
  return keyedLoader<K, V[]>(async (keys) => groupBy(await fetch(keys), keyOf), () => []);
}

/** The fagsystem stores CPR as 10 digits; callers may write DDMMYY-SSSS. Never logged, never in a message. */
function normaliseCpr(key: string): string {
  return key.replace(/[\s-]/g, '');
}

function borgerByCpr(ctx: QueryContext): FagsystemRequest['borgerByCpr'] {
  return keyedLoader(async (keys: readonly string[]) => {
    const wanted = [...new Set(keys.map(normaliseCpr).filter((c) => /^\d{10}$/.test(c)))];
    const found = indexBy(wanted.length ? await borgereByCprs(ctx, wanted) : [], (b) => b.cpr as string);
    return new Map(keys.map((k) => [k, found.get(normaliseCpr(k)) ?? null]));
  }, () => null);
}

export function createLoaders(ctx: QueryContext): Loaders {
  return {
    sag: one((ids) => sagerByIds(ctx, ids), (s) => s.id),
    sagBySagsnummer: one((nrs) => sagerBySagsnummer(ctx, nrs), (s) => s.sagsnummer),
    sagerByBorger: many((ids) => sagerByBorgerIds(ctx, ids), (s) => s.borgerId),
    afgoerelse: one((ids) => afgoerelserByIds(ctx, ids), (a) => a.id),
    afgoerelserBySag: many((ids) => afgoerelserBySagIds(ctx, ids), (a) => a.sagId),
    indsats: one((ids) => indsatserByIds(ctx, ids), (i) => i.id),
    indsatserBySag: many((ids) => indsatserBySagIds(ctx, ids), (i) => i.sagId),
    indsatserByAfgoerelse: many((ids) => indsatserByAfgoerelseIds(ctx, ids), (i) => i.afgoerelseId),
    ydelserByIndsats: many((ids) => ydelserByIndsatsIds(ctx, ids), (y) => y.indsatsId),
    bestilling: one((ids) => bestillingerByIds(ctx, ids), (b) => b.id),
    bestillingerByIndsats: many((ids) => bestillingerByIndsatsIds(ctx, ids), (b) => b.indsatsId),
    indsatsmaalByIndsats: many((ids) => indsatsmaalByIndsatsIds(ctx, ids), (m) => m.indsatsId),
    opfoelgning: one((ids) => opfoelgningerByIds(ctx, ids), (o) => o.id),
    opfoelgningerByIndsats: many((ids) => opfoelgningerByIndsatsIds(ctx, ids), (o) => o.indsatsId),
    borger: one((ids) => borgereByIds(ctx, ids), (b) => b.id),
    borgerByCpr: borgerByCpr(ctx),
    maalgrupperByBorger: many((ids) => maalgrupperByBorgerIds(ctx, ids), (m) => m.borgerId),
    funktionsevneByBorger: many((ids) => funktionsevneByBorgerIds(ctx, ids), (f) => f.borgerId),
    stoettebehovByBorger: many((ids) => stoettebehovByBorgerIds(ctx, ids), (s) => s.borgerId),
    team: one((ids) => teamsBy(ctx, 'team_id', ids), (t) => t.id),
    teamsByEnhed: many((ids) => teamsBy(ctx, 'enhed_id', ids), (t) => t.enhedId),
    organisationsenhed: one((ids) => enhederByIds(ctx, ids), (e) => e.id),
    sagsbehandler: one((ids) => sagsbehandlereBy(ctx, 'sagsbehandler_id', ids), (s) => s.id),
    sagsbehandlereByTeam: many((ids) => sagsbehandlereBy(ctx, 'team_id', ids), (s) => s.teamId),
    leverandoer: one((ids) => leverandoererByIds(ctx, ids, ctx.omit?.leverandoer), (l) => l.id),
  };
}
