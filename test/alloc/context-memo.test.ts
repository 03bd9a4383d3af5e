// An attempt made once per Exec remembers its context by actor and the registers it depends on
// (src/alloc/context-memo.ts): a search's long-lived Exec, whose tables were filled in other
// states, must emit exactly what a fresh Exec (empty tables, every context worked out in that
// state) emits, in every reachable state.
import { expect, it } from 'vitest';
import type { AllocModel, AllocState, Scenario } from '../../src/alloc/index.js';
import { Exec } from '../../src/alloc/exec.js';
import { successorsOf } from '../../src/alloc/machine.js';
import { models } from '../../src/api/models.js';
import { resolveParams } from '../../src/core/params.js';
import { everyRandomModel, reachable } from '../support/reachable.js';

const scenarios = Object.values(models).filter((s): s is Scenario => s.kind === 'scenario');
type Moves = (state: AllocState) => string[];

function movesOf(successors: (state: AllocState, emit: (action: { actor: string; name: string; context?: string }, next: AllocState) => void) => void): Moves {
  return (state) => {
    const out: string[] = [];
    successors(state, (action, next) => out.push(`${action.actor} ${action.name} ${action.context} ${next.bytes.join()}`));
    return out;
  };
}

/**
 * Every state's moves through the model's own Exec first (one Exec for all states: a step's
 * per-Exec values are remade when the Exec changes), then each through a fresh Exec.
 */
function expectSameAsFresh(model: AllocModel, label: string): number {
  const states = reachable(model, 3000);
  const remembered = states.map(movesOf((s, emit) => model.successors(s, emit)));
  states.forEach((s, i) => expect(movesOf(successorsOf(model.world, new Exec(model.world)))(s), label).toEqual(remembered[i]));
  return states.length;
}

it('remembered contexts give the moves a fresh Exec gives, in every reachable state of random settings', () => {
  let compared = 0;
  everyRandomModel(scenarios, (model, label) => {
    compared += expectSameAsFresh(model, label);
  });
  expect(compared).toBeGreaterThan(1000);
});

it('remembers a daemon context per request flags: kmirrord serves PF_MEMALLOC requests and others', () => {
  const dm = models['dm-raid1'] as Scenario;
  const params = resolveParams(dm.params, { pages: '8', queue: '2', background: 'yes', dirtiers: '2', pool: '1', legs: '2' });
  for (const policy of ['memalloc-inheritance', 'mempool-only+memalloc-inheritance']) {
    expect(expectSameAsFresh(dm.build(params, policy), policy)).toBeGreaterThan(1000);
  }
});
