/**
 * Liveness counterexamples are replayed through the model and checked against the property
 * before they are reported, independently of the graph that produced them: a lasso must close
 * (by encoding), keep an obligation open forever, and satisfy every fairness constraint; a trap
 * must be a state from which the model itself reaches no q-state.
 */
import type { Budget } from './budget.js';
import { CheckError, guardModel } from './errors.js';
import { fingerprint, fp } from './hash.js';
import { FingerprintTable } from './fingerprint-table.js';
import { fairnessUnit, type Action, type Fairness, type LeadsTo, type Model, type Recoverable } from './model.js';
import { sameState, successorList } from './path.js';
import type { Path } from './result.js';

function fail(name: string, why: string): never {
  throw new CheckError('replay-failed', `the lasso found for '${name}' does not reproduce it on replay: ${why}`);
}

/**
 * Why no obligation of `p ~> q` stays open to the end (or around the cycle), naming the step
 * (0 = the initial state) whose q-state meets the last one; undefined when one stays open.
 */
export function closedObligation<S>(prop: LeadsTo<S>, states: readonly S[], loopStart: number): string | undefined {
  let from = states.length;
  while (from > 0 && !prop.q(states[from - 1]!)) from--;
  if (from > loopStart) return `the obligation is met at step ${from - 1}: q holds there, ${loopStart < states.length - 1 ? 'on the cycle, so every obligation is met each time round' : 'in the last state'}`;
  if (states.slice(from).some((s) => prop.p(s))) return undefined;
  return from === 0 ? 'no obligation is opened: p never holds on the path' : `the obligation is met at step ${from - 1} and p does not hold again after it`;
}

/** Why a lasso's cycle does not close (by encoding), or undefined when it does. */
export function unclosedCycle<S>(model: Model<S, Action>, states: readonly S[], loopStart: number): string | undefined {
  const last = states.length - 1;
  if (loopStart < last && sameState(model, states[last]!, states[loopStart]!)) return undefined;
  return `the cycle does not close: the state after the last step (${last}) is not the state after step ${loopStart}`;
}

/** The units enabled at `state` (the successors' states are not kept: only their actions are read). */
function enabledUnits<S, A extends Action>(model: Model<S, A>, state: S): Set<string> {
  const out = new Set<string>();
  guardModel('successors', () => model.successors(state, (action) => out.add(fairnessUnit(action))));
  return out;
}

/** The fairness constraint a unit's behaviour on the cycle breaks, if any. */
function unfairUnit<S, A extends Action>(model: Model<S, A>, path: Path<S, A>, loopStart: number, fairnessOf: (unit: string) => Fairness): string | undefined {
  const cycle = path.states.slice(loopStart, -1);
  const enabled = cycle.map((s) => enabledUnits(model, s));
  const moved = new Set(path.actions.slice(loopStart).map(fairnessUnit));
  const units = new Set(enabled.flatMap((set) => [...set]));
  const span = `steps ${loopStart + 1}..${path.actions.length}`;
  for (const unit of units) {
    const kind = fairnessOf(unit);
    if (kind === 'none' || moved.has(unit)) continue;
    if (kind === 'weak' && enabled.every((set) => set.has(unit))) return `${unit} is enabled throughout the cycle (${span}, weak fairness) but never takes a step on it`;
    if (kind === 'strong') return `${unit} is enabled on the cycle (${span}, strong fairness) but never takes a step on it`;
  }
  return undefined;
}

/**
 * Why `path` is not a fair violation of `p ~> q`, or undefined when it is: a lasso must close
 * (by encoding), keep an obligation open around the cycle, and be fair to every unit under
 * `fairnessOf` (weak: a unit enabled at every state of the cycle takes a step on it; strong: a
 * unit enabled at some state of it does); a path without a loop must end in a dead end with an
 * obligation open.
 *
 * @example
 * lassoFault(model, progress, path, fairnessOf(model, undefined)) // undefined: a fair livelock
 */
export function lassoFault<S, A extends Action>(model: Model<S, A>, prop: LeadsTo<S>, path: Path<S, A>, fairnessOf: (unit: string) => Fairness): string | undefined {
  const { states, loopStart } = path;
  if (loopStart === undefined) {
    if (successorList(model, states[states.length - 1]!).length > 0) return 'the last state is not a dead end';
    return closedObligation(prop, states, states.length - 1);
  }
  const open = unclosedCycle(model, states, loopStart);
  if (open !== undefined) return open;
  const closed = closedObligation(prop, states, loopStart);
  if (closed !== undefined) return closed;
  const unfair = unfairUnit(model, path, loopStart, fairnessOf);
  return unfair === undefined ? undefined : `the cycle is unfair: ${unfair}`;
}

/** Throws `replay-failed` unless the replayed path is a fair violation of `p ~> q`. */
export function confirmLasso<S, A extends Action>(model: Model<S, A>, prop: LeadsTo<S>, path: Path<S, A>, fairnessOf: (unit: string) => Fairness): void {
  const fault = lassoFault(model, prop, path, fairnessOf);
  if (fault !== undefined) fail(prop.name, fault);
}

/**
 * Throws `replay-failed` unless no q-state is reachable from the path's last state, exploring
 * from it through the model (the trap region bounds the work). `budget` may stop it (it throws).
 */
export function confirmTrap<S, A extends Action>(model: Model<S, A>, prop: Recoverable<S>, path: Path<S, A>, budget: Budget): void {
  const table = new FingerprintTable({ initialCapacity: 1024 });
  const start = path.states[path.states.length - 1]!;
  fingerprint(model.encode(start));
  table.insert(fp.hi, fp.lo, 0);
  const queue: S[] = [start];
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head]!;
    budget.step();
    if (prop.q(s)) throw new CheckError('replay-failed', `the trap found for '${prop.name}' reaches q on replay`);
    for (const { next } of successorList(model, s)) {
      fingerprint(model.encode(next));
      if (table.full) table.grow(0, false);
      if (table.insert(fp.hi, fp.lo, 0) >= 0) queue.push(next);
    }
  }
}
