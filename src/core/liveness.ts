/**
 * Decides the liveness properties (`leads-to`, `recoverable`) on an explored
 * {@link StateGraph}, and turns what it finds into replayed, confirmed counterexamples.
 *
 * Why the verdicts are right (sound: every violation reported is one; complete: on a complete
 * graph, every violation is found, so 'holds' is right). Semantics as in docs/liveness.md:
 * a run is a maximal path from an initial state; a unit is `fairnessUnit(action)` (an actor, or
 * one group of its transitions) and has its actor's kind; a unit is enabled at a state if some
 * successor of the state in the full model is its; a finite run ends in a dead end, where no
 * unit is enabled, so fairness holds on it vacuously. A run violates `p ~> q` if for some i,
 * p(s_i) and q(s_j) for no j >= i; the obligation search (obligation-search.ts) reaches node v
 * in copy 1 exactly when some finite path ends at v with such an open obligation.
 * - Complete. Finite violating run: its last state is a dead end in copy 1, found by the scan
 *   in leads-to.ts. Fair infinite violating run: its suffix after i lies in copy 1; let Inf be
 *   the states it visits infinitely often and E the edges it takes infinitely often. Inf is
 *   strongly connected through E, so it lies in one SCC C of the first round of fair-cores.ts.
 *   If a weak unit has no edge inside C, the run does not take it infinitely often, so weak
 *   fairness makes it disabled at some state of Inf (a subset of C): C is not 'unfair' for it.
 *   If a strong unit has no edge inside C, strong fairness makes it disabled on all of Inf:
 *   Inf survives the removal of the states where it is enabled. So Inf stays inside one SCC of
 *   each round; rounds strictly shrink, so some round judges its SCC fair: Inf is in a core.
 * - Sound. A dead end in copy 1 gives a violating finite run (the stem). A core is an SCC of
 *   not-q states judged fair: each weak unit has an edge inside it or a state where it is
 *   disabled, each strong unit enabled in it has an edge inside it. fair-cycle.ts builds a
 *   closed walk from the entry meeting all of these; repeated forever, each weak unit moves or
 *   is disabled infinitely often and each strong unit enabled on the walk moves infinitely
 *   often: stem plus walk is a fair run that keeps the obligation open.
 * This is the SCC method for fairness (Lichtenstein and Pnueli, "Checking that finite state
 * concurrent programs satisfy their linear specification", POPL 1985) with the Streett
 * refinement of Emerson and Lei (1987) for strong fairness. Units stay apart: graph,
 * cores, cycle and confirmation all key on `fairnessUnit`, and the graph rejects an actor name
 * that would make a unit's actor ambiguous (graph-arrays.ts).
 *
 * `recoverable` (AG EF q) is a branching property without fairness: a state violates it iff no
 * path from it reaches q, which the backward search of trap.ts computes exactly.
 *
 * Partial graphs (a limit was hit): only expanded states have edges, and each has all of its
 * edges, so an SCC with a cycle, a dead end (an expanded state without successors) and the
 * enabled units of a state are those of the full model; unexpanded states count as able to
 * recover. A violation found is real; 'holds' is never given. Finally, every counterexample is
 * replayed through the model and rechecked without the graph (liveness-confirm.ts), so an error
 * in this analysis can make a check fail loudly, never report a false violation; 'holds' rests
 * on the argument above, on exhaustive exploration, and on fingerprints not colliding (the
 * result states that probability).
 *
 * Time limit and interruption: every loop of the analysis counts its steps against a budget
 * (budget.ts) that looks at the clock and the abort signal every few thousand steps and stops
 * the analysis by throwing; the property is then `unknown` and the check `incomplete`.
 */
import type { Budget } from './budget.js';
import type { FairnessTable } from './fair-cores.js';
import { treePathTo } from './graph-path.js';
import { findLeadsToViolation } from './leads-to.js';
import { confirmLasso, confirmTrap } from './liveness-confirm.js';
import type { Action, Fairness, LeadsTo, LivenessProperty, Model, Recoverable } from './model.js';
import { pathOfFinding, type GraphPaths } from './quotient-paths.js';
import { quotientViolation, type QuotientLiveness } from './quotient-leads-to.js';
import type { Path, PropertyResult } from './result.js';
import type { StateGraph } from './state-graph.js';
import { findTrap } from './trap.js';

export interface LivenessContext<S, A extends Action> {
  readonly model: Model<S, A>;
  readonly graph: StateGraph;
  /** The fairness the graph is analysed under (relaxed on a quotient, see quotient.ts). */
  readonly fairness: FairnessTable;
  /** The model's fairness, which every counterexample is confirmed against. */
  readonly fairnessOf: (actor: string) => Fairness;
  /** Edge lists to replayed concrete paths (unwound on a quotient). */
  readonly paths: GraphPaths<S, A>;
  /** Set when the graph is a quotient: how to unwind its cores under the real fairness (quotient-leads-to.ts). */
  readonly quotient: QuotientLiveness<S> | undefined;
  /** The time limit and the abort signal: the analysis throws AnalysisStopped when over. */
  readonly budget: Budget;
}

function leadsTo<S, A extends Action>(c: LivenessContext<S, A>, prop: LeadsTo<S>, k: number): PropertyResult<S, A> {
  const base = { name: prop.name, kind: prop.kind };
  const found = c.quotient === undefined ? fullGraphViolation(c, prop, k) : quotientViolation({ ...c, quotient: c.quotient }, prop, k);
  if (found === undefined) return { ...base, status: c.graph.stopped === undefined ? 'holds' : 'unknown' };
  const { path } = found;
  const failure = path.loopStart !== undefined ? 'livelock' : found.rest ? 'stopped' : 'deadlock';
  const stem = path.loopStart ?? path.actions.length;
  const details = { stem, cycle: path.actions.length - stem };
  return { ...base, status: 'violated', failure, counterexample: path, details };
}

/** The shortest-stem violation in the full graph, replayed and confirmed. */
function fullGraphViolation<S, A extends Action>(c: LivenessContext<S, A>, prop: LeadsTo<S>, k: number): { path: Path<S, A>; rest: boolean } | undefined {
  const found = findLeadsToViolation(c.graph, k, c.fairness, c.budget);
  if (found === undefined) return undefined;
  const path = pathOfFinding(c.paths, found);
  confirmLasso(c.model, prop, path, c.fairnessOf);
  return { path, rest: found.rest };
}

function recoverable<S, A extends Action>(c: LivenessContext<S, A>, prop: Recoverable<S>, k: number): PropertyResult<S, A> {
  const base = { name: prop.name, kind: prop.kind };
  const trap = findTrap(c.graph, k, c.budget);
  if (trap === undefined) return { ...base, status: c.graph.stopped === undefined ? 'holds' : 'unknown' };
  const { init, edges } = treePathTo(c.graph, trap.representative);
  const path = c.paths.path(init, edges);
  confirmTrap(c.model, prop, path, c.budget);
  const details = { trapped: trap.count, states: c.graph.nodes };
  return { ...base, status: 'violated', failure: 'unrecoverable', counterexample: path, details };
}

/**
 * The result of liveness property number `k` of the graph's properties. It holds only on a
 * complete graph; a violation found in a partial graph is real (it uses only expanded states).
 * Throws AnalysisStopped (budget.ts) when the time limit passes or the signal aborts, before or
 * during the analysis: the property is then undecided, and no partial answer is given.
 */
export function livenessOnGraph<S, A extends Action>(c: LivenessContext<S, A>, prop: LivenessProperty<S>, k: number): PropertyResult<S, A> {
  c.budget.check();
  return prop.kind === 'leads-to' ? leadsTo(c, prop, k) : recoverable(c, prop, k);
}
