/**
 * Liveness counterexamples are replayed through the model and checked against the property
 * before they are reported, independently of the graph that produced them: a lasso must close
 * (by encoding), keep an obligation open forever, and satisfy every fairness constraint; a trap
 * must be a state from which the model itself reaches no q-state.
 */
import type { Budget } from './budget.js';
import { CheckError } from './errors.js';
import { fingerprint, fp } from './hash.js';
import { FingerprintTable } from './fingerprint-table.js';
import { fairnessUnit, type Action, type Fairness, type LeadsTo, type Model, type Recoverable } from './model.js';
import { sameState, successorList } from './path.js';
import type { Path } from './result.js';

function fail(name: string, why: string): never {
  throw new CheckError('replay-failed', `the lasso found for '${name}' does not reproduce it on replay: ${why}`);
}

/** True when some state from which q never holds again (to the end, or around the cycle) satisfies p. */
function obligationOpen<S>(prop: LeadsTo<S>, states: readonly S[], loopStart: number): boolean {
  let from = states.length;
  while (from > 0 && !prop.q(states[from - 1]!)) from--;
  if (from > loopStart) return false;
  return states.slice(from).some((s) => prop.p(s));
}

/** The fairness constraint an actor's behaviour on the cycle breaks, if any. */
function unfairActor<S, A extends Action>(model: Model<S, A>, path: Path<S, A>, loopStart: number, fairnessOf: (actor: string) => Fairness): string | undefined {
  const cycle = path.states.slice(loopStart, -1);
  const enabled = cycle.map((s) => new Set(successorList(model, s).map((step) => fairnessUnit(step.action))));
  const moved = new Set(path.actions.slice(loopStart).map(fairnessUnit));
  const actors = new Set(enabled.flatMap((set) => [...set]));
  for (const actor of actors) {
    const kind = fairnessOf(actor);
    if (kind === 'none' || moved.has(actor)) continue;
    if (kind === 'weak' && enabled.every((set) => set.has(actor))) return `${actor} is always enabled (weak fairness) but never moves`;
    if (kind === 'strong') return `${actor} is enabled on the cycle (strong fairness) but never moves`;
  }
  return undefined;
}

/** Throws `replay-failed` unless the replayed path is a fair violation of `p ~> q`. */
export function confirmLasso<S, A extends Action>(model: Model<S, A>, prop: LeadsTo<S>, path: Path<S, A>, fairnessOf: (actor: string) => Fairness): void {
  const { states, loopStart } = path;
  const last = states[states.length - 1]!;
  if (loopStart === undefined) {
    if (successorList(model, last).length > 0) fail(prop.name, 'the last state is not a dead end');
    if (!obligationOpen(prop, states, states.length - 1)) fail(prop.name, 'no obligation stays open to the end');
    return;
  }
  if (loopStart >= states.length - 1 || !sameState(model, last, states[loopStart]!)) fail(prop.name, 'the cycle does not close');
  if (!obligationOpen(prop, states, loopStart)) fail(prop.name, 'no obligation stays open around the cycle');
  const unfair = unfairActor(model, path, loopStart, fairnessOf);
  if (unfair !== undefined) fail(prop.name, `the cycle is unfair: ${unfair}`);
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
      if (table.full) table.grow();
      if (table.insert(fp.hi, fp.lo, 0) >= 0) queue.push(next);
    }
  }
}
