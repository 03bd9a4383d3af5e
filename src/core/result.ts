import type { Action, PropertyKind } from './model.js';

/**
 * A path through the model from an initial state. `choices[0]` is the index of the initial
 * state, `choices[i]` (i >= 1) the index of the successor taken in emit order: the replay token.
 * For a lasso, the states from `loopStart` on repeat forever (the last action returns to
 * `states[loopStart]`).
 */
export interface Path<S, A extends Action = Action> {
  /** The number of steps (actions), as the JSON output's `counterexample.length`. */
  readonly length: number;
  readonly states: readonly S[];
  readonly actions: readonly A[];
  readonly choices: readonly number[];
  readonly loopStart?: number;
}

export type PropertyStatus = 'holds' | 'violated' | 'unknown';

export interface PropertyResult<S, A extends Action = Action> {
  readonly name: string;
  readonly kind: PropertyKind;
  readonly status: PropertyStatus;
  /** What kind of failure: 'deadlock', 'invariant', a model's own class such as 'oom'. */
  readonly failure?: string;
  /** The shortest path to the violation, replayed before it was reported. */
  readonly counterexample?: Path<S, A>;
  /** For `reachable`: the shortest path to a satisfying state. */
  readonly witness?: Path<S, A>;
  /** Extra facts a property reports (e.g. how many states cannot recover). */
  readonly details?: Readonly<Record<string, number | string>>;
}

export type IncompleteReason = 'max-states' | 'max-depth' | 'time-limit' | 'interrupted' | 'memory-limit';

export interface Stats {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly seconds: number;
  readonly statesPerSecond: number;
  /** Bytes of the visited-state table and the largest frontier, divided by states. */
  readonly bytesPerState: number;
  readonly tableBytes: number;
  /** Estimated probability that a fingerprint collision hid a state (TLC's "calculated"). */
  readonly collisionProbability: number;
  /**
   * True when the search was stopped by force inside the model's own code (a successor function
   * that did not return in time): the counts are the last the search reported, and its memory
   * is unknown (`tableBytes` and `bytesPerState` are 0).
   */
  readonly stoppedInModel?: boolean;
  /** Worker threads that explored, when more than one. */
  readonly workers?: number;
  /** With workers: the part of `seconds` before they took part (all of it when they never did). */
  readonly workerStartSeconds?: number;
  /**
   * Present when the model declares interchangeable actors and the reduction was allowed: the
   * groups; whether states were counted up to their permutations (`reduced`); if not, the
   * liveness properties that needed the full state graph instead.
   */
  readonly symmetry?: { readonly groups: readonly (readonly string[])[]; readonly reduced: boolean; readonly fullGraph: readonly string[] };
  /**
   * Present when partial order reduction was asked for: whether it was applied; if not, why
   * (a liveness property needs the full graph, the search reduces by symmetry, or the model
   * declares no local steps); and how many states were expanded by one actor's local steps
   * (`ampleStates`) and fully (`fullStates`).
   */
  readonly por?: { readonly applied: boolean; readonly skipped?: 'liveness' | 'symmetry' | 'undeclared'; readonly ampleStates: number; readonly fullStates: number };
}

export type Verdict = 'holds' | 'violated' | 'incomplete';

/**
 * What a search found. `violated` wins over `incomplete`: a violation found before a limit was
 * hit is real. `holds` is only ever given by an exhaustive search.
 */
export interface CheckResult<S, A extends Action = Action> {
  readonly model: string;
  readonly verdict: Verdict;
  readonly properties: readonly PropertyResult<S, A>[];
  readonly stats: Stats;
  readonly incomplete?: IncompleteReason;
}

export interface Progress {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly frontier: number;
  readonly seconds: number;
  readonly statesPerSecond: number;
}
