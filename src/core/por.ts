/**
 * Partial order reduction by ample sets, in the style of SPIN's (Holzmann and Peled, "An
 * improvement in formal verification", FORTE 1994): in a state where some actor can only take
 * local steps, the search follows that actor's steps alone, since running the others first
 * could only reach states the reduced search reaches another way. Off unless asked for.
 *
 * What the model declares ({@link Model.localActors}): in state s, the actors P whose every
 * transition from P's current local state, enabled or not, reads and writes only P's private
 * part of the state, which no other actor reads or writes and no property reads. The engine takes
 * ample(s) = the enabled transitions of one such actor. The conditions of Clarke, Grumberg and
 * Peled (Model Checking, ch. 10):
 * - C0 (ample(s) empty only if s has no successor): only an actor with an enabled transition is
 *   chosen.
 * - C1 (on every path from s, no transition dependent on ample(s) runs before one of ample(s)):
 *   until P moves, nobody changes P's private part, so P keeps the same local state, its other
 *   transitions stay disabled, and every other actor's transition touches no variable P's
 *   transitions touch: it is independent of them.
 * - C2 (ample(s) is invisible when it is not everything): P's transitions change nothing a
 *   property reads. Dead ends need no C2: persistent sets keep every reachable state without
 *   successors itself (Godefroid, Partial-Order Methods for the Verification of Concurrent
 *   Systems, LNCS 1032, 1996), so `deadlock-free` is decided exactly.
 * - C3 (the cycle proviso): every cycle of the reduced graph has a fully expanded state. SPIN's
 *   depth-first proviso (a successor on the stack) does not carry over to a breadth-first search;
 *   this is a closed-set proviso in the sense of Bošnački and Holzmann ("Improving Spin's
 *   partial-order reduction for breadth-first search", SPIN 2005) and of Bošnački, Leue and
 *   Lluch-Lafuente ("Partial-order reduction for general state exploring algorithms", SPIN
 *   2006), over-approximating the closed set by the levels: a state at depth d is expanded fully
 *   when any successor of the chosen actor is already stored at depth d or less (anything stored
 *   but not during the expansion of level d). Why it suffices: take a cycle of the reduced graph
 *   (in a complete search every stored state is expanded) and its state s expanded last, at
 *   depth d. Its successor s' on the cycle was expanded before s, or is s, so it lies at depth d
 *   or less and was stored before s was expanded. Were s reduced, s' would be a successor of the
 *   chosen actor already stored at depth d or less, and s would have been expanded fully.
 * With C0 to C3 the reduced graph is stuttering equivalent to the full one for the invariants
 * and reachability tests (ch. 10), so their verdicts do not change.
 *
 * What the reduction does not do:
 * - Liveness: the properties are decided on the full graph, as with symmetry (their fairness
 *   would need more than C3 on the reduced graph); the stats say so.
 * - Symmetry: when the search reduces by symmetry, partial order reduction is not applied (the
 *   two compose only under conditions this engine does not check; Emerson, Jha and Peled,
 *   TACAS 1997); the stats say so, and --no-symmetry turns it on.
 * - Shortest paths: breadth-first over the reduced graph may find a violation deeper than it
 *   lies in the full graph. A property decided at depth d is decided again by the full search
 *   bounded to d (check.ts), which finds and replays the very path `check` without reduction
 *   reports.
 */
import { FingerprintTable } from './fingerprint-table.js';
import { fp } from './hash.js';
import { isSafety, type Action, type Emit, type Model, type Property } from './model.js';
import type { Stats } from './result.js';
import { reducesSymmetry } from './symmetry.js';

/** Why a search asked to reduce did not: a liveness property, symmetry, or nothing declared. */
export type PorSkip = NonNullable<NonNullable<Stats['por']>['skipped']>;

/** Whether a search with these settings reduces, or why not. */
export function porPlan<S>(model: Model<S, Action>, options: { readonly por?: boolean; readonly symmetry?: boolean }, properties: readonly Property<S>[]): { reduced: boolean; skipped?: PorSkip } {
  if (!options.por) return { reduced: false };
  if (model.localActors === undefined) return { reduced: false, skipped: 'undeclared' };
  if (properties.some((p) => !isSafety(p))) return { reduced: false, skipped: 'liveness' };
  if (reducesSymmetry(model as Model<unknown, Action>, options.symmetry ?? true)) return { reduced: false, skipped: 'symmetry' };
  return { reduced: true };
}

/**
 * Expands states by ample sets. The search tells it the states it stores at the next depth
 * ({@link stored}) and when it goes one level deeper ({@link nextLevel}); `fingerprint` (which
 * leaves a state's stored fingerprint in `fp`) and `inTable` tell whether a successor is stored
 * already. With both it knows whether a successor lies at the current depth or above (the C3
 * proviso), asked before any successor is stored. Nothing is allocated a state: the callbacks
 * handed to the model are made once and read the state of the expansion from fields.
 */
export class AmpleExpander<S, A extends Action> {
  /** States expanded with one actor's successors only, and states expanded fully. */
  ample = 0;
  full = 0;
  /** The states stored at the next depth so far. */
  private fresh = new FingerprintTable({ values: false });
  /** The expansion under way: the local actors, those with a successor, those revisiting, the one chosen. */
  private candidates: readonly string[] = [];
  private readonly enabled = new Set<string>();
  private readonly revisits = new Set<string>();
  private chosen: string | undefined;
  private sink: Emit<S, A> = () => {};

  constructor(
    private readonly model: Model<S, A>,
    private readonly fingerprint: (state: S) => void,
    private readonly inTable: (hi: number, lo: number) => boolean,
  ) {}

  /** A state just stored at the next depth. */
  stored(hi: number, lo: number): void {
    if (this.fresh.needsGrow(hi)) this.fresh.grow(hi, false);
    this.fresh.insert(hi, lo, 0);
  }

  /** The search starts expanding the next level: the states stored so far are at or above it. */
  nextLevel(): void {
    this.fresh = new FingerprintTable({ values: false });
  }

  get bytes(): number {
    return this.fresh.bytes;
  }

  /** Stored at the depth being expanded or above (stored, and not at the next depth). */
  private atOrAbove(state: S): boolean {
    this.fingerprint(state);
    const { hi, lo } = fp;
    return this.inTable(hi, lo) && this.fresh.find(hi, lo) < 0;
  }

  /** Emits the successors of `state` in ample(state): one local actor's, or all. */
  expand(state: S, emit: Emit<S, A>): void {
    this.chosen = this.choose(state);
    if (this.chosen === undefined) {
      this.full++;
      this.model.successors(state, emit);
      return;
    }
    this.ample++;
    this.sink = emit;
    this.model.successors(state, this.onlyChosen);
  }

  private readonly onlyChosen = (action: A, next: S): void => {
    if (action.actor === this.chosen) this.sink(action, next);
  };

  /** The first local actor with a successor and none at the current depth or above, if any. */
  private choose(state: S): string | undefined {
    this.candidates = this.model.localActors?.(state) ?? [];
    if (this.candidates.length === 0) return undefined;
    this.enabled.clear();
    this.revisits.clear();
    this.model.successors(state, this.probe);
    return this.candidates.find(this.qualifies);
  }

  private readonly probe = (action: A, next: S): void => {
    const actor = action.actor;
    if (!this.candidates.includes(actor)) return;
    this.enabled.add(actor);
    if (!this.revisits.has(actor) && this.atOrAbove(next)) this.revisits.add(actor);
  };

  private readonly qualifies = (actor: string): boolean => this.enabled.has(actor) && !this.revisits.has(actor);
}

/** What the reduction did, for the stats; absent when it was not asked for. */
export function porStats(plan: { reduced: boolean; skipped?: PorSkip }, asked: boolean, expander: { readonly ample: number; readonly full: number } | undefined): Pick<Stats, 'por'> {
  if (!asked) return {};
  const counts = { ampleStates: expander?.ample ?? 0, fullStates: expander?.full ?? 0 };
  return { por: { applied: plan.reduced, ...(plan.skipped ? { skipped: plan.skipped } : {}), ...counts } };
}
