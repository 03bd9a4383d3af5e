/**
 * Values a step makes once per Exec rather than once per move: its allocation's Attempt, the
 * continuation that closes over the Exec, a device's index. A search runs one Exec for millions
 * of moves, and an object made per move is garbage for the collector (a fifth of the search
 * before these were hoisted).
 */
import type { Exec } from './exec.js';
import type { Step } from './world.js';

/**
 * `make(x)`, remembered for the last Exec it was asked for: steps are shared by the actors of
 * one compiled world, whose Execs differ only in what they emit.
 *
 * @example
 * const attempt = perExec((x) => ({ purpose: 'dirty', to: x.world.layout.dirty(0), what: 'a page', then: x.goOn }));
 * allocate(x, attempt(x));
 */
export function perExec<T>(make: (x: Exec) => T): (x: Exec) => T {
  let owner: Exec | undefined;
  let value: T | undefined;
  return (x) => {
    if (owner !== x) {
      value = make(x);
      owner = x;
    }
    return value as T;
  };
}

/** The prepare function of each run made by {@link preparedStep}, by the run. */
const prepares = new WeakMap<Step['run'], (x: Exec) => (x: Exec) => void>();

/**
 * A step whose run `prepare` makes once per Exec: the successor loop's tables hold the made
 * function, so a move looks nothing up; `run` finds it through {@link perExec}. A copy of the
 * step keeps it (`{ ...alloc({ pool }), kind: 'mempool-alloc' }`); one given another `run` does not.
 *
 * @example
 * preparedStep({ kind: 'nap' }, (x) => { const attempt = makeAttempt(x); return (x) => allocate(x, attempt); });
 */
export function preparedStep(def: Omit<Step, 'run'>, prepare: (x: Exec) => (x: Exec) => void): Step {
  const made = perExec(prepare);
  const run = (x: Exec): void => made(x)(x);
  prepares.set(run, prepare);
  return { ...def, run };
}

/** What the successor loop calls for `step` on `x`: its prepared run, else its run on itself. */
export function runOf(step: Step, x: Exec): (x: Exec) => void {
  return prepares.get(step.run)?.(x) ?? step.run.bind(step);
}
