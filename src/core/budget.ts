/**
 * The time limit and the abort signal, for work that runs after the search: the liveness
 * analysis is synchronous and may take long on a large graph, so its loops count their steps and
 * look at the clock and the signal every few thousand of them. Stopping unwinds by an exception
 * ({@link AnalysisStopped}) that the caller turns into an incomplete result: the loops are deep
 * (SCC rounds inside a worklist inside a property), and no partial answer of theirs is usable.
 */

/** Why an analysis stopped before its end. */
export type StopReason = 'time-limit' | 'interrupted';

/** Thrown by {@link Budget.step} when the time is up or the signal aborted. Never escapes check(). */
export class AnalysisStopped extends Error {
  constructor(readonly reason: StopReason) {
    super(`the analysis stopped: ${reason}`);
    this.name = 'AnalysisStopped';
  }
}

/** Steps between two looks at the clock: a look costs about as much as a few hundred steps. */
const EVERY = 4096;

/**
 * A deadline (ms on `now`'s clock) and an optional signal, checked every {@link EVERY} steps.
 *
 * @example
 * const budget = new Budget(performance.now() + 1000, signal);
 * for (let v = 0; v < nodes; v++) { budget.step(); work(v); } // throws AnalysisStopped when over
 */
export class Budget {
  private steps = 0;

  constructor(
    private readonly deadline: number,
    private readonly signal?: AbortSignal,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Counts `n` steps; every few thousand, throws {@link AnalysisStopped} when over. */
  step(n = 1): void {
    this.steps += n;
    if (this.steps < EVERY) return;
    this.steps = 0;
    this.check();
  }

  /** Throws {@link AnalysisStopped} now if the signal aborted or the deadline passed. */
  check(): void {
    if (this.signal?.aborted) throw new AnalysisStopped('interrupted');
    if (this.now() >= this.deadline) throw new AnalysisStopped('time-limit');
  }
}

/** A budget that never runs out (for callers without limits). */
export const UNLIMITED = new Budget(Infinity);
