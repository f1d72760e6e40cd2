import type { Knex } from 'knex';
import type { AggregateSource } from '../../connectors/shared/aggregate-source';
import type { AccessScope } from '../access/scope';
import type { Principal } from '../access/principal';
import type { Purpose } from '../access/policy';
import type { AccessLogEmployees } from '../access/access-log/employees';
import { logAnalyse, type AnalyseLogEntry } from './log/writer';
import { STANDARD_GRAENSE } from './suppression';
import type { Undertrykkelse } from './types';

/** The long-lived parts: the three databases that own data, and the suppression threshold. */
export interface AnalyticsSetup {
  sources: { fagsystem: AggregateSource; oekonomi: AggregateSource; store: AggregateSource };
  storeDb: Knex;
  /** the employee rows of the access log in storeDb (one per app, shared with the per-citizen log) */
  employees: AccessLogEmployees;
  /** small-cell threshold (ANALYSE_UNDERTRYK_GRAENSE, default 5) */
  graense?: number;
}

/** Per request: who asks (one role's policy), their rows, and where the one access-log row goes. */
export interface AnalyticsRequestContext {
  sources: AnalyticsSetup['sources'];
  scope: AccessScope;
  today: string;
  principal: Principal;
  suppression: { applies: boolean; graense: number; describe(n: number): Undertrykkelse };
  /** team ids of the caller's organisation unit(s) (for subjects outside the fagsystem) */
  enhedTeams(): Promise<number[]>;
  log(e: AnalyseLogEntry): Promise<void>;
}

export interface RequestFacts {
  principal: Principal;
  scope: AccessScope;
  purpose: Purpose | null;
  operation: string;
  transactionId: string;
  now: () => Date;
  today: string;
}

/**
 * Suppression applies to roles that see citizens only by pseudonym (no CPR in clear: oekonomi, bi): their
 * answers must not single out a person. Roles that may see the CPR of their own cases get exact small counts.
 */
export function createAnalyticsRequest(setup: AnalyticsSetup, r: RequestFacts): AnalyticsRequestContext {
  const graense = setup.graense ?? STANDARD_GRAENSE;
  const applies = !r.principal.policy.sees.has('cpr');
  let teams: Promise<number[]> | undefined;
  return {
    sources: setup.sources,
    scope: r.scope,
    today: r.today,
    principal: r.principal,
    suppression: {
      applies,
      graense,
      describe: (n) => ({
        anvendt: applies,
        graense,
        antalUndertrykte: n,
        forklaring: applies
          ? `Groups with fewer than ${graense} distinct citizens are suppressed (values null, undertrykt true), with one more group when only one would be (Danmarks Statistik's discretion practice).`
          : 'Not applied: your role may see the citizens of its cases.',
      }),
    },
    enhedTeams: () =>
      (teams ??= setup.sources.fagsystem
        .rows(`select team_id from team where enhed_id in (${(r.scope.enhedIds ?? []).map(() => '?').join(', ') || 'null'})`, r.scope.enhedIds ?? [])
        .then((rows) => rows.map((x) => Number(x.team_id)))),
    log: (e) =>
      logAnalyse(
        {
          db: setup.storeDb,
          employees: setup.employees,
          principal: r.principal,
          purpose: r.purpose,
          operation: r.operation,
          transactionId: r.transactionId,
          now: r.now,
        },
        e,
      ),
  };
}
