/**
 * The shortest way into an open `p ~> q` obligation, as a breadth-first search over two copies
 * of the graph: in copy 0 the run moves freely; at a node where p holds and q does not, it may
 * switch (at no cost) to copy 1, where it may only enter nodes where q does not hold. The nodes
 * of copy 1 are exactly those where an obligation can be pending, and BFS order there gives
 * the shortest stem to any of them. Product node `2v + copy`.
 */
import type { Budget } from './budget.js';
import { P_BIT, Q_BIT, sourceOf, type StateGraph } from './state-graph.js';

/** `via` of a copy-1 node entered by switching from the same node in copy 0. */
const SWITCH = -0x80000000;

export interface ObligationSearch {
  /** Product nodes in BFS (distance) order. */
  readonly order: Int32Array;
  readonly count: number;
  /** Per product node: the edge that reached it, `-1 - i` for initial state i, or a switch. */
  readonly via: Int32Array;
}

/** Runs the two-copy BFS for liveness property number `k` of the graph; `budget` may stop it (it throws). */
export function searchObligations(g: StateGraph, k: number, budget: Budget): ObligationSearch {
  const { offsets, targets, labels, properties: stride } = g;
  const seen = new Uint8Array(2 * g.nodes);
  const via = new Int32Array(2 * g.nodes);
  const order = new Int32Array(2 * g.nodes);
  let tail = 0;
  // Copy 0 of w reached by `how`; from a node with an open obligation, copy 1 at no cost.
  const arrive = (w: number, how: number): void => {
    seen[2 * w] = 1;
    via[2 * w] = how;
    order[tail++] = 2 * w;
    if ((labels[w * stride + k]! & (P_BIT | Q_BIT)) === P_BIT && seen[2 * w + 1] === 0) {
      seen[2 * w + 1] = 1;
      via[2 * w + 1] = SWITCH;
      order[tail++] = 2 * w + 1;
    }
  };
  for (let v = 0; v < g.nodes && g.parentEdge[v]! < 0; v++) if (seen[2 * v] === 0) arrive(v, g.parentEdge[v]!);
  for (let head = 0; head < tail; head++) {
    const x = order[head]!;
    const v = x >>> 1;
    const end = offsets[v + 1]!;
    budget.step(1 + end - offsets[v]!);
    if ((x & 1) === 0) {
      for (let e = offsets[v]!; e < end; e++) if (seen[2 * targets[e]!] === 0) arrive(targets[e]!, e);
      continue;
    }
    for (let e = offsets[v]!; e < end; e++) {
      const y = 2 * targets[e]! + 1;
      if (seen[y] === 0 && (labels[(y >>> 1) * stride + k]! & Q_BIT) === 0) {
        seen[y] = 1;
        via[y] = e;
        order[tail++] = y;
      }
    }
  }
  return { order, count: tail, via };
}

/** The nodes of copy 1: where an obligation can be pending. */
export function pendingNodes(s: ObligationSearch): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < s.count; i++) if ((s.order[i]! & 1) === 1) out.push(s.order[i]! >>> 1);
  return Int32Array.from(out);
}

/** The stem to product node `x`: the initial state's index and the edges taken. */
export function stemTo(g: StateGraph, s: ObligationSearch, x: number): { init: number; edges: number[] } {
  const edges: number[] = [];
  for (;;) {
    const how = s.via[x]!;
    if (how === SWITCH) x -= 1;
    else if (how < 0) return { init: -1 - how, edges: edges.reverse() };
    else {
      edges.push(how);
      x = 2 * sourceOf(g, how) + (x & 1);
    }
  }
}
