/**
 * Strongly connected components of a subgraph of a CSR graph, by Tarjan's algorithm (Tarjan,
 * "Depth-first search and linear graph algorithms", SIAM J. Comput. 1(2), 1972) with an explicit
 * call stack, so a path of a million states does not overflow the JS stack.
 *
 * The subgraph is the set of nodes whose `member` entry equals `tag`: the fair-cycle search
 * refines a component by giving its surviving nodes a fresh tag and running this again.
 */

import type { Budget } from './budget.js';

/** Scratch arrays sized to the whole graph, reused across calls. */
export class SccScratch {
  readonly index: Int32Array;
  readonly low: Int32Array;
  readonly onStack: Uint8Array;
  readonly stack: Int32Array;
  readonly callNode: Int32Array;
  readonly callEdge: Int32Array;

  constructor(nodes: number) {
    this.index = new Int32Array(nodes);
    this.low = new Int32Array(nodes);
    this.onStack = new Uint8Array(nodes);
    this.stack = new Int32Array(nodes);
    this.callNode = new Int32Array(nodes);
    this.callEdge = new Int32Array(nodes);
  }
}

export interface Csr {
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
}

/**
 * Calls `onComponent` once per SCC of the nodes in `roots` (every node tagged `tag` must be in
 * `roots`), in reverse topological order. The component is `stack[from .. to)`, scratch memory
 * valid only during the call (no view is made: most components are single nodes, and a view
 * each would cost more than the search). The callback may retag the component's own nodes.
 * Each edge and node visited is a step of `budget`, which may stop the search by throwing.
 */
export function forEachScc(
  g: Csr,
  member: Int32Array,
  tag: number,
  roots: ArrayLike<number>,
  scratch: SccScratch,
  budget: Budget,
  onComponent: (stack: Int32Array, from: number, to: number) => void,
): void {
  const { index, low, onStack, stack, callNode, callEdge } = scratch;
  const { offsets, targets } = g;
  for (let i = 0; i < roots.length; i++) index[roots[i]!] = -1;
  let counter = 0;
  let sp = 0;
  for (let r = 0; r < roots.length; r++) {
    const root = roots[r]!;
    if (index[root] !== -1 || member[root] !== tag) continue;
    let cp = 0;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    callNode[cp] = root;
    callEdge[cp++] = offsets[root]!;
    while (cp > 0) {
      budget.step();
      const v = callNode[cp - 1]!;
      const e = callEdge[cp - 1]!;
      if (e < offsets[v + 1]!) {
        callEdge[cp - 1] = e + 1;
        const w = targets[e]!;
        if (member[w] !== tag) continue;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          callNode[cp] = w;
          callEdge[cp++] = offsets[w]!;
        } else if (onStack[w] === 1 && index[w]! < low[v]!) {
          low[v] = index[w]!;
        }
        continue;
      }
      cp--;
      if (cp > 0) {
        const u = callNode[cp - 1]!;
        if (low[v]! < low[u]!) low[u] = low[v]!;
      }
      if (low[v] === index[v]) {
        let k = sp - 1;
        while (stack[k] !== v) k--;
        for (let j = k; j < sp; j++) onStack[stack[j]!] = 0;
        onComponent(stack, k, sp);
        sp = k;
      }
    }
  }
}
