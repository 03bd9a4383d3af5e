// The explorer against a naive reference on the allocation models: a breadth-first search over
// a JS Set of state bytes, through `successors` (the Exec that tells its moves, a copy per
// state), with the safety properties judged on every state. The explorer takes the other path
// (successorStates: one scratch Exec, quiet; states peeked from the frontier; the fingerprint
// table; the canonical form under symmetry), so any state those shortcuts lose, merge or
// corrupt shows up as a different count or verdict.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import fuseMemcg from '../../models/fuse-memcg.js';
import swapOverNfs from '../../models/swap-over-nfs.js';
import type { AllocModel, AllocState, Scenario } from '../../src/alloc/index.js';
import { models } from '../../src/api/models.js';
import { check } from '../../src/core/check.js';
import { isSafety } from '../../src/core/model.js';
import { safetyProperties } from '../../properties/index.js';
import { paramsArb } from '../support/reachable.js';

/** Beyond this many states the reference is too slow to be worth a run. */
const LIMIT = 6000;

interface Reference {
  readonly states: number;
  /** The safety properties some reachable state violates. */
  readonly violated: ReadonlySet<string>;
}

/** Every reachable state, or undefined past {@link LIMIT}. */
function reference(model: AllocModel): Reference | undefined {
  const props = model.properties.filter(isSafety);
  const seen = new Set<string>();
  const violated = new Set<string>();
  const queue: AllocState[] = [...model.initialStates()];
  for (let i = 0; i < queue.length; i++) {
    const s = queue[i]!;
    const key = s.bytes.join(',');
    if (seen.has(key)) continue;
    if (seen.add(key).size > LIMIT) return undefined;
    let moves = 0;
    model.successors(s, (_a, next) => (moves++, queue.push(next)));
    for (const p of props) {
      if (p.kind === 'invariant' ? !p.holds(s) : p.kind === 'deadlock-free' && moves === 0 && !model.isRest(s)) violated.add(p.name);
    }
  }
  return { states: seen.size, violated };
}

function verdicts(model: AllocModel, symmetry: boolean): { states: number; violated: Set<string> } {
  const r = check(model, { properties: safetyProperties, symmetry });
  return { states: r.stats.states, violated: new Set(r.properties.filter((p) => p.status === 'violated').map((p) => p.name)) };
}

function agrees(scenarios: readonly Scenario[], runs: number): void {
  // By name, so that a counterexample prints as one.
  const named = new Map(scenarios.map((s) => [s.name, s]));
  const arb = fc.constantFrom(...named.keys()).chain((name) => fc.tuple(fc.constant(name), paramsArb(named.get(name)!), fc.constantFrom(...named.get(name)!.policies)));
  let compared = 0;
  fc.assert(
    fc.property(arb, ([name, params, policy]) => {
      const s = named.get(name)!;
      let model: AllocModel;
      try {
        model = s.build(params, policy);
      } catch {
        return; // a point the scenario refuses: tested elsewhere
      }
      const ref = reference(model);
      if (ref === undefined) return;
      compared++;
      const full = verdicts(model, false);
      expect([...full.violated].sort()).toEqual([...ref.violated].sort());
      // With nothing violated, the search ran to the end: every state, no more.
      if (ref.violated.size === 0) expect(full.states).toBe(ref.states);
      const reduced = verdicts(model, true);
      expect([...reduced.violated].sort()).toEqual([...ref.violated].sort());
      if (ref.violated.size === 0) expect(reduced.states).toBeLessThanOrEqual(ref.states);
    }),
    { numRuns: runs, seed: 20261201 },
  );
  expect(compared).toBeGreaterThan(runs / 3);
}

describe('the explorer against a naive reference', () => {
  it('memory cgroups and asynchronous writeout (fuse-memcg, swap-over-nfs): the same verdicts, and every state', () => {
    agrees([fuseMemcg, swapOverNfs], 60);
  });

  it('every scenario: the same verdicts, and every state', () => {
    const scenarios = Object.values(models).filter((m): m is Scenario => m.kind === 'scenario');
    agrees(scenarios, 60);
  });
});
