import { check } from '../../src/core/check.js';
import type { Scenario } from '../../src/alloc/index.js';
import { safetyProperties } from '../../properties/index.js';

/** Checks the safety properties of a scenario under a policy; the explorer's answer, summarised. */
export function run(s: Scenario, policy = 'none', params: Record<string, number | string> = {}) {
  const model = s.build(params, policy);
  const r = check(model, { properties: [...safetyProperties] });
  const deadlock = r.properties.find((p) => p.name === 'no-deadlock')!;
  return { model, result: r, verdict: r.verdict, states: r.stats.states, failure: deadlock.failure, counterexample: deadlock.counterexample };
}
