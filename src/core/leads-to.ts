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

/** Where a run may keep an obligation open: a dead end, or the entry of a fair core. */
export interface LeadsToCandidate {
  readonly init: number;
  /** Edges from the initial state to the candidate node. */
  readonly stem: readonly number[];
  /** The node the stem ends at. */
  readonly node: number;
  /** Per node, its fair core's number (fair-cores.ts), 0 outside cores. */
  readonly cores: Int32Array;
  /** True for a dead end, false for a core's entry. */
  readonly dead: boolean;
}

/**
 * Every dead end and the first entry of every fair core, in BFS order of the two-copy search
 * (shortest stems first), for liveness property number `k`. `budget` may stop it (it throws).
 *
 * @example
 * for (const c of leadsToCandidates(g, 0, fairness, budget)) if (!c.dead) return c.cores[c.node]; // the nearest core
 */
export function* leadsToCandidates(g: StateGraph, k: number, fairness: FairnessTable, budget: Budget): Generator<LeadsToCandidate> {
  const search = searchObligations(g, k, budget);
  const cores = fairCores(g, pendingNodes(search), fairness, budget);
  const entered = new Set<number>();
  for (let i = 0; i < search.count; i++) {
    budget.step();
    const x = search.order[i]!;
    if ((x & 1) === 0) continue;
    const v = x >>> 1;
    const dead = cores[v] === 0 && isDead(g, v);
    if (!dead && (cores[v] === 0 || entered.has(cores[v]!))) continue;
    entered.add(cores[v]!);
    const { init, edges } = stemTo(g, search, x);
    yield { init, stem: edges, node: v, cores, dead };
  }
}

/**
 * The lasso (or dead end) a candidate stands for: the fair cycle through its node, if a core's entry.
 *
 * @example
 * candidateFinding(g, candidate, fairness, budget).cycle // edges back to the stem's end
 */
export function candidateFinding(g: StateGraph, c: LeadsToCandidate, fairness: FairnessTable, budget: Budget): LassoFinding {
  const cycle = c.dead ? undefined : fairCycle(g, c.cores, c.cores[c.node]!, c.node, fairness, budget);
  return { init: c.init, stem: c.stem, cycle, rest: c.dead && g.rest[c.node] === 1 };
}

/**
 * The shortest-stem violation of liveness property number `k` (a leads-to), or undefined.
 * `budget` may stop the search (it throws): then nothing is known.
 */
export function findLeadsToViolation(g: StateGraph, k: number, fairness: FairnessTable, budget: Budget): LassoFinding | undefined {
  for (const c of leadsToCandidates(g, k, fairness, budget)) return candidateFinding(g, c, fairness, budget);
  return undefined;
}
