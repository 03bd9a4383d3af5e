import { CheckError, guardModel } from './errors.js';
import { fingerprint, fp } from './hash.js';
import type { Action, Model } from './model.js';
import type { Path } from './result.js';

interface Step<S, A> {
  readonly action: A;
  readonly next: S;
}

/** The successors of `state` in emit order. */
export function successorList<S, A extends Action>(model: Model<S, A>, state: S): Step<S, A>[] {
  const out: Step<S, A>[] = [];
  // The model may emit a scratch state it overwrites next: keep an owned copy.
  const own = (next: S): S => model.decode(model.encode(next).slice());
  guardModel('successors', () => model.successors(state, (action, next) => out.push({ action, next: own(next) })));
  return out;
}

/**
 * The first successor of `state` that `pick` accepts (an owned copy; the others are not copied,
 * since the model may hand every one in a scratch state), its choice number, and how many
 * successors there are.
 *
 * @example pickSuccessor(model, state, (_a, _next, i) => i === 2).step?.next // successor number 2
 */
export function pickSuccessor<S, A extends Action>(model: Model<S, A>, state: S, pick: (action: A, next: S, index: number) => boolean): { step: Step<S, A> | undefined; choice: number; enabled: number } {
  let step: Step<S, A> | undefined;
  let choice = -1;
  let enabled = 0;
  guardModel('successors', () =>
    model.successors(state, (action, next) => {
      if (step === undefined && pick(action, next, enabled)) {
        choice = enabled;
        step = { action, next: model.decode(model.encode(next).slice()) };
      }
      enabled++;
    }),
  );
  return { step, choice, enabled };
}

/**
 * Re-executes a replay token (`choices`) from the model's initial states. Throws
 * `replay-failed` naming the first choice that does not exist.
 */
export function replay<S, A extends Action>(
  model: Model<S, A>,
  choices: readonly number[],
  loopStart?: number,
): Path<S, A> {
  const inits = guardModel('initialStates', () => model.initialStates());
  const first = inits[choices[0] ?? -1];
  if (first === undefined) {
    throw new CheckError('replay-failed', `initial state ${choices[0]} does not exist (the model has ${inits.length})`);
  }
  const states: S[] = [first];
  const actions: A[] = [];
  for (let i = 1; i < choices.length; i++) {
    const n = choices[i]!;
    const { step, enabled } = pickSuccessor(model, states[i - 1]!, (_a, _next, index) => index === n);
    if (step === undefined) {
      throw new CheckError('replay-failed', `step ${i}: successor ${choices[i]} does not exist (${enabled} enabled)`);
    }
    states.push(step.next);
    actions.push(step.action);
  }
  const path = { length: actions.length, states, actions, choices };
  return loopStart === undefined ? path : { ...path, loopStart };
}

/** True when two states have the same canonical encoding. */
export function sameState<S>(model: Model<S, Action>, a: S, b: S): boolean {
  const x = model.encode(a).slice();
  const y = model.encode(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/**
 * Rebuilds a path from a chain of fingerprints (root first) by regenerating successors and
 * picking the one whose fingerprint matches, as TLC does: the table keeps no states. `key` must
 * be the search's own (the canonical encoding under symmetry): the states regenerated are
 * concrete, so the path is a real trace through the classes the fingerprints name.
 */
export function pathFromFingerprints<S, A extends Action>(
  model: Model<S, A>,
  rootIndex: number,
  chain: readonly (readonly [number, number])[],
  key: (state: S) => Uint8Array = (s) => model.encode(s),
): Path<S, A> {
  const choices = [rootIndex];
  let state: S = guardModel('initialStates', () => model.initialStates())[rootIndex]!;
  for (let i = 1; i < chain.length; i++) {
    const [hi, lo] = chain[i]!;
    const steps = successorList(model, state);
    const k = steps.findIndex((s) => {
      fingerprint(key(s.next));
      return fp.hi === hi && fp.lo === lo;
    });
    if (k < 0) throw new CheckError('replay-failed', `cannot rebuild step ${i} of a counterexample: the model is not deterministic`);
    choices.push(k);
    state = steps[k]!.next;
  }
  return replay(model, choices);
}
