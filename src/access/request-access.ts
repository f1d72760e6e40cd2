import type { Knex } from 'knex';
import { GraphQLError } from 'graphql';
import { toGlobalId } from '../graphql/global-id';
import { sealedCursors, type CursorCodec } from '../pagination/cursor';
import type { Principal } from './principal';
import { seesCitizensByPseudonym, type Purpose } from './policy';
import type { RateLimiter } from './limits/rate-limiter';
import type { Pseudonymizer } from './pseudonym';
import { createRequestAccessLog } from './access-log/writer';
import type { AccessLogEmployees } from './access-log/employees';
import { readAccessLog, type AdgangslogpostRow } from './access-log/reader';

/**
 * Everything a request's resolvers need to honour the policy for personal data: log each citizen read once
 * (before returning it; fail closed), enforce the caps on citizens touched per request and per user per
 * minute, and give the caller's keyed pseudonym.
 */
export interface RequestAccess {
  /**
   * Checks the caps and starts logging the read of these citizens. The log row is durable before the answer
   * leaves (the engine awaits `logged()` before sending, and a failed write replaces the whole answer by an
   * error: fail closed), but the rest of the query runs meanwhile instead of waiting for the INSERT.
   * `{ now: true }` waits for the row itself (a CPR lookup is logged before the source is asked).
   */
  recordCitizens(cprs: readonly string[], opts?: { now?: boolean }): Promise<void>;
  /** Resolves when every log write this request started is durable; rejects with the first that failed. */
  logged(): Promise<void>;
  pseudonym(cpr: string): string;
  /**
   * Borger's global id. For roles that see citizens by pseudonym it is sealed in their pseudonym domain (it
   * does not decode to the fagsystem's citizen id, and differs across domains), so ids cannot link the
   * per-purpose pseudonyms; other roles get the plain `Borger:<id>`.
   */
  borgerGlobalId(borgerId: number): string;
  /** The fagsystem id behind a Borger global id's key, or null when this role may not use such an id. */
  borgerIdOf(key: string): number | null;
  /** sealed cursors for one list and ordering, bound to this request's role (src/pagination/cursor) */
  cursors(binding: string): CursorCodec;
  /** the citizen-facing access log for one CPR (itself a citizen-level read, and logged as one) */
  readLog(cpr: string, periode?: { fra?: string | null; til?: string | null } | null): Promise<AdgangslogpostRow[]>;
}

export interface RequestAccessDeps {
  db: Knex;
  principal: Principal;
  purpose: Purpose | null;
  operation: string;
  transactionId: string;
  now: () => Date;
  rateLimiter: RateLimiter;
  pseudonymizer: Pseudonymizer;
  /** the app's employee rows of the access log, in `db` */
  employees: AccessLogEmployees;
}

export function createRequestAccess(d: RequestAccessDeps): RequestAccess {
  const perRequest = d.principal.budget.citizensPerRequest;
  const perMinute = d.principal.budget.citizensPerMinute;
  const log = d.purpose
    ? createRequestAccessLog(d.db, {
        principal: d.principal,
        purpose: d.purpose,
        operation: d.operation,
        transactionId: d.transactionId,
        now: d.now,
        employees: d.employees,
      })
    : null;
  const counted = new Set<string>();
  const pseudonymous = seesCitizensByPseudonym(d.principal.policy);
  let seal: CursorCodec | undefined;
  const writes: Promise<void>[] = [];
  let failed: unknown = null;
  const idSeal = () => (seal ??= sealedCursors(d.pseudonymizer.keyFor('borger-id'), d.principal.policy.pseudonymDomain));
  return {
    async recordCitizens(cprs, opts) {
      if (!cprs.length) return;
      // the guard refuses citizen-level documents without a purpose for roles that need one; this is the backstop
      if (!log) throw new GraphQLError('Citizen data needs a purpose: set the "x-formaal" header', { extensions: { code: 'PURPOSE_REQUIRED' } });
      const fresh = [...new Set(cprs)].filter((c) => !counted.has(c));
      if (fresh.length) {
        // checked and reserved synchronously: sibling fields resolve concurrently and must not both pass
        if (counted.size + fresh.length > perRequest) {
          throw new GraphQLError(`This request touches more than ${perRequest} citizens, the limit for your role`, {
            extensions: { code: 'CITIZEN_LIMIT_PER_REQUEST', limit: perRequest },
          });
        }
        for (const c of fresh) counted.add(c);
        const inMinute = await d.rateLimiter.add(`citizens:${d.principal.userId}`, fresh.length);
        if (inMinute > perMinute) {
          for (const c of fresh) counted.delete(c); // a later read of the same citizen in this request is refused too
          throw new GraphQLError(`You have read more than ${perMinute} citizens in the last minute; try again shortly`, {
            extensions: { code: 'CITIZEN_LIMIT_PER_MINUTE', limit: perMinute },
          });
        }
      }
      const write = log.record(cprs);
      // waited for here, a failure fails this field (as a CPR lookup must)
      if (opts?.now) return write;
      // held, not left floating: a failure is kept for logged() (and never becomes an unhandled rejection)
      writes.push(write.catch((e: unknown) => void (failed ??= e)));
    },
    async logged() {
      // writes started while waiting (a resolver still running) are waited for too
      for (let n = 0; n < writes.length; n = writes.length) await Promise.all(writes.slice(n));
      if (failed) throw failed;
    },
    async readLog(cpr, periode) {
      await this.recordCitizens([cpr], { now: true });
      return readAccessLog(d.db, cpr, periode);
    },
    borgerGlobalId(borgerId) {
      if (!pseudonymous) return toGlobalId('Borger', borgerId);
      return toGlobalId('Borger', `p${idSeal().encode({ v: null, id: borgerId })}`);
    },
    borgerIdOf(key) {
      if (!pseudonymous) return /^[1-9][0-9]{0,14}$/.test(key) ? Number(key) : null;
      if (!key.startsWith('p')) return null; // a plain fagsystem id would link the pseudonym to the case system
      try {
        return idSeal().decode(key.slice(1), 'id').id;
      } catch {
        return null;
      }
    },
    cursors(binding) {
      return sealedCursors(d.pseudonymizer.keyFor('cursor'), `${d.principal.role}|${binding}`);
    },
    pseudonym(cpr) {
      return d.pseudonymizer.pseudonym(d.principal.policy.pseudonymDomain, cpr);
    },
  };
}
