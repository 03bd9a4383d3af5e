/**
 * Liveness under symmetry: `leads-to` and `recoverable` decided on the quotient graph (one node
 * per class of states equal up to permuting interchangeable actors), with every counterexample
 * unwound into a concrete trace that is replayed and confirmed.
 *
 * The theory. G is the model's group of permutations of interchangeable actors; each π in G is
 * an automorphism of the full graph M: s -> t by unit u iff π(s) -> π(t) by π(u), where π renames
 * a unit's actor and, for a unit `actor [group]`, its group when that names an actor. The
 * properties' p and q, and `isRest`, are invariant under G (the model promises it for its
 * properties, as for symmetry in safety). The quotient M/G (Emerson and Sistla, "Symmetry and
 * model checking", Formal Methods in System Design 9, 1996) keeps, per class, the concrete state
 * the search reached first (its representative r) and all of r's edges, each to the class of its
 * target. A concrete path c0 c1 ... maps to the quotient path [c0] [c1] ...: if ci = π(r) then
 * π⁻¹(c(i+1)) is a successor of r in the class [c(i+1)].
 * - recoverable (AG EF q, no fairness): EF q holds at s iff at π(s), so a class is trapped iff
 *   every member is, and the trap analysis on M/G is exact.
 * - leads-to under fairness: a unit u that every π fixes ("fixed": neither its actor nor its
 *   group is in a symmetry group) is enabled at π(r) iff at r, and a concrete step by u maps to
 *   a quotient edge by u. So the image of a fair concrete run is a quotient path on which each
 *   fixed unit meets its fairness. The other units ("moved": a dirtier, the disk interrupt
 *   completing a dirtier's write) are permuted along the way, and their fairness does not carry
 *   over to the quotient. The quotient is first analysed with moved units' fairness relaxed to
 *   `none`, a relaxation: the states a fair violating run visits forever map into one of its
 *   fair cores (liveness.ts's argument, for fixed units), and "holds" there is "holds" on M.
 * - The moved units' fairness, decided on each relaxed core C (quotient-unfold.ts). Emerson and
 *   Sistla ("Utilizing symmetry when model-checking under fairness assumptions: an
 *   automata-theoretic approach", ACM TOPLAS 19(4), 1997; Gyuris and Sistla, "On-the-fly model
 *   checking under fairness that exploits symmetry", CAV 1997) annotate each quotient edge with
 *   the permutation to the target's representative and unwind a cycle through the permutations
 *   it accumulates. Here the model gives canonical forms, not permutations, so the unwinding is
 *   done on concrete states: U = the states reached from s (the concrete end of the stem into
 *   C, an obligation open) through states whose classes are in C. A state π(r) of U stands for
 *   the annotated node (class of r, π) (up to r's stabiliser), so U is the reachable part of
 *   the quotient-times-group product over C, at most |G| times |C| states. fair-cores.ts then
 *   runs on U with the real fairness ("enabled" by every successor, leaving C or not). Exact,
 *   when each group's actors share one fairness kind (so π maps fair runs to fair runs): a
 *   fair concrete run whose forever-visited set I has classes in C passes through some t; C is
 *   strongly connected, so a quotient path from s to [t] inside C unwinds to a concrete one
 *   ending at σ(t), σ in G; σ(I) is fair, strongly connected and inside U, so U has a fair core.
 *   Conversely a fair core of U is a fair concrete lasso after the stem (C's states are not-q).
 *   The lasso is replayed and confirmed (liveness-confirm.ts); only when fairness overrides
 *   tell a group's actors apart is the relaxed lasso confirmed as it is, and when that fails
 *   the property is decided again on the full graph (`stats.symmetry.fullGraph`).
 */
import { actorOfUnit, type Action, type Fairness, type Model } from './model.js';
import type { QuotientLiveness } from './quotient-leads-to.js';
import type { StateGraph } from './state-graph.js';

/** Thrown when the quotient cannot decide a property: a violation it found does not confirm concretely. */
export class NeedsFullGraph extends Error {
  constructor(readonly property: string, readonly why: string) {
    super(`'${property}' needs the full graph: ${why}`);
  }
}

/** The group named inside a unit `actor [group]`, or undefined. */
function groupOfUnit(unit: string): string | undefined {
  const at = unit.indexOf(' [');
  return at < 0 || !unit.endsWith(']') ? undefined : unit.slice(at + 2, -1);
}

/**
 * A predicate telling the units some permutation of `groups` may rename (their actor, or the
 * actor their group names, is interchangeable with another).
 *
 * @example
 * movedUnits([['dirtier1', 'dirtier2']])('disk-irq [dirtier1]') // true; ('kswapd') false
 */
export function movedUnits(groups: readonly (readonly string[])[]): (unit: string) => boolean {
  const names = new Set(groups.filter((g) => g.length > 1).flat());
  // Asked once per successor while a quotient path is unwound: the few units' answers are kept.
  const known = new Map<string, boolean>();
  return (unit) => {
    let moved = known.get(unit);
    if (moved === undefined) {
      const group = groupOfUnit(unit);
      moved = names.has(actorOfUnit(unit)) || (group !== undefined && names.has(group));
      known.set(unit, moved);
    }
    return moved;
  };
}

/** The fairness the quotient is analysed under: moved units relaxed to `none`, fixed units as given. */
export function relaxedFairness(of: (unit: string) => Fairness, moved: (unit: string) => boolean): (unit: string) => Fairness {
  return (unit) => (moved(unit) ? 'none' : of(unit));
}

/**
 * What the analysis of quotient `g` needs to decide the permuted units' fairness: whether any
 * of them is fair at all, and whether the model's groups keep fairness kinds (each group's
 * actors share one).
 *
 * @example
 * quotientLiveness(model, graph, of, moved, (s) => builder.nodeOf(s)).movedFair // true for weakly fair dirtiers
 */
export function quotientLiveness<S>(model: Model<S, Action>, g: StateGraph, of: (unit: string) => Fairness, moved: (unit: string) => boolean, nodeOf: (state: S) => number): QuotientLiveness<S> {
  const movedFair = g.actorNames.some((unit) => moved(unit) && of(unit) !== 'none');
  const fairnessSymmetric = (model.symmetry ?? []).every((group) => group.every((actor) => of(actor) === of(group[0]!)));
  return { nodeOf, movedFair, fairnessSymmetric };
}
