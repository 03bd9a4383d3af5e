/**
 * Paths through a {@link StateGraph} as edge lists, and their replay tokens.
 */
import { sourceOf, type StateGraph } from './state-graph.js';

/** A shortest path from an initial state to `v` along the discovery tree. */
export function treePathTo(g: StateGraph, v: number): { init: number; edges: number[] } {
  const edges: number[] = [];
  for (;;) {
    const e = g.parentEdge[v]!;
    if (e < 0) return { init: -1 - e, edges: edges.reverse() };
    edges.push(e);
    v = sourceOf(g, e);
  }
}

/** The replay token of a path: the initial state's index, then each edge's place in its row. */
export function choicesOf(g: StateGraph, init: number, edges: readonly number[]): number[] {
  return [init, ...edges.map((e) => e - g.offsets[sourceOf(g, e)]!)];
}
