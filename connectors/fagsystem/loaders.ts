import type DataLoader from 'dataloader';
import { groupBy, indexBy, keyedLoader } from '../shared/keyed-loader';
import type { FagsystemRequest } from './types';
import type { QueryContext } from './context';
import { afgoerelserByIds, afgoerelserBySagIds, sagerByBorgerIds, sagerByIds, sagerBySagsnummer } from './queries/sager';
import {
  bestillingerByIds,
  bestillingerByIndsatsIds,
  indsatserByAfgoerelseIds,
  indsatserByIds,
  indsatserBySagIds,
  indsatsmaalByIndsatsIds,
  ydelserByIndsatsIds,
} from './queries/indsatser';
import { borgereByCprs, borgereByIds, funktionsevneByBorgerIds, maalgrupperByBorgerIds, stoettebehovByBorgerIds } from './queries/borgere';
import { opfoelgningerByIds, opfoelgningerByIndsatsIds } from './queries/opfoelgninger';
import { enhederByIds, leverandoererByIds, sagsbehandlereBy, teamsBy } from './queries/organisation';

/**
 * The per-request loaders: each batch is ONE SQL statement (`where <key> in (…)`, the scope as a subquery
 * in the same statement), and results go back to the asking key by key (keyedLoader), never by position —
 * a missing or out-of-scope key gets null / [] exactly like one that does not exist.
 */
type Loaders = Pick<
  FagsystemRequest,
  {
    [K in keyof FagsystemRequest]: FagsystemRequest[K] extends DataLoader<never, unknown> ? K : never;
  }[keyof FagsystemRequest]
>;

function one<K, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (v: V) => K): DataLoader<K, V | null> {
  return keyedLoader<K, V | null>(
    async (keys) => indexBy(await fetch(keys), keyOf),
    () => null,
  );
}

function many<K, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (v: V) => K): DataLoader<K, V[]> {
  return keyedLoader<K, V[]>(
    async (keys) => groupBy(await fetch(keys), keyOf),
    () => [],
  );
}

/** The fagsystem stores CPR as 10 digits; callers may write DDMMYY-SSSS. Never logged, never in a message. */
function normaliseCpr(key: string): string {
  return key.replace(/[\s-]/g, '');
}

function borgerByCpr(ctx: QueryContext): FagsystemRequest['borgerByCpr'] {
  return keyedLoader(
    async (keys: readonly string[]) => {
      const wanted = [...new Set(keys.map(normaliseCpr).filter((c) => /^\d{10}$/.test(c)))];
      const found = indexBy(wanted.length ? await borgereByCprs(ctx, wanted) : [], (b) => b.cpr as string);
      return new Map(keys.map((k) => [k, found.get(normaliseCpr(k)) ?? null]));
    },
    () => null,
  );
}

/** How each loader is made; made only when a resolver first asks for it (most requests touch a few). */
const FACTORIES: { [K in keyof Loaders]: (ctx: QueryContext) => Loaders[K] } = {
  sag: (ctx) =>
    one(
      (ids) => sagerByIds(ctx, ids),
      (s) => s.id,
    ),
  sagBySagsnummer: (ctx) =>
    one(
      (nrs) => sagerBySagsnummer(ctx, nrs),
      (s) => s.sagsnummer,
    ),
  sagerByBorger: (ctx) =>
    many(
      (ids) => sagerByBorgerIds(ctx, ids),
      (s) => s.borgerId,
    ),
  afgoerelse: (ctx) =>
    one(
      (ids) => afgoerelserByIds(ctx, ids),
      (a) => a.id,
    ),
  afgoerelserBySag: (ctx) =>
    many(
      (ids) => afgoerelserBySagIds(ctx, ids),
      (a) => a.sagId,
    ),
  indsats: (ctx) =>
    one(
      (ids) => indsatserByIds(ctx, ids),
      (i) => i.id,
    ),
  indsatserBySag: (ctx) =>
    many(
      (ids) => indsatserBySagIds(ctx, ids),
      (i) => i.sagId,
    ),
  indsatserByAfgoerelse: (ctx) =>
    many(
      (ids) => indsatserByAfgoerelseIds(ctx, ids),
      (i) => i.afgoerelseId,
    ),
  ydelserByIndsats: (ctx) =>
    many(
      (ids) => ydelserByIndsatsIds(ctx, ids),
      (y) => y.indsatsId,
    ),
  bestilling: (ctx) =>
    one(
      (ids) => bestillingerByIds(ctx, ids),
      (b) => b.id,
    ),
  bestillingerByIndsats: (ctx) =>
    many(
      (ids) => bestillingerByIndsatsIds(ctx, ids),
      (b) => b.indsatsId,
    ),
  indsatsmaalByIndsats: (ctx) =>
    many(
      (ids) => indsatsmaalByIndsatsIds(ctx, ids),
      (m) => m.indsatsId,
    ),
  opfoelgning: (ctx) =>
    one(
      (ids) => opfoelgningerByIds(ctx, ids),
      (o) => o.id,
    ),
  opfoelgningerByIndsats: (ctx) =>
    many(
      (ids) => opfoelgningerByIndsatsIds(ctx, ids),
      (o) => o.indsatsId,
    ),
  borger: (ctx) =>
    one(
      (ids) => borgereByIds(ctx, ids),
      (b) => b.id,
    ),
  borgerByCpr: (ctx) => borgerByCpr(ctx),
  maalgrupperByBorger: (ctx) =>
    many(
      (ids) => maalgrupperByBorgerIds(ctx, ids),
      (m) => m.borgerId,
    ),
  funktionsevneByBorger: (ctx) =>
    many(
      (ids) => funktionsevneByBorgerIds(ctx, ids),
      (f) => f.borgerId,
    ),
  stoettebehovByBorger: (ctx) =>
    many(
      (ids) => stoettebehovByBorgerIds(ctx, ids),
      (s) => s.borgerId,
    ),
  team: (ctx) =>
    one(
      (ids) => teamsBy(ctx, 'team_id', ids),
      (t) => t.id,
    ),
  teamsByEnhed: (ctx) =>
    many(
      (ids) => teamsBy(ctx, 'enhed_id', ids),
      (t) => t.enhedId,
    ),
  organisationsenhed: (ctx) =>
    one(
      (ids) => enhederByIds(ctx, ids),
      (e) => e.id,
    ),
  sagsbehandler: (ctx) =>
    one(
      (ids) => sagsbehandlereBy(ctx, 'sagsbehandler_id', ids),
      (s) => s.id,
    ),
  sagsbehandlereByTeam: (ctx) =>
    many(
      (ids) => sagsbehandlereBy(ctx, 'team_id', ids),
      (s) => s.teamId,
    ),
  leverandoer: (ctx) =>
    one(
      (ids) => leverandoererByIds(ctx, ids, ctx.omit?.leverandoer),
      (l) => l.id,
    ),
};

const CTX = Symbol('ctx');

/** The request's loaders as lazy getters on one prototype: a request allocates one object, not 25 DataLoaders. */
class RequestLoaders {
  readonly [CTX]: QueryContext;
  constructor(ctx: QueryContext) {
    this[CTX] = ctx;
  }
}
for (const name of Object.keys(FACTORIES) as Array<keyof Loaders>) {
  Object.defineProperty(RequestLoaders.prototype, name, {
    enumerable: true, // `for … in` lists the loaders (they are inherited, not own properties)
    get(this: RequestLoaders) {
      const loader = FACTORIES[name](this[CTX]);
      Object.defineProperty(this, name, { value: loader, enumerable: true });
      return loader;
    },
  });
}

export function createLoaders(ctx: QueryContext): Loaders {
  return new RequestLoaders(ctx) as unknown as Loaders;
}
