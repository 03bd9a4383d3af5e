/**
 * The vocabulary the explorer understands: a transition system with a canonical encoding.
 * Nothing here knows what the states mean.
 */

/** A labelled transition. `actor` names who moved; fairness and diagrams group by it. */
export interface Action {
  readonly actor: string;
  readonly name: string;
  /**
   * Splits an actor's transitions into separate fairness units: with weak fairness, each group
   * that stays enabled eventually moves, not just the actor. A device that serves several
   * owners in bounded time (a disk interrupt completing anyone's writeout) names the owner
   * here, so it cannot serve one owner forever while another's completion waits.
   */
  readonly fairnessGroup?: string;
}

/** The fairness unit of an action: its actor, or its actor's group. */
export function fairnessUnit(action: Action): string {
  return action.fairnessGroup === undefined ? action.actor : `${action.actor} [${action.fairnessGroup}]`;
}

/** The actor a fairness unit belongs to (fairness kinds are declared per actor). */
export function actorOfUnit(unit: string): string {
  const at = unit.indexOf(' [');
  return at < 0 ? unit : unit.slice(0, at);
}

/** Receives one successor; called by {@link Model.successors} once per enabled action. */
export type Emit<S, A extends Action = Action> = (action: A, next: S) => void;

/**
 * A finite transition system.
 *
 * Contract (the explorer's soundness rests on it):
 * - `successors` is a pure function of the state and emits in the same order every time;
 *   a counterexample is replayed by successor index, so order is part of the model.
 * - `encode` is canonical: equal states give equal bytes, different states different bytes.
 *   It may return a view of a scratch buffer that the next call overwrites.
 * - `decode(encode(s))` is a state equal to `s`, owning its memory (the bytes passed in are a
 *   view the engine reuses).
 * - The state passed to `emit` is only read during the call; a model may reuse one scratch
 *   state for all its successors.
 *
 * @example
 * const toggle: Model<number> = {
 *   name: 'toggle',
 *   initialStates: () => [0],
 *   successors: (s, emit) => emit({ actor: 'p', name: 'flip' }, 1 - s),
 *   encode: (s) => Uint8Array.of(s),
 *   decode: (b) => b[0]!,
 *   isRest: () => false,
 *   properties: [],
 * };
 */
export interface Model<S, A extends Action = Action> {
  readonly name: string;
  initialStates(): readonly S[];
  successors(state: S, emit: Emit<S, A>): void;
  /**
   * The successors' states alone (optional), in the order {@link successors} emits them, for a
   * search that reads no actions (the safety search): a model can then skip building actions
   * and hand every successor in one scratch state, valid only during the call to `emit`.
   *
   * @example
   * successorStates: (s, emit) => emit(1 - s)
   */
  successorStates?(state: S, emit: (next: S) => void): void;
  encode(state: S): Uint8Array;
  decode(bytes: Uint8Array): S;
  /**
   * A state over `bytes` without a copy (optional): the safety search reads the state it
   * expands only while `bytes` is unchanged, so the copy `decode` makes for keeps is wasted there.
   * The result must not outlive the bytes, and must not be handed to anything that keeps it.
   *
   * @example
   * peek: (b) => b // a model whose state is its bytes
   */
  peek?(bytes: Uint8Array): S;
  /** A state without successors that is a legitimate place to stop, not a deadlock. */
  isRest(state: S): boolean;
  readonly properties: readonly Property<S>[];
  /** Fairness of each actor for liveness properties; actors not named are `none`. */
  fairness?(actor: string): Fairness;
  /**
   * The names of the actors that may move (optional). With it, a fairness override naming
   * anything else is rejected before the search, whatever properties are checked; without it,
   * only after a complete liveness exploration, against the actors seen moving.
   *
   * @example
   * actors: ['p0', 'p1', 'p2']
   */
  readonly actors?: readonly string[];
  /**
   * Symmetry reduction (optional): an encoding equal for states that are equal up to a
   * permutation of interchangeable actors, and only for those. The search then stores one
   * state per class; it keeps exploring concrete states, so paths stay real. Sound only for
   * properties that cannot tell the permuted actors apart. May return a scratch view. Liveness
   * properties are then decided on the quotient graph (quotient.ts), which also needs a
   * `fairnessGroup` that stands for a permuted actor to be that actor's name.
   */
  canonical?(state: S): Uint8Array;
  /** The groups of interchangeable actors that {@link canonical} permutes, for reports. */
  readonly symmetry?: readonly (readonly string[])[];
  /**
   * Partial order reduction (optional; used only when the caller asks, see por.ts): the actors
   * that in `state` can only take local steps. An actor may be named only if every transition
   * it has from its current local state, enabled or not, reads and writes only its own private
   * part of the state, which no other actor's transition reads or writes and no property reads
   * (isRest and a deadlock's classification may). A wrong name is a soundness bug: the search
   * may then miss violations.
   *
   * @example
   * // counter: a process that has read the counter only changes its own t and pc next
   * localActors: (s) => procs.filter((i) => s[pcOf(i)] === 1).map((i) => `p${i}`)
   */
  localActors?(state: S): readonly string[];
}

/** Something that must hold in every reachable state. */
export interface Invariant<S> {
  readonly kind: 'invariant';
  readonly name: string;
  readonly description?: string;
  holds(state: S): boolean;
}

/** Something some reachable state must satisfy; its witness is the shortest path there. */
export interface Reachable<S> {
  readonly kind: 'reachable';
  readonly name: string;
  readonly description?: string;
  test(state: S): boolean;
}

/**
 * No reachable state without successors except rest states. `classify` names the kind of dead
 * end (a model may tell exhaustion apart from a protocol deadlock); its default is 'deadlock'.
 */
export interface DeadlockFree<S> {
  readonly kind: 'deadlock-free';
  readonly name: string;
  readonly description?: string;
  classify?(state: S): string;
}

/**
 * `p ~> q`: whenever p holds, q holds then or later, on every fair infinite or dead path. A dead
 * path stays in its last state forever, so it violates `p ~> q` even at a rest state (reported
 * as 'stopped', not 'deadlock'); to accept a legitimate stop, say so in q.
 */
export interface LeadsTo<S> {
  readonly kind: 'leads-to';
  readonly name: string;
  readonly description?: string;
  p(state: S): boolean;
  q(state: S): boolean;
}

/** AG EF q: from every reachable state some path reaches a q-state. */
export interface Recoverable<S> {
  readonly kind: 'recoverable';
  readonly name: string;
  readonly description?: string;
  q(state: S): boolean;
}

export type SafetyProperty<S> = Invariant<S> | Reachable<S> | DeadlockFree<S>;
export type LivenessProperty<S> = LeadsTo<S> | Recoverable<S>;
export type Property<S> = SafetyProperty<S> | LivenessProperty<S>;
export type PropertyKind = Property<unknown>['kind'];

export function isSafety<S>(p: Property<S>): p is SafetyProperty<S> {
  return p.kind === 'invariant' || p.kind === 'reachable' || p.kind === 'deadlock-free';
}

/**
 * How an actor is treated on infinite paths: `weak` (continuously enabled means it eventually
 * moves), `strong` (enabled infinitely often means it eventually moves) or `none` (adversarial).
 */
export type Fairness = 'weak' | 'strong' | 'none';
