import type { Knex } from 'knex';
import { GraphQLError } from 'graphql';
import type { Principal } from './principal';
import type { Purpose } from './policy';
import type { RateLimiter } from './limits/rate-limiter';
import type { Pseudonymizer } from './pseudonym';
import { sealedCursors, type CursorCodec } from '../pagination/cursor';
import { createRequestAccessLog } from './access-log/writer';
import { readAccessLog, type AdgangslogpostRow } from './access-log/reader';

/**
 * Everything a request's resolvers need to honour the policy for personal data: log each citizen read once
 * (before returning it; fail closed), enforce the caps on citizens touched per request and per user per
 * minute, and give the caller's keyed pseudonym.
 */
export interface RequestAccess {
  recordCitizens(cprs: readonly string[]): Promise<void>;
  pseudonym(cpr: string): string;
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
}

export function createRequestAccess(d: RequestAccessDeps): RequestAccess {
  const perRequest = d.principal.budget.citizensPerRequest;
  const perMinute = d.principal.budget.citizensPerMinute;
  const log = d.purpose
    ? createRequestAccessLog(d.db, { principal: d.principal, purpose: d.purpose, operation: d.operation, transactionId: d.transactionId, now: d.now })
    : null;
  const counted = new Set<string>();
  return {
    async recordCitizens(cprs) {
      if (!cprs.length) return;
      // the guard refuses citizen-level documents without a purpose for roles that need one; this is the backstop
      if (!log) throw new GraphQLError('Citizen data needs a purpose: set the "x-formaal" header', { extensions: { code: 'PURPOSE_REQUIRED' } });
      const fresh = [...new Set(cprs)].filter((c) => !counted.has(c));
      if (fresh.length) {
        // checked and reserved synchronously: sibling fields resolve concurrently and must not both pass
        if (counted.size + fresh.length > perRequest) {
          throw new GraphQLError(`This request touches more than ${perRequest} citizens, the limit for your role`, { extensions: { code: 'CITIZEN_LIMIT_PER_REQUEST', limit: perRequest } });
        }
        for (const c of fresh) counted.add(c);
        const inMinute = await d.rateLimiter.add(`citizens:${d.principal.userId}`, fresh.length);
        if (inMinute > perMinute) {
          for (const c of fresh) counted.delete(c); // a later read of the same citizen in this request is refused too
          throw new GraphQLError(`You have read more than ${perMinute} citizens in the last minute; try again shortly`, { extensions: { code: 'CITIZEN_LIMIT_PER_MINUTE', limit: perMinute } });
        }
      }
      await log.record(cprs);
    },
    async readLog(cpr, periode) {
      await this.recordCitizens([cpr]);
      return readAccessLog(d.db, cpr, periode);
    },
    cursors(binding) {
      return sealedCursors(d.pseudonymizer.keyFor('cursor'), `${d.principal.role}|${binding}`);
    },
    pseudonym(cpr) {
      return d.pseudonymizer.pseudonym(d.principal.policy.pseudonymDomain, cpr);
    },
  };
}
