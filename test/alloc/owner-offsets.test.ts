// The conservation sum reads its owners' offsets from a table made once per world: it must
// still add up exactly the pages `owners()` lists, owner by owner, in every state.
import { expect, it } from 'vitest';
import type { Scenario } from '../../src/alloc/index.js';
import { models } from '../../src/api/models.js';
import { everyReachableState } from '../support/reachable.js';

const scenarios = Object.values(models).filter((s): s is Scenario => s.kind === 'scenario');

it('totalPages is the sum of owners() in every reachable state of random settings', () => {
  everyReachableState(scenarios, (_model, state, label) => {
    expect(state.totalPages(), label).toBe(Object.values(state.owners()).reduce((a, b) => a + b, 0));
  });
});
