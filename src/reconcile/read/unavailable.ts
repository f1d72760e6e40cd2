import { isSourceError } from '../../../connectors/shared/source-error';
import type { ReadDeps } from './deps';

/** A source value for provenance: its value, or "could not be asked" (down), never a silent null. */
export interface Asked<T> {
  value: T | null;
  down: boolean;
}

/**
 * Asks one source for a provenance view. A source failure becomes an explicit "unavailable" value and a
 * SOURCE_UNAVAILABLE warning on the response; anything else (a bug) is thrown.
 */
export async function orUnavailable<T>(deps: Pick<ReadDeps, 'warn'>, source: string, f: () => Promise<T>): Promise<Asked<T>> {
  try {
    return { value: await f(), down: false };
  } catch (e) {
    if (!isSourceError(e)) throw e;
    deps.warn({ type: 'WARNING', code: 'SOURCE_UNAVAILABLE', message: `${source} could not be asked; its value is shown as unavailable` });
    return { value: null, down: true };
  }
}
