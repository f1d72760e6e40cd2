import type { Knex } from 'knex';
import { expect } from 'vitest';
import { startReconciliation, type ReconcileScheduler } from '../../src/reconcile/job/scheduler';
import { startTestStack, type TestStack } from './gateway';

type StackOptions = Omit<NonNullable<Parameters<typeof startTestStack>[0]>, 'beforeListen'>;

/**
 * A gateway stack whose store already holds one full reconciliation run, made before the gateway listens (so
 * no request sees a half-written store), at the municipality's own date.
 */
export async function startReconciledStack(opts: StackOptions = {}): Promise<{ stack: TestStack; scheduler: ReconcileScheduler }> {
  let scheduler: ReconcileScheduler | undefined;
  const stack = await startTestStack({
    ...opts,
    beforeListen: async (p) => {
      scheduler = startReconciliation({
        db: p.store.db,
        connectors: p.connectors,
        clock: () => new Date(`${p.municipality.asOf}T12:00:00Z`),
        runAtStart: false,
      });
      expect((await scheduler.runNow('FULD', 'START')).status).toBe('OK');
    },
  });
  return { stack, scheduler: scheduler! };
}

/** The team with the most cases, and its unit: the caller whose row rules leave the most to see (SQL on the fagsystem). */
export async function busiestTeam(fag: Knex): Promise<{ team: number; enhed: number }> {
  const top = await fag('sag as s')
    .join('team as t', 't.team_id', 's.team_id')
    .groupBy('s.team_id', 't.enhed_id')
    .orderByRaw('count(*) desc')
    .first('s.team_id', 't.enhed_id');
  return { team: Number(top.team_id), enhed: Number(top.enhed_id) };
}
