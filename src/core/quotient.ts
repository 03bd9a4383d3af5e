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
 *   over to the quotient in general (Emerson and Sistla, "Utilizing symmetry when model-checking
 *   under fairness assumptions: an automata-theoretic approach", ACM TOPLAS 19(4), 1997, track
 *   them with annotated quotients). Here the quotient is analysed with moved units' fairness
 *   relaxed to `none`: a relaxation, so every fair concrete violation still shows as a violation
 *   in M/G, and "holds" on M/G is "holds" on M (sound). A violation found in M/G may be unfair
 *   for a moved unit, so it is unwound (quotient-paths.ts: a quotient lasso, repeated until the
 *   concrete state closes, at most the size of the class's orbit) and confirmed against the
 *   real fairness; when confirmation fails, the property is decided again on the full graph,
 *   and the stats name it (`stats.symmetry.fullGraph`).
 */
import { actorOfUnit, type Fairness } from './model.js';

/** Thrown when a violation found on the quotient is not a fair concrete one. */
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
  return (unit) => {
    const group = groupOfUnit(unit);
    return names.has(actorOfUnit(unit)) || (group !== undefined && names.has(group));
  };
}

/** The fairness the quotient is analysed under: moved units relaxed to `none`, fixed units as given. */
export function relaxedFairness(of: (unit: string) => Fairness, moved: (unit: string) => boolean): (unit: string) => Fairness {
  return (unit) => (moved(unit) ? 'none' : of(unit));
}
