// Naive references for the liveness checks on tiny graphs, sharing no code with the engine:
// fair cycles by brute force over every subset of edges (a closed walk can use exactly the
// edges of any strongly connected edge set), reachability by repeated relaxation.
import type { Graph } from './graph-model.js';

/** closure[u][v]: v is reachable from u (zero steps included) moving only through `allowed` nodes. */
function closure(g: Graph, allowed: (v: number) => boolean, edges = g.edges): boolean[][] {
  const r = Array.from({ length: g.nodes }, (_, u) => Array.from({ length: g.nodes }, (_, v) => u === v));
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of edges) {
      if (!allowed(e.from) || !allowed(e.to)) continue;
      for (let u = 0; u < g.nodes; u++) {
        if (r[u]![e.from] && !r[u]![e.to]) {
          r[u]![e.to] = true;
          changed = true;
        }
      }
    }
  }
  return r;
}

const enabled = (g: Graph, v: number, a: number): boolean => g.edges.some((e) => e.from === v && e.actor === a);

/** True when the edge set is non-empty, strongly connected over its nodes, and fair. */
function fairCycleSet(g: Graph, set: Graph['edges']): boolean {
  if (set.length === 0) return false;
  const nodes = [...new Set(set.flatMap((e) => [e.from, e.to]))];
  const r = closure(g, () => true, set);
  if (!nodes.every((u) => nodes.every((v) => r[u]![v]))) return false;
  return g.fairness.every((f, a) => {
    if (f === 'none' || set.some((e) => e.actor === a)) return true;
    return f === 'weak' ? nodes.some((v) => !enabled(g, v, a)) : nodes.every((v) => !enabled(g, v, a));
  });
}

/** Nodes lying on some fair cycle of not-q nodes. */
export function fairCycleNodes(g: Graph): Set<number> {
  const candidates = g.edges.filter((e) => !g.q[e.from] && !g.q[e.to]);
  const out = new Set<number>();
  for (let mask = 1; mask < 1 << candidates.length; mask++) {
    const set = candidates.filter((_, i) => (mask >> i) & 1);
    if (fairCycleSet(g, set)) for (const e of set) out.add(e.from);
  }
  return out;
}

/**
 * Length of the shortest stem of a violation of p ~> q (to a node where the obligation can stay
 * open forever: on a fair not-q cycle, or a dead end), or undefined when it holds. BFS over
 * (node, obligation-open) pairs, written out plainly.
 */
export function naiveLeadsTo(g: Graph): number | undefined {
  const bad = fairCycleNodes(g);
  const dead = (v: number): boolean => !g.edges.some((e) => e.from === v);
  const key = (v: number, open: number): number => 2 * v + open;
  const dist = new Map<number, number>();
  let frontier: [number, number][] = [];
  const reach = (v: number, open: number, d: number): void => {
    if (dist.has(key(v, open))) return;
    dist.set(key(v, open), d);
    frontier.push([v, open]);
    if (open === 0 && g.p[v] && !g.q[v]) reach(v, 1, d);
  };
  for (const v of g.inits) reach(v, 0, 0);
  for (let d = 0; frontier.length > 0; d++) {
    const level = frontier;
    frontier = [];
    for (const [v, open] of level) if (open === 1 && (bad.has(v) || dead(v))) return d;
    for (const [v, open] of level) for (const e of g.edges) if (e.from === v && (open === 0 || !g.q[e.to])) reach(e.to, open, d + 1);
  }
  return undefined;
}

/** Reachable nodes from which no q-node is reachable, and the least depth among them. */
export function naiveTrap(g: Graph): { count: number; depth: number } {
  const r = closure(g, () => true);
  const depth = new Map<number, number>();
  let level = [...new Set(g.inits)];
  level.forEach((v) => depth.set(v, 0));
  for (let d = 1; level.length > 0; d++) {
    const next = [];
    for (const e of g.edges) if (level.includes(e.from) && !depth.has(e.to)) (depth.set(e.to, d), next.push(e.to));
    level = next;
  }
  const trapped = [...depth.keys()].filter((u) => !g.q.some((q, v) => q && r[u]![v]));
  return { count: trapped.length, depth: Math.min(...trapped.map((v) => depth.get(v)!)) };
}
