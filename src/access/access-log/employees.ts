import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { Lru } from '../lru';
import type { Principal } from '../principal';

/**
 * The employees named by the access log (adgangslog_medarbejder) of one store: a log row carries the employee's
 * reference, and the employee's own row is written once. Made once per app with its store (src/server/app) and
 * shared by the per-citizen access log and the aggregate log, which use the same table and key.
 */
export interface AccessLogEmployees {
  /** the employee's reference: a hash of who they are and in which roles, team and unit */
  ref(p: Principal): string;
  /** Writes the employee's row unless this app already did; returns the reference. Throws what the store throws. */
  ensure(p: Principal): Promise<string>;
}

export function accessLogEmployees(db: Knex): AccessLogEmployees {
  // the same employees come back request after request: each is hashed once (bounded), not per request
  const refs = new Lru<string, string>(10_000);
  // rows already in the store: after an employee's first request, a log write is one INSERT
  const written = new Set<string>();
  const ref = (p: Principal): string => {
    const who = `${p.userId}|${p.roles.join(',')}|${p.teamId ?? ''}|${p.enhedId ?? ''}`;
    let r = refs.get(who);
    if (r === undefined) refs.set(who, (r = createHash('sha256').update(who).digest('hex').slice(0, 32)));
    return r;
  };
  return {
    ref,
    async ensure(p) {
      const r = ref(p);
      if (written.has(r)) return r;
      await db('adgangslog_medarbejder')
        .insert({ medarbejder_ref: r, bruger_id: p.userId, roller: p.roles.join(','), team_id: p.teamId, enhed_id: p.enhedId })
        .onConflict('medarbejder_ref')
        .ignore();
      written.add(r);
      return r;
    },
  };
}
