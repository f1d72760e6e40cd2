import { DecisionError, type BeslutningResultat, type Handling } from '../rules/decisions/types';
import type { ReadDeps } from './deps';

export interface BeslutningRequest {
  posteringId: number;
  handling: Handling;
  indsatsId: number | null;
  /** trimmed and checked by the caller (length, no CPR) */
  begrundelse: string;
  /** who decided (the authenticated principal's user id) */
  aktoer: string;
}

/**
 * Records a manual decision after checking, before any write, that the posting exists in the economy
 * system and the indsats is visible to the caller in the fagsystem: bad input changes nothing. A decision
 * that cannot be made is a DecisionError naming the argument to fix.
 */
export async function registrerBeslutning({ sources, now }: ReadDeps, r: BeslutningRequest): Promise<BeslutningResultat> {
  const posting = await sources.oekonomi.postering.load(r.posteringId);
  if (!posting) throw new DecisionError('postering', 'no posting with this id in the economy system');
  if (r.indsatsId !== null && !(await sources.fagsystem.indsats.load(r.indsatsId)))
    throw new DecisionError('indsats', 'no indsats with this id (or not visible to the caller)');
  return sources.reconciled.registrerBeslutning({ ...r, bilagsnr: posting.bilagsnr, tidspunkt: now() });
}
