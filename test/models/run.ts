import { expect } from 'vitest';
import { check } from '../../src/core/check.js';
import type { Scenario } from '../../src/alloc/index.js';
import { safetyProperties } from '../../properties/index.js';

/**
 * Checks the safety properties of a scenario under a policy; the explorer's answer, summarised.
 * State counts are of the full state space (no symmetry reduction); the reduced search must
 * agree on every verdict, failure and counterexample length.
 */
export function run(s: Scenario, policy = 'none', params: Record<string, number | string> = {}) {
  const model = s.build(params, policy);
  const r = check(model, { properties: [...safetyProperties], symmetry: false });
  const reduced = check(model, { properties: [...safetyProperties] });
  const summary = (x: typeof r) => [x.verdict, ...x.properties.map((p) => [p.status, p.failure, p.counterexample?.actions.length])];
  expect(summary(reduced)).toEqual(summary(r));
  expect(reduced.stats.states).toBeLessThanOrEqual(r.stats.states);
  const deadlock = r.properties.find((p) => p.name === 'no-deadlock')!;
  return { model, result: r, verdict: r.verdict, states: r.stats.states, failure: deadlock.failure, counterexample: deadlock.counterexample };
}
