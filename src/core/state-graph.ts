import type { Property } from './model.js';

/**
 * The reachable graph as compact arrays, for the liveness checks (which need cycles, so every
 * edge, not only the BFS tree). Nodes are numbered in breadth-first discovery order, so a lower
 * number is never deeper, and nodes `0 .. expanded-1` are exactly the ones whose successors are
 * stored (a search stopped by a limit leaves the rest unexpanded: their rows are empty but they
 * are not dead ends).
 *
 * Edges are in CSR form: the successors of node `v` are `targets[offsets[v] .. offsets[v+1])`,
 * in the model's emit order, duplicates and self-loops kept, so `e - offsets[v]` is the replay
 * choice of edge `e`. About 6 bytes an edge and 9 + (properties) bytes a node.
 */
export interface StateGraph {
  /** Stored states. */
  readonly nodes: number;
  /** Nodes below this number have their successors stored. */
  readonly expanded: number;
  /** Length `nodes + 1`; unexpanded nodes have empty rows. */
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  /** The actor of each edge, as an index into {@link actorNames}. */
  readonly actorOf: Uint16Array;
  readonly actorNames: readonly string[];
  /**
   * How each node was first reached: the edge index, or `-1 - i` for the model's i-th initial
   * state. Following it back gives a shortest path from an initial state.
   */
  readonly parentEdge: Int32Array;
  /**
   * Per node and property (`labels[v * properties + k]`), see {@link labelOf}.
   */
  readonly labels: Uint8Array;
  readonly properties: number;
  /** 1 for an expanded node without successors that the model calls a rest state. */
  readonly rest: Uint8Array;
  /** Why the graph is partial, or undefined when every reachable state is expanded. */
  readonly stopped: string | undefined;
}

export const P_BIT = 1;
export const Q_BIT = 2;
/** For a safety property: the state violates the invariant, or satisfies the reachable test. */
export const HIT_BIT = 1;

/** A state's label for one property: p and q of a liveness property, or {@link HIT_BIT}. */
export function labelOf<S>(p: Property<S>, state: S): number {
  switch (p.kind) {
    case 'leads-to':
      return (p.p(state) ? P_BIT : 0) | (p.q(state) ? Q_BIT : 0);
    case 'recoverable':
      return p.q(state) ? Q_BIT : 0;
    case 'invariant':
      return p.holds(state) ? 0 : HIT_BIT;
    case 'reachable':
      return p.test(state) ? HIT_BIT : 0;
    case 'deadlock-free':
      return 0; // dead ends are known from the rows
  }
}

/** True when `v` was expanded and has no successors: a finite maximal path ends there. */
export function isDead(g: StateGraph, v: number): boolean {
  return v < g.expanded && g.offsets[v] === g.offsets[v + 1];
}

/** The node an edge leaves: the last row starting at or before it (empty rows end before it). */
export function sourceOf(g: StateGraph, edge: number): number {
  let lo = 0;
  let hi = g.nodes - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (g.offsets[mid]! <= edge) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
