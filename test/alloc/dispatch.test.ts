// The successor loop reads per-world tables (each actor's register offset and its steps' run
// functions by pc) instead of each actor's program: it must emit exactly what the plain
// interpreter loop below emits, move for move and in order, in every reachable state.
import { expect, it } from 'vitest';
import type { AllocModel, AllocState, Scenario } from '../../src/alloc/index.js';
import { Exec } from '../../src/alloc/exec.js';
import { F_THROTTLED, R_FLAGS, R_PC, R_WO } from '../../src/alloc/layout.js';
import { F_OOM_VICTIM, victimMoves } from '../../src/alloc/oom.js';
import { runWriteout } from '../../src/alloc/writeout.js';
import { models } from '../../src/api/models.js';
import { everyReachableState } from '../support/reachable.js';

const scenarios = Object.values(models).filter((s): s is Scenario => s.kind === 'scenario');

/** The interpreter loop as written before the tables: every actor in order, read through its program. */
function reference(model: AllocModel, state: AllocState): string[] {
  const world = model.world;
  const exec = new Exec(world);
  const out: string[] = [];
  const s = state.bytes;
  for (const actor of world.actors) {
    const a = world.layout.actor(actor.index);
    const step = actor.program[s[a + R_PC]!]?.step;
    if (!step || s[a + R_FLAGS]! & F_THROTTLED) continue;
    const x = exec.at(s, actor, (action, next) => out.push(`${action.actor} ${action.name} ${next.bytes.join()}`));
    if (s[a + R_WO] !== 0) runWriteout(x);
    else if (s[a + R_FLAGS]! & F_OOM_VICTIM) victimMoves(x, step);
    else step.run(x);
  }
  return out;
}

it('successors equal the plain interpreter loop in every reachable state of random settings', () => {
  let compared = 0;
  everyReachableState(scenarios, (model, state, label) => {
    const moves: string[] = [];
    model.successors(state, (action, next) => moves.push(`${action.actor} ${action.name} ${next.bytes.join()}`));
    expect(moves, label).toEqual(reference(model, state));
    compared++;
  });
  expect(compared).toBeGreaterThan(1000);
});
