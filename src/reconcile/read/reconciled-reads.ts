import type { Knex } from 'knex';
import { DEFAULT_POLICY, type PrecedencePolicy } from '../../domain/provenance-policy';
import { keyedLoader, groupBy } from '../../../connectors/shared/keyed-loader';
import { SourceError, classifyTransportError } from '../../../connectors/shared/source-error';
import type { Matchregel, PosteringMatch } from '../rules/types';
import type { Freshness, ReconcileTrigger, ReconciledRequest } from './types';
import { readMatchStates } from './store-reads';
import { ADVISORY_LOCKS, isAdvisoryLockHeld } from '../../store/advisory-locks';
import { listKoersler } from './koersler';
import { countPerArt, listAfvigelser } from './findings/query';
import { prissammenligning, prisoversigtByIndsats } from './comparison/query';
import { decisionHistory, listDecisionStates, recordDecision } from './decisions/store';
import { DecisionError } from '../rules/decisions/types';
import type { LeverandoerKreditorLink, Evidens } from '../rules/identity/types';

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
    forRequest(): ReconciledRequest {
      return {
        matchesByIndsats: keyedLoader<number, PosteringMatch[]>(
          (ids) =>
            guarded(async () => {
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
        matchByPostering: keyedLoader((ids) => guarded(() => readMatchStates(db, ids)), () => null),
        prisoversigtByIndsats: keyedLoader((ids) => guarded(() => prisoversigtByIndsats(db, ids, policy)), () => null),
        kreditorerByLeverandoer: keyedLoader<number, LeverandoerKreditorLink[]>(
          (ids) =>
            guarded(async () => {
              const rows = await db('leverandoer_kreditor').whereIn('leverandoer_id', [...ids]).orderBy('kreditor_nr');
              return groupBy(
                rows.map((r: Record<string, unknown>) => ({ leverandoerId: Number(r.leverandoer_id), kreditorNr: String(r.kreditor_nr), evidens: String(r.evidens).split(',').filter(Boolean) as Evidens[] })),
                (l) => l.leverandoerId,
              );
            }),
          () => [],
        ),
        attributKonflikter: keyedLoader<string, string[] | null>(
          (keys) =>
            guarded(async () => {
              const pairs = keys.map((k) => k.split(':'));
              const rows = await db('attribut_kontrol').whereIn(['entitet', 'entitet_id'], pairs.map(([e, id]) => [e!, Number(id)]));
              return new Map(rows.map((r: Record<string, unknown>) => [`${r.entitet}:${r.entitet_id}`, String(r.konflikter).split(',').filter(Boolean)]));
            }),
          () => null,
        ),
        beslutningerByPostering: keyedLoader((ids) => guarded(() => decisionHistory(db, ids)), () => []),
        beslutningTilstande: (opts) => guarded(() => listDecisionStates(db, opts)),
        freshness: () =>
          guarded(async (): Promise<Freshness> => {
            const last = await db('afstemning_koersel').where({ status: 'OK' }).orderBy('koersel_id', 'desc').first('afsluttet', 'posteringer_til');
            return { senestKoert: last?.afsluttet ? new Date(last.afsluttet).toISOString() : null, posteringerTil: last?.posteringer_til ?? null, koerer: await isAdvisoryLockHeld(db, ADVISORY_LOCKS.reconciliation) };
          }),
        koersler: (limit) => guarded(() => listKoersler(db, limit)),
        afvigelser: (q) => guarded(() => listAfvigelser(db, q)),
        afvigelseAntal: (q) => guarded(() => countPerArt(db, q.filter)),
        prissammenligning: (q) => guarded(() => prissammenligning(db, q, policy)),
        registrerBeslutning: (input) => guarded(() => recordDecision(db, input)),
        policy,
        get trigger() {
          return opts.trigger?.() ?? null;
        },
      };
    },
  };
}
