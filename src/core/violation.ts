/**
 * Does a replayed path still show its property's violation? Used to confirm a saved
 * counterexample against today's model: the steps may replay and yet no longer end in the
 * failure they were recorded for.
 */
import { closedObligation, lassoFault, unclosedCycle } from './liveness-confirm.js';
import { successorList } from './path.js';
import type { Action, Fairness, Model, Property } from './model.js';
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

/**
 * Why `path` does not violate `prop`, or undefined when it does. A lasso of a `leads-to`
 * property is judged as the liveness checker judges one before reporting it (`lassoFault`):
 * it closes, keeps an obligation open, and is fair under `fairnessOf` (every unit `none` when
 * absent, so only the shape is judged).
 *
 * @example
 * whyNotViolated(model, noDeadlock, path) // undefined: the path ends in a deadlock
 */
export function whyNotViolated<S, A extends Action>(
  model: Model<S, A>,
  prop: Property<S>,
  path: Path<S, A>,
  fairnessOf: (unit: string) => Fairness = () => 'none',
): string | undefined {
  const last = path.states[path.states.length - 1]!;
  const { loopStart } = path;
  const open = loopStart === undefined ? undefined : unclosedCycle(model, path.states, loopStart);
  if (open !== undefined) return open;
  switch (prop.kind) {
    case 'invariant':
      return prop.holds(last) ? `'${prop.name}' holds in the last state` : undefined;
    case 'deadlock-free':
      return deadEnd(model, last) ? undefined : 'the last state is not a deadlock: some actor can still move, or every actor is at rest';
    case 'reachable':
      return `'${prop.name}' is a reachability property: a path is a witness, not a counterexample`;
    case 'leads-to':
      if (loopStart === undefined) return deadEnd(model, last) && closedObligation(prop, path.states, path.states.length - 1) === undefined ? undefined : 'the path neither loops nor ends in a dead end with the obligation open';
      return lassoFault(model, prop, path, fairnessOf);
    case 'recoverable':
      return trapped(model, last, prop.q) ? undefined : 'the model can still recover from the last state';
  }
}
