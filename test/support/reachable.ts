import fc from 'fast-check';
import type { AllocModel, AllocState, Scenario } from '../../src/alloc/index.js';
import type { ParamSpec } from '../../src/core/params.js';

/** Random parameters inside the declared ranges, with the sizes kept small for speed. */
export function paramsArb(s: Scenario): fc.Arbitrary<Record<string, number | string>> {
  const fields: Record<string, fc.Arbitrary<number | string>> = {};
  for (const [name, spec] of Object.entries(s.params) as [string, ParamSpec][]) {
    if (spec.choices) fields[name] = fc.constantFrom(...spec.choices);
    else {
      const [lo, hi] = spec.range!;
      fields[name] = fc.integer({ min: lo, max: Math.min(hi, lo + 2) });
    }
  }
  return fc.record(fields);
}

/** Up to `limit` reachable states, breadth first. */
export function reachable(model: AllocModel, limit = 20000): AllocState[] {
  const seen = new Set<string>();
  const out: AllocState[] = [];
  const queue = [...model.initialStates()];
  for (let i = 0; i < queue.length && out.length < limit; i++) {
    const s = queue[i]!;
    const key = model.encode(s).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
    model.successors(s, (_a, next) => queue.push(next));
  }
  return out;
}

/**
 * Runs `check` on models built from random parameters and policies of `scenarios` (a setting
 * the model refuses is skipped: tested elsewhere).
 */
export function everyRandomModel(scenarios: readonly Scenario[], check: (model: AllocModel, label: string) => void): void {
  const arb = fc.constantFrom(...scenarios).chain((s) => fc.tuple(fc.constant(s), paramsArb(s), fc.constantFrom(...s.policies)));
  fc.assert(
    fc.property(arb, ([s, params, policy]) => {
      let model: AllocModel;
      try {
        model = s.build(params, policy);
      } catch {
        return true;
      }
      check(model, `${s.name} under ${policy} at ${JSON.stringify(params)}`);
      return true;
    }),
    { numRuns: 40, seed: 20041203 },
  );
}

/**
 * Runs `expectation` on up to 3000 reachable states of each model built from random parameters
 * and policies of `scenarios` (a setting the model refuses is skipped: tested elsewhere).
 */
export function everyReachableState(scenarios: readonly Scenario[], expectation: (model: AllocModel, state: AllocState, label: string) => void): void {
  everyRandomModel(scenarios, (model, label) => {
    for (const st of reachable(model, 3000)) expectation(model, st, label);
  });
}
