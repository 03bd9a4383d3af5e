/**
 * Does a replayed path still show its property's violation? Used to confirm a saved
 * counterexample against today's model: the steps may replay and yet no longer end in the
 * failure they were recorded for.
 */
import { sameState, successorList } from './path.js';
import type { Action, Model, Property } from './model.js';
import type { Path } from './result.js';

function deadEnd<S, A extends Action>(model: Model<S, A>, s: S): boolean {
  return successorList(model, s).length === 0 && !model.isRest(s);
}

/** True when no state reachable from `from` satisfies `q` (explores from `from` only). */
function trapped<S, A extends Action>(model: Model<S, A>, from: S, q: (s: S) => boolean): boolean {
  const seen = new Set<string>();
  const queue = [from];
  const key = (s: S): string => model.encode(s).join(',');
  seen.add(key(from));
  for (let i = 0; i < queue.length; i++) {
    if (q(queue[i]!)) return false;
    for (const { next } of successorList(model, queue[i]!)) {
      const k = key(next);
      if (!seen.has(k)) (seen.add(k), queue.push(next));
    }
  }
  return true;
}

/** A lasso closes and keeps `p ~> q` open: some p-state after which q never holds again. */
function openObligation<S>(p: (s: S) => boolean, q: (s: S) => boolean, states: readonly S[], loopStart: number): boolean {
  let from = states.length;
  while (from > 0 && !q(states[from - 1]!)) from--;
  return from <= loopStart && states.slice(from).some(p);
}

/**
 * Why `path` does not violate `prop`, or undefined when it does. Fairness of a lasso is not
 * judged here (the liveness checker does that when it finds one); the shape is.
 *
 * @example
 * whyNotViolated(model, noDeadlock, path) // undefined: the path ends in a deadlock
 */
export function whyNotViolated<S, A extends Action>(model: Model<S, A>, prop: Property<S>, path: Path<S, A>): string | undefined {
  const last = path.states[path.states.length - 1]!;
  const { loopStart } = path;
  if (loopStart !== undefined && (loopStart >= path.states.length - 1 || !sameState(model, last, path.states[loopStart]!))) {
    return `the cycle does not close: the state after the last step is not the state after step ${loopStart}`;
  }
  switch (prop.kind) {
    case 'invariant':
      return prop.holds(last) ? `'${prop.name}' holds in the last state` : undefined;
    case 'deadlock-free':
      return deadEnd(model, last) ? undefined : 'the last state is not a deadlock: some actor can still move, or every actor is at rest';
    case 'reachable':
      return `'${prop.name}' is a reachability property: a path is a witness, not a counterexample`;
    case 'leads-to':
      if (loopStart === undefined) return deadEnd(model, last) && openObligation(prop.p, prop.q, path.states, path.states.length - 1) ? undefined : 'the path neither loops nor ends in a dead end with the obligation open';
      return openObligation(prop.p, prop.q, path.states, loopStart) ? undefined : 'no obligation stays open around the cycle';
    case 'recoverable':
      return trapped(model, last, prop.q) ? undefined : 'the model can still recover from the last state';
  }
}
