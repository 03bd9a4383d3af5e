// Model.successorStates (the safety search's path: one scratch state, no actions) must emit the
// very states `successors` emits, in the same order: counterexamples are rebuilt through
// `successors`, by index.
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/alloc/index.js';
import type { AllocState } from '../../src/alloc/state.js';
import { models } from '../../src/api/models.js';

const scenarios = Object.entries(models).filter((e): e is [string, Scenario] => e[1].kind === 'scenario');

describe('successorStates', () => {
  it.each(scenarios.flatMap(([name, s]) => s.policies.map((p) => [name, p] as const)))('%s under %s: the states of successors, in order, from every reachable state', (name, policy) => {
    const model = (models[name] as Scenario).build({}, policy);
    const seen = new Set<string>();
    const queue: AllocState[] = [...model.initialStates()];
    let compared = 0;
    while (queue.length > 0 && compared < 3000) {
      const s = queue.pop()!;
      const key = s.bytes.join();
      if (seen.has(key)) continue;
      seen.add(key);
      const full: string[] = [];
      model.successors(s, (action, next) => {
        // The states-only Exec skips the texts; the one behind `successors` must still tell them.
        expect(action.text).not.toBe('');
        full.push(next.bytes.join());
        queue.push(model.decode(next.bytes));
      });
      const only: string[] = [];
      model.successorStates!(s, (next) => only.push(next.bytes.join()));
      expect(only).toEqual(full);
      compared++;
    }
    expect(compared).toBeGreaterThan(3);
  });
});
