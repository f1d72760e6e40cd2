import type { SourcePolicy } from './resilience-policy';

/**
 * Which policy guards which connector instance, so health routes and metrics can read breaker state and
 * bulkhead use without widening every connector's interface. Weak: a closed, dropped connector leaves.
 */
const byConnector = new WeakMap<object, SourcePolicy>();
const live = new Set<SourcePolicy>();

export function attachPolicy<C extends object>(connector: C, policy: SourcePolicy): C {
  byConnector.set(connector, policy);
  live.add(policy);
  return connector;
}

export function policyOf(connector: object): SourcePolicy | undefined {
  return byConnector.get(connector);
}

/** Forgets a policy when its connector closes (metrics report only live ones). */
export function detachPolicy(policy: SourcePolicy): void {
  live.delete(policy);
}

export function livePolicies(): Iterable<SourcePolicy> {
  return live;
}
