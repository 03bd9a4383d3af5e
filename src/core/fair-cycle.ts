/**
 * A short fair cycle through a given node of a fair core (see fair-cores.ts). Greedy, so short
 * but not always the shortest (that is NP-hard in general, a travelling-salesman variant): the
 * shortest cycle through the node, then, while some fairness requirement is open, a detour to
 * the nearest edge or node that meets one (BFS inside the core) and the shortest way back.
 */
import type { Budget } from './budget.js';
import { CheckError } from './errors.js';
import { census, NONE, STRONG, type FairnessTable } from './fair-cores.js';
import { sourceOf, type StateGraph } from './state-graph.js';

const OPEN_WEAK = 1; // met by the actor moving, or by a node where it is disabled
const OPEN_STRONG = 2; // met only by the actor moving

class CoreWalk {
  private readonly seen: Int32Array;
  private readonly parent: Int32Array;
  private readonly queue: Int32Array;
  private readonly enabledAt: Int32Array;
  private stamp = 0;

  constructor(private readonly g: StateGraph, private readonly core: Int32Array, private readonly id: number, size: number, private readonly budget: Budget) {
    this.seen = new Int32Array(g.nodes);
    this.parent = new Int32Array(g.nodes);
    this.queue = new Int32Array(size);
    this.enabledAt = new Int32Array(g.actorNames.length).fill(-1);
  }

  /** Clears the weak requirements met by visiting `v` (actors disabled there). */
  visit(v: number, open: Uint8Array): void {
    this.markEnabled(v);
    for (let a = 0; a < open.length; a++) if (open[a] === OPEN_WEAK && this.enabledAt[a] !== v) open[a] = 0;
  }

  /** True when visiting `v` would meet some open weak requirement. */
  meets(v: number, open: Uint8Array): boolean {
    this.markEnabled(v);
    for (let a = 0; a < open.length; a++) if (open[a] === OPEN_WEAK && this.enabledAt[a] !== v) return true;
    return false;
  }

  private markEnabled(v: number): void {
    const g = this.g;
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) this.enabledAt[g.actorOf[e]!] = v;
  }

  /** Edges of a shortest path inside the core from `from` to the first goal edge or goal node. */
  nearest(from: number, goalEdge: (e: number) => boolean, goalNode: (v: number) => boolean): number[] {
    const { g, core, id, seen, parent, queue } = this;
    const stamp = ++this.stamp;
    let tail = 0;
    seen[from] = stamp;
    queue[tail++] = from;
    for (let head = 0; head < tail; head++) {
      const u = queue[head]!;
      this.budget.step(1 + g.offsets[u + 1]! - g.offsets[u]!);
      for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
        const w = g.targets[e]!;
        if (core[w] !== id) continue;
        if (goalEdge(e)) return [...this.pathTo(u, from), e];
        if (seen[w] === stamp) continue;
        seen[w] = stamp;
        parent[w] = e;
        if (goalNode(w)) return this.pathTo(w, from);
        queue[tail++] = w;
      }
    }
    throw new CheckError('replay-failed', 'internal error: a fair core has no fair cycle through its entry');
  }

  private pathTo(v: number, from: number): number[] {
    const out: number[] = [];
    for (; v !== from; v = sourceOf(this.g, this.parent[v]!)) out.push(this.parent[v]!);
    return out.reverse();
  }
}

/**
 * The edges of a fair cycle from `entry` back to it, inside core number `id` (`core[v] === id`).
 * Every weak actor moves or is disabled somewhere on it; every strong actor enabled in the core
 * moves on it. `budget` may stop the search (it throws).
 */
export function fairCycle(g: StateGraph, core: Int32Array, id: number, entry: number, fairness: FairnessTable, budget: Budget): number[] {
  const nodes: number[] = [];
  budget.step(g.nodes);
  for (let v = 0; v < g.nodes; v++) if (core[v] === id) nodes.push(v);
  const inside = new Int32Array(g.nodes);
  for (const v of nodes) inside[v] = 1;
  const c = census(g, nodes, inside, 1, budget);
  const open = new Uint8Array(fairness.length);
  for (let a = 0; a < fairness.length; a++) {
    if (fairness[a] === NONE) continue;
    open[a] = fairness[a] === STRONG ? (c.enabled[a]! > 0 ? OPEN_STRONG : 0) : OPEN_WEAK;
  }
  const walk = new CoreWalk(g, core, id, nodes.length, budget);
  const cycle: number[] = [];
  const take = (path: readonly number[]): void => {
    for (const e of path) {
      open[g.actorOf[e]!] = 0;
      walk.visit(g.targets[e]!, open);
      cycle.push(e);
    }
  };
  const back = (from: number): number[] => walk.nearest(from, (e) => g.targets[e] === entry, () => false);
  walk.visit(entry, open);
  take(back(entry));
  while (open.some((x) => x !== 0)) {
    const out = walk.nearest(entry, (e) => open[g.actorOf[e]!] !== 0, (v) => walk.meets(v, open));
    take(out);
    take(back(g.targets[out[out.length - 1]!]!));
  }
  return cycle;
}
