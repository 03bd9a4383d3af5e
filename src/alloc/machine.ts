/**
 * The interpreter: successors of a state are the moves of every actor, in actor order, each
 * actor running its writeout if one is under way and its program's current step otherwise.
 * Deterministic: the same state always emits the same moves in the same order.
 */
import type { Emit } from '../core/model.js';
import { Exec, type AllocAction } from './exec.js';
import { FREE, F_INFLIGHT, F_RECLAIM, F_THROTTLED, R_FLAGS, R_PC, R_WO, makeLayout } from './layout.js';
import { F_OOM_VICTIM, victimMoves } from './oom.js';
import { AllocState } from './state.js';
import { runOf } from './per-exec.js';
import { runWriteout } from './writeout.js';
import type { ActorInfo, Step, World } from './world.js';

/**
 * What the successor loop reads of a world, found once: each actor's register offset and its
 * program's run functions by pc. Reading `actor.program[pc].step.run` in every state was a
 * property load over step objects of many shapes per actor per state (a tenth of the search).
 */
interface Dispatch {
  readonly bases: Int32Array;
  /** Per actor, by pc: what runs the step on this Exec (per-exec.ts, runOf); undefined past the end (exited). */
  readonly runs: readonly (readonly ((x: Exec) => void)[])[];
  readonly steps: readonly (readonly Step[])[];
}

function dispatchOf(world: World, exec: Exec): Dispatch {
  return {
    bases: Int32Array.from(world.actors, (a) => world.layout.actor(a.index)),
    runs: world.actors.map((a) => a.program.map((i) => runOf(i.step, exec))),
    steps: world.actors.map((a) => a.program.map((i) => i.step)),
  };
}

/**
 * The successor function of a world on one Exec: `(state, emit)`, its dispatch tables made at
 * its first call (the steps' prepared runs belong to the Exec).
 */
export function successorsOf(world: World, exec: Exec): (state: AllocState, emit: Emit<AllocState, AllocAction>) => void {
  let dispatch: Dispatch | undefined;
  const actors = world.actors;
  return (state, emit) => {
    const { bases, runs, steps } = dispatch ?? (dispatch = dispatchOf(world, exec));
    const s = state.bytes;
    exec.inState(s, emit);
    for (let i = 0; i < actors.length; i++) {
      const a = bases[i]!;
      const run = runs[i]![s[a + R_PC]!];
      if (run === undefined) continue; // exited (killed by the OOM killer)
      const flags = s[a + R_FLAGS]!;
      if (flags & F_THROTTLED) continue; // asleep until kswapd wakes it
      exec.actorAt(actors[i]!, a);
      if (s[a + R_WO] !== 0) runWriteout(exec);
      else if (flags & F_OOM_VICTIM) victimMoves(exec, steps[i]![s[a + R_PC]!]!);
      else run(exec);
    }
  };
}

/** Whether an actor that cannot move is where it may legitimately stop (an idle daemon). */
export function atRest(exec: Exec, state: AllocState, actor: ActorInfo): boolean {
  const x = exec.at(state.bytes, actor, () => {});
  const step = actor.program[x.reg(R_PC)]?.step;
  if (!step) return true; // exited
  if (x.reg(R_WO) !== 0 || x.reg(R_FLAGS) & (F_RECLAIM | F_INFLIGHT | F_THROTTLED | F_OOM_VICTIM)) return false;
  return step.rest?.(x) ?? false;
}

export function initialState(world: World, poolsOn: boolean, clean = 0): AllocState {
  const s = new Uint8Array(world.layout.size);
  let free = world.pages - clean;
  if (world.pageCache) s[world.layout.clean] = clean;
  for (const sh of world.shrinkers) {
    s[world.layout.shrinker(sh.index)] = sh.objects;
    free -= sh.objects;
  }
  for (const p of world.pools) {
    const n = poolsOn || p.always ? p.minNr : 0;
    s[world.layout.pool(p.index)] = n;
    free -= n;
  }
  if (free < 0) throw new Error(`the mempools, clean pages and shrinker objects (${world.pages - free} pages) do not fit in ${world.pages} pages`);
  s[FREE] = free;
  return new AllocState(world, s);
}

export { makeLayout };
