import type { Knex } from 'knex';
import { expect } from 'vitest';
import { startReconciliation, type ReconcileScheduler } from '../../src/reconcile/job/scheduler';
import { startTestStack, type TestStack } from './gateway';

type StackOptions = Omit<NonNullable<Parameters<typeof startTestStack>[0]>, 'beforeListen' | 'reconcileTrigger'>;
type Prepared = Parameters<NonNullable<NonNullable<Parameters<typeof startTestStack>[0]>['beforeListen']>>[0];

/**
 * A gateway stack whose store already holds one full reconciliation run, made before the gateway listens (so
 * no request sees a half-written store), at the municipality's own date. `beforeRun` changes the sources first
 * (e.g. plants a row the test needs); `trigger` lets the API start runs (`koerAfstemning`) through the same
 * scheduler.
 */
export async function startReconciledStack(
  opts: StackOptions & { trigger?: boolean; beforeRun?: (p: Prepared) => Promise<void> } = {},
): Promise<{ stack: TestStack; scheduler: ReconcileScheduler }> {
  const { trigger, beforeRun, ...stackOptions } = opts;
  let scheduler: ReconcileScheduler | undefined;
  const stack = await startTestStack({
    ...stackOptions,
    ...(trigger ? { reconcileTrigger: () => scheduler?.trigger ?? null } : {}),
    beforeListen: async (p) => {
      await beforeRun?.(p);
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
