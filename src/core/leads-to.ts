/**
 * Where `p ~> q` fails in a {@link StateGraph} under fairness: the nearest node, in BFS order of
 * the two-copy search (obligation-search.ts), at which an open obligation can stay open forever:
 * - a node of a fair core (fair-cores.ts): a fair cycle of not-q nodes, the run loops there;
 * - a dead end (expanded, no successors): the run stops with the obligation open. This counts
 *   even at a rest state: a stopped run stays in its last state forever (as TLA+ and SPIN's
 *   stutter extension read it) and q never comes. The rest state only changes the failure's name
 *   ('stopped' instead of 'deadlock'); a property that accepts a legitimate stop says so in its
 *   q (`q = done || rest`), which keeps the strict reading available to everyone else.
 * Only expanded nodes have edges, so in a partial graph every violation found is real.
 */
import type { Budget } from './budget.js';
import { fairCores, type FairnessTable } from './fair-cores.js';
import { fairCycle } from './fair-cycle.js';
import { pendingNodes, searchObligations, stemTo } from './obligation-search.js';
import { isDead, type StateGraph } from './state-graph.js';

export interface LassoFinding {
  readonly init: number;
  /** Edges from the initial state to the node where the run loops or stops. */
  readonly stem: readonly number[];
  /** Edges of the fair cycle back to the stem's end; undefined for a dead end. */
  readonly cycle: readonly number[] | undefined;
  /** For a dead end: whether the model calls it a rest state. */
  readonly rest: boolean;
}

/**
 * The shortest-stem violation of liveness property number `k` (a leads-to), or undefined.
 * `budget` may stop the search (it throws): then nothing is known.
 */
export function findLeadsToViolation(g: StateGraph, k: number, fairness: FairnessTable, budget: Budget): LassoFinding | undefined {
  const search = searchObligations(g, k, budget);
  const core = fairCores(g, pendingNodes(search), fairness, budget);
  for (let i = 0; i < search.count; i++) {
    budget.step();
    const x = search.order[i]!;
    if ((x & 1) === 0) continue;
    const v = x >>> 1;
    if (core[v] === 0 && !isDead(g, v)) continue;
    const { init, edges } = stemTo(g, search, x);
    const cycle = core[v] === 0 ? undefined : fairCycle(g, core, core[v]!, v, fairness, budget);
    return { init, stem: edges, cycle, rest: cycle === undefined && g.rest[v] === 1 };
  }
  return undefined;
}
