/**
 * The trap region of `recoverable` (AG EF q): nodes from which no path reaches a q-node. Found
 * by one backward BFS from the q-nodes over the reversed edges. In a partial graph the
 * unexpanded nodes are seeds too (what lies beyond them is unknown), so every node reported
 * trapped really is.
 */
import type { Budget } from './budget.js';
import { Q_BIT, type StateGraph } from './state-graph.js';

export interface Trap {
  /** Nodes that can never reach q. */
  readonly count: number;
  /** The trapped node of least depth (nodes are numbered in BFS order). */
  readonly representative: number;
}

/** Reversed CSR: the predecessors of `v` are `sources[offsets[v] .. offsets[v+1])`. */
function reverse(g: StateGraph, budget: Budget): { offsets: Int32Array; sources: Int32Array } {
  const n = g.nodes;
  budget.step(n + g.targets.length);
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < g.targets.length; e++) offsets[g.targets[e]! + 1]!++;
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, n);
  const sources = new Int32Array(g.targets.length);
  for (let u = 0; u < g.expanded; u++) {
    budget.step(1 + g.offsets[u + 1]! - g.offsets[u]!);
    for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) sources[fill[g.targets[e]!]!++] = u;
  }
  return { offsets, sources };
}

/**
 * The trap region for liveness property number `k`, or undefined when every node can recover.
 * `budget` may stop the search (it throws).
 */
export function findTrap(g: StateGraph, k: number, budget: Budget): Trap | undefined {
  const n = g.nodes;
  const { offsets, sources } = reverse(g, budget);
  const recovers = new Uint8Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let v = 0; v < n; v++) {
    if (v >= g.expanded || (g.labels[v * g.properties + k]! & Q_BIT) !== 0) {
      recovers[v] = 1;
      queue[tail++] = v;
    }
  }
  for (let head = 0; head < tail; head++) {
    const v = queue[head]!;
    budget.step(1 + offsets[v + 1]! - offsets[v]!);
    for (let i = offsets[v]!; i < offsets[v + 1]!; i++) {
      const u = sources[i]!;
      if (recovers[u] === 0) {
        recovers[u] = 1;
        queue[tail++] = u;
      }
    }
  }
  if (tail === n) return undefined;
  return { count: n - tail, representative: recovers.indexOf(0) };
}
