/**
 * Fairness of permuted units decided exactly for one relaxed fair core of a quotient graph, by
 * unwinding the core into the concrete states of its classes (see quotient.ts for the theory).
 * The unfolding is a small {@link StateGraph} of its own: every concrete state reached from the
 * start through states of the core's classes, each with all of its successors (those leaving
 * the core are leaves, so "enabled" stays the full model's), on which fair-cores.ts and
 * fair-cycle.ts run with the model's real fairness.
 */
import type { Budget } from './budget.js';
import { fairCores } from './fair-cores.js';
import { fairCycle } from './fair-cycle.js';
import { fairnessTable } from './fairness.js';
import { choicesOf, treePathTo } from './graph-path.js';
import { guardModel } from './errors.js';
import { GraphArrays } from './graph-arrays.js';
import { fingerprint, fp } from './hash.js';
import { fairnessUnit, type Action, type Fairness, type Model } from './model.js';
import { NodeIndex } from './node-index.js';
import type { StateGraph } from './state-graph.js';

/** A concrete fair cycle found in an unfolding: replay choices after the start state. */
export interface UnfoldedLasso {
  /** Choices from the start state to the cycle's first state. */
  readonly stem: readonly number[];
  /** Choices of the cycle, back to its first state. */
  readonly cycle: readonly number[];
}

class Unfolding<S, A extends Action> {
  readonly states: S[] = [];
  readonly arrays = new GraphArrays(0, 64);
  private readonly index = new NodeIndex(64);
  /** The nodes of the core's classes, in discovery order. */
  readonly inside: number[] = [];
  private readonly expand: boolean[] = [];

  constructor(private readonly model: Model<S, A>, private readonly inCore: (state: S) => boolean) {}

  /** The node of `state` (the engine's fingerprint of its encoding), added (reached by `edge`) when new. */
  node(state: S, edge: number): number {
    const bytes = this.model.encode(state);
    fingerprint(bytes);
    const v = this.states.length;
    const known = this.index.lookup(fp.hi, fp.lo, v);
    if (known >= 0) return known;
    const own = this.model.decode(bytes.slice());
    this.states.push(own);
    this.arrays.addNode(edge);
    const inside = this.inCore(own);
    this.expand.push(inside);
    if (inside) this.inside.push(v);
    return v;
  }

  /** Expands every node of the core's classes, in discovery order, so rows stay in node order. */
  explore(start: S, budget: Budget): StateGraph {
    this.node(start, -1);
    const emit = (action: A, next: S): void => {
      const e = this.arrays.addEdge(fairnessUnit(action), action.actor);
      this.arrays.setTarget(e, this.node(next, e));
    };
    for (let v = 0; v < this.states.length; v++) {
      budget.step();
      if (this.expand[v]) guardModel('successors', () => this.model.successors(this.states[v]!, emit));
      this.arrays.endRow(false);
    }
    return this.arrays.graph(undefined);
  }
}

/**
 * A fair concrete cycle reachable from `start` through states for which `inCore` holds (the
 * states of one relaxed fair core's classes), under the model's real fairness `fairnessOf`, or
 * undefined when there is none. `budget` may stop the search (it throws).
 *
 * @example
 * fairLassoInCore(model, start, (s) => core[nodeOf(s)] === id, fairnessOf, budget) // { stem: [2], cycle: [0, 1] }
 */
export function fairLassoInCore<S, A extends Action>(model: Model<S, A>, start: S, inCore: (state: S) => boolean, fairnessOf: (unit: string) => Fairness, budget: Budget): UnfoldedLasso | undefined {
  const unfolding = new Unfolding(model, inCore);
  const g = unfolding.explore(start, budget);
  const table = fairnessTable(g.actorNames, fairnessOf);
  const core = fairCores(g, Int32Array.from(unfolding.inside), table, budget);
  const entry = unfolding.inside.find((v) => core[v] !== 0);
  if (entry === undefined) return undefined;
  const stem = choicesOf(g, 0, treePathTo(g, entry).edges).slice(1);
  const cycle = choicesOf(g, 0, fairCycle(g, core, core[entry]!, entry, table, budget)).slice(1);
  return { stem, cycle };
}
