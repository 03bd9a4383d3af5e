/**
 * `p ~> q` decided on a quotient graph under the model's real fairness (the theory is in
 * quotient.ts): the relaxed analysis names the candidates, dead ends and fair cores; a dead end
 * is unwound as it is, and each core, when some permuted unit is fair, is unwound into its
 * concrete states and searched for a really fair cycle (quotient-unfold.ts).
 */
import { candidateFinding, leadsToCandidates, type LeadsToCandidate } from './leads-to.js';
import { lassoFault } from './liveness-confirm.js';
import type { LivenessContext } from './liveness.js';
import type { Action, LeadsTo } from './model.js';
import { replay } from './path.js';
import { NeedsFullGraph } from './quotient.js';
import { pathOfFinding, type GraphPaths } from './quotient-paths.js';
import { fairLassoInCore } from './quotient-unfold.js';
import type { Path } from './result.js';

/** What the liveness analysis of a quotient graph needs beyond the graph. */
export interface QuotientLiveness<S> {
  /** The node (class) of a concrete state; negative when the graph has none. */
  readonly nodeOf: (state: S) => number;
  /** True when some permuted unit is weakly or strongly fair: relaxing it to `none` changed the analysis. */
  readonly movedFair: boolean;
  /** True when the actors of each symmetry group share one fairness kind, so permutations keep fairness. */
  readonly fairnessSymmetric: boolean;
}

/** The liveness context of a quotient graph (its fairness table relaxed: permuted units `none`). */
export type QuotientSearch<S, A extends Action> = Omit<LivenessContext<S, A>, 'quotient'> & { readonly quotient: QuotientLiveness<S> };

/** A confirmed fair concrete violation: the replayed path, and whether its dead end is a rest state. */
export interface QuotientViolation<S, A extends Action> {
  readonly path: Path<S, A>;
  readonly rest: boolean;
}

/** A really fair lasso through the concrete states of the candidate's core, after the stem to it. */
function unwoundCore<S, A extends Action>(c: QuotientSearch<S, A>, cand: LeadsToCandidate): Path<S, A> | undefined {
  // The stem's end is all the unfolding needs; the lasso below is replayed whole.
  const stem = c.paths.end(cand.init, cand.stem);
  const id = cand.cores[cand.node]!;
  const inCore = (s: S): boolean => {
    const v = c.quotient.nodeOf(s);
    return v >= 0 && cand.cores[v] === id;
  };
  const found = fairLassoInCore(c.model, stem.state, inCore, c.fairnessOf, c.budget);
  if (found === undefined) return undefined;
  const choices = [...stem.choices, ...found.stem, ...found.cycle];
  return replay(c.model, choices, stem.choices.length - 1 + found.stem.length);
}

/**
 * The concrete counterpart of a candidate, not yet confirmed: a core, when some permuted unit is
 * fair, unwound into its concrete states (undefined when none of them is a fair cycle); a dead
 * end, or any candidate when the relaxed fairness is the real one up to symmetry, as found.
 */
function unwound<S, A extends Action>(c: QuotientSearch<S, A>, cand: LeadsToCandidate): QuotientViolation<S, A> | undefined {
  if (!cand.dead && c.quotient.movedFair && c.quotient.fairnessSymmetric) {
    const path = unwoundCore(c, cand);
    return path === undefined ? undefined : { path, rest: false };
  }
  const found = candidateFinding(c.graph, cand, c.fairness, c.budget);
  return { path: pathOfFinding(c.paths, found), rest: found.rest };
}

/**
 * The first fair concrete violation of `p ~> q` (liveness property number `k`) that the
 * quotient shows, replayed and confirmed, or undefined when there is none. Throws
 * NeedsFullGraph when it cannot decide (a candidate that does not confirm, as when fairness
 * overrides tell interchangeable actors apart and the relaxed lasso is unfair), and AnalysisStopped when the budget runs out.
 *
 * @example
 * quotientViolation(search, progress, 3)?.path.loopStart // where the fair cycle starts
 */
export function quotientViolation<S, A extends Action>(c: QuotientSearch<S, A>, prop: LeadsTo<S>, k: number): QuotientViolation<S, A> | undefined {
  for (const cand of leadsToCandidates(c.graph, k, c.fairness, c.budget)) {
    const found = unwound(c, cand);
    if (found === undefined) continue; // no fair cycle in any concrete unwinding of this core
    const fault = lassoFault(c.model, prop, found.path, c.fairnessOf);
    if (fault !== undefined) throw new NeedsFullGraph(prop.name, fault);
    return found;
  }
  return undefined;
}
