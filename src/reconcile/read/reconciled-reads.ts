import type { Knex } from 'knex';
import { DEFAULT_POLICY, type PrecedencePolicy } from '../../domain/provenance-policy';
import { keyedLoader, groupBy } from '../../../connectors/shared/keyed-loader';
import { SourceError, classifyTransportError } from '../../../connectors/shared/source-error';
import { readOnceMore } from '../../../connectors/shared/read-once-more';
import type { Matchregel, PosteringMatch } from '../rules/types';
import { DecisionError } from '../rules/decisions/types';
import type { LeverandoerKreditorLink, Evidens } from '../rules/identity/types';
import type { Freshness, ReconcileTrigger, ReconciledRequest } from './types';
import { readMatchStates } from './store-reads';
import { isRunning, listKoersler } from './koersler';
import { countPerArt, listAfvigelser } from './afvigelser/query';
import { prissammenligning, prisoversigtByIndsats } from './comparison/query';
import { decisionHistory, listDecisionStates, recordDecision } from './decisions/store';
import { postingsInScope, type TeamScope } from './row-scope';

interface MatchRow {
  postering_id: number;
  bilagsnr: string;
  indsats_id: number;
  regel: string;
  confidence: string;
  beloeb_oere: number | string;
  periode_fra: string;
  periode_til: string;
}

function storeError(e: unknown): unknown {
  // a caller's mistake (a manual decision that cannot be made) is not a store failure
  if (e instanceof DecisionError || e instanceof SourceError) return e;
  return new SourceError({ source: 'gateway-store', code: classifyTransportError(e) ?? 'SOURCE_QUERY_FAILED', cause: e });
}

async function guarded<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw storeError(e);
  }
}

/** A read of the store: asked once more when it met a connection the server had just ended (read-once-more.ts). */
const guardedRead = <T>(f: () => Promise<T>): Promise<T> => guarded(() => readOnceMore(f));

const withScope = <F extends object>(f: F, teams: readonly number[] | null): F => (teams === null ? f : { ...f, scopeTeamIds: teams });

/** Per-request loaders and queries over the reconciled store: one statement per batch of keys. */
export interface ReconciledReadsOptions {
  /** the on-demand trigger of the job runner in this process, if any (injected: requests never import the job) */
  trigger?: () => ReconcileTrigger | null;
  /** which source wins per attribute (default: DEFAULT_POLICY) */
  policy?: PrecedencePolicy;
}

export function createReconciledReads(db: Knex, opts: ReconciledReadsOptions = {}) {
  const policy = opts.policy ?? DEFAULT_POLICY;
  return {
    /** `teamScope`: the caller's row rule as teams (src/reconcile/row-scope); absent = every row (jobs, tests) */
    forRequest(teamScope: TeamScope = async () => null): ReconciledRequest {
      let teams: Promise<readonly number[] | null> | undefined;
      const scope = () => (teams ??= teamScope());
      /** keeps only the entries whose posting is matched to an indsats of the scope */
      const onlyScopedPostings = async <V>(m: Map<number, V>): Promise<Map<number, V>> => {
        const t = await scope();
        if (t === null) return m;
        const ok = await postingsInScope(db, [...m.keys()], t);
        return new Map([...m].filter(([id]) => ok.has(id)));
      };
      return {
        matchesByIndsats: keyedLoader<number, PosteringMatch[]>(
          (ids) =>
            guardedRead(async () => {
              const rows: MatchRow[] = await db('postering_match')
                .select('postering_id', 'bilagsnr', 'indsats_id', 'regel', 'confidence', 'beloeb_oere', 'periode_fra', 'periode_til')
                .whereIn('indsats_id', [...ids])
                .orderBy([{ column: 'periode_fra' }, { column: 'postering_id' }]);
              return groupBy(
                rows.map((r) => ({
                  posteringId: Number(r.postering_id),
                  bilagsnr: r.bilagsnr,
                  indsatsId: r.indsats_id,
                  regel: r.regel as Matchregel,
                  confidence: Number(r.confidence),
                  beloebOere: Number(r.beloeb_oere),
                  periodeFra: r.periode_fra,
                  periodeTil: r.periode_til,
                })),
                (m) => m.indsatsId,
              );
            }),
          () => [],
        ),
        matchByPostering: keyedLoader(
          (ids) => guardedRead(async () => onlyScopedPostings(await readMatchStates(db, ids))),
          () => null,
        ),
        prisoversigtByIndsats: keyedLoader(
          (ids) => guardedRead(() => prisoversigtByIndsats(db, ids, policy)),
          () => null,
        ),
        kreditorerByLeverandoer: keyedLoader<number, LeverandoerKreditorLink[]>(
          (ids) =>
            guardedRead(async () => {
              const rows = await db('leverandoer_kreditor')
                .whereIn('leverandoer_id', [...ids])
                .orderBy('kreditor_nr');
              return groupBy(
                rows.map((r: Record<string, unknown>) => ({
                  leverandoerId: Number(r.leverandoer_id),
                  kreditorNr: String(r.kreditor_nr),
                  evidens: String(r.evidens).split(',').filter(Boolean) as Evidens[],
                })),
                (l) => l.leverandoerId,
              );
            }),
          () => [],
        ),
        beslutningerByPostering: keyedLoader(
          (ids) => guardedRead(async () => onlyScopedPostings(await decisionHistory(db, ids))),
          () => [],
        ),
        beslutningTilstande: (opts) => guardedRead(async () => listDecisionStates(db, withScope(opts, await scope()))),
        freshness: () =>
          guardedRead(async (): Promise<Freshness> => {
            const last = await db('afstemning_koersel').where({ status: 'OK' }).orderBy('koersel_id', 'desc').first('afsluttet', 'posteringer_til');
            return {
              senestKoert: last?.afsluttet ? new Date(last.afsluttet).toISOString() : null,
              posteringerTil: last?.posteringer_til ?? null,
              koerer: await isRunning(db),
            };
          }),
        koersler: (limit) => guardedRead(() => listKoersler(db, limit)),
        afvigelser: (q) => guardedRead(async () => listAfvigelser(db, { ...q, filter: withScope(q.filter, await scope()) })),
        afvigelseAntal: (q) => guardedRead(async () => countPerArt(db, withScope(q.filter, await scope()))),
        prissammenligning: (q) => guardedRead(async () => prissammenligning(db, { ...q, filter: withScope(q.filter, await scope()) }, policy)),
        registrerBeslutning: (input) => guarded(() => recordDecision(db, input)),
        policy,
        get trigger() {
          return opts.trigger?.() ?? null;
        },
      };
    },
  };
}
