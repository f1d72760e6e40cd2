import type { Knex } from 'knex';
import { keyedLoader, groupBy } from '../../connectors/shared/keyed-loader';
import { SourceError, classifyTransportError } from '../../connectors/shared/source-error';
import type { Freshness, Matchregel, PosteringMatch, ReconciledRequest } from './types';

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

function storeError(e: unknown): SourceError {
  return new SourceError({ source: 'gateway-store', code: classifyTransportError(e) ?? 'SOURCE_QUERY_FAILED', cause: e });
}

/** Per-request loaders over the reconciled store: one query per batch of indsatser. */
export function createReconciledReads(db: Knex) {
  return {
    forRequest(): ReconciledRequest {
      return {
        matchesByIndsats: keyedLoader<number, PosteringMatch[]>(async (ids) => {
          let rows: MatchRow[];
          try {
            rows = await db('postering_match')
              .select('postering_id', 'bilagsnr', 'indsats_id', 'regel', 'confidence', 'beloeb_oere', 'periode_fra', 'periode_til')
              .whereIn('indsats_id', [...ids])
              .orderBy([{ column: 'periode_fra' }, { column: 'postering_id' }]);
          } catch (e) {
            throw storeError(e);
          }
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
        }, () => []),
        async freshness(): Promise<Freshness> {
          try {
            const last = await db('afstemning_koersel').where({ status: 'OK' }).orderBy('koersel_id', 'desc').first('afsluttet', 'posteringer_til');
            return { senestKoert: last?.afsluttet ? new Date(last.afsluttet).toISOString() : null, posteringerTil: last?.posteringer_til ?? null };
          } catch (e) {
            throw storeError(e);
          }
        },
      };
    },
  };
}
