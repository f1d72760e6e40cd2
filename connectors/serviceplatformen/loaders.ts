import DataLoader from 'dataloader';
import type { CallContext } from '../shared/call-context';
import type { CprPerson, CvrVirksomhed, Produktionsenhed } from '../../src/domain/model';
import { checkCpr, type Cpr } from '../../src/domain/identifiers/cpr';
import { cvrError } from '../../src/domain/identifiers/cvr';
import { pnummerError } from '../../src/domain/identifiers/pnummer';
import type { SharedLookup } from './shared-lookup';

/** "150482-1235" and "1504821235" are one person; null for what cannot be a CPR (it cannot be in the register). */
export function canonicalCpr(key: string): Cpr | null {
  return checkCpr(key).cpr;
}

export function canonicalCvr(key: string): string | null {
  const v = key.trim();
  return cvrError(v) === null ? v : null;
}

export function canonicalPnummer(key: string): string | null {
  const v = key.trim();
  return pnummerError(v) === null ? v : null;
}

/**
 * A per-request loader over a process-wide look-up. The platform answers one number per call, so each key
 * settles on its own: the batch is "one call per distinct key", results belong to their key by construction,
 * and one failed call fails only its own key. Keys that cannot be a number resolve to null without a billed
 * call (sent, they would only earn a MALFORMED_* fault).
 */
function perKeyLoader<V>(
  lookup: SharedLookup<V | null>,
  canonical: (key: string) => string | null,
  call: CallContext | undefined,
): DataLoader<string, V | null> {
  return new DataLoader<string, V | null, string>(
    async (keys) =>
      Promise.all(
        keys.map((key) => {
          const c = canonical(key);
          return c === null ? null : lookup.get(c, call).catch((err: unknown) => (err instanceof Error ? err : new Error('look-up failed')));
        }),
      ),
    // one entry per person/company within the request, however the key was written
    { cacheKeyFn: (key) => canonical(key) ?? key },
  );
}

export interface SharedLookups {
  person: SharedLookup<CprPerson | null>;
  virksomhed: SharedLookup<CvrVirksomhed | null>;
  produktionsenhed: SharedLookup<Produktionsenhed | null>;
}

/** `call`: the request, whose transaction id goes with the calls it starts (a call it joins keeps its starter's) */
export function createLoaders(shared: SharedLookups, call?: CallContext) {
  return {
    person: perKeyLoader(shared.person, canonicalCpr, call),
    virksomhed: perKeyLoader(shared.virksomhed, canonicalCvr, call),
    produktionsenhed: perKeyLoader(shared.produktionsenhed, canonicalPnummer, call),
  };
}
