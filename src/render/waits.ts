/**
 * The wait-for graph of a state, read from StateView.waitsFor: which edges lie on a cycle (the
 * deadlock), one cycle to tell in a story, who is stuck with nobody to wait for (a lost ACK), and
 * where the waits lead when there is no cycle.
 */
import type { StateView } from '../alloc/describe.js';

export type WaitEdge = StateView['waitsFor'][number];

function reaches(edges: readonly WaitEdge[], from: string, to: string): boolean {
  const seen = new Set([from]);
  const todo = [from];
  while (todo.length) {
    const n = todo.pop()!;
    if (n === to) return true;
    for (const e of edges) if (e.from === n && !seen.has(e.to)) (seen.add(e.to), todo.push(e.to));
  }
  return false;
}

/** The edges that lie on some cycle (a self-loop is a cycle). */
export function cycleEdges(edges: readonly WaitEdge[]): WaitEdge[] {
  return edges.filter((e) => reaches(edges, e.to, e.from));
}

/**
 * One shortest cycle, as its edges in order, starting from the first cycle edge; empty when
 * the graph has none.
 *
 * @example
 * firstCycle([{ from: 'a', to: 'b', why: '' }, { from: 'b', to: 'a', why: '' }]).map((e) => e.from) // ['a', 'b']
 */
export function firstCycle(edges: readonly WaitEdge[]): WaitEdge[] {
  const start = cycleEdges(edges)[0];
  if (!start) return [];
  if (start.to === start.from) return [start];
  // Breadth-first from start.to until start.from: the shortest way back round.
  const via = new Map<string, WaitEdge>();
  const queue = [start.to];
  for (let i = 0; i < queue.length && !via.has(start.from); i++) {
    for (const e of edges) {
      if (e.from !== queue[i] || e.to === start.to || via.has(e.to)) continue;
      via.set(e.to, e);
      queue.push(e.to);
    }
  }
  const back: WaitEdge[] = [];
  for (let n = start.from; n !== start.to; n = back[0]!.from) back.unshift(via.get(n)!);
  return [start, ...back];
}

/** Actors that are not idle and wait on nobody in the graph: stuck for a reason outside it. */
export function strandedActors(view: StateView): StateView['actors'] {
  const waiting = new Set(view.waitsFor.map((e) => e.from));
  return view.actors.filter((a) => a.status !== 'idle' && !waiting.has(a.name) && /waiting|blocked|asleep/.test(a.status));
}

/** True when the actor waits on someone in this state (its lifeline is drawn as waiting). */
export function isWaiting(view: StateView, actor: string): boolean {
  return view.waitsFor.some((e) => e.from === actor) || strandedActors(view).some((a) => a.name === actor);
}

/**
 * Without a cycle: from each actor that waits on something, the chain of waits it leads to (the
 * first edge out of each node) up to a node that waits on nothing, which is why nothing moves.
 * Actors whose chains read the same are grouped.
 *
 * @example
 * deadEnds({ ...view, waitsFor: [{ from: 'task', to: 'memory', why: 'm' }, { from: 'memory', to: 'swap server', why: 'lost' }] })
 * // [{ who: ['task'], chain: [task -> memory, memory -> swap server] }]
 */
export function deadEnds(view: StateView): { who: string[]; chain: WaitEdge[] }[] {
  const out = new Edges(view.waitsFor);
  const groups = new Map<string, { who: string[]; chain: WaitEdge[] }>();
  for (const a of view.actors) {
    const chain = out.chainFrom(a.name);
    if (chain.length === 0) continue;
    const key = chain.map((e) => `${e.to}\0${e.why}`).join('\0');
    const g = groups.get(key);
    if (g) g.who.push(a.name);
    else groups.set(key, { who: [a.name], chain });
  }
  return [...groups.values()];
}

/** The first edge out of each node, followed without revisiting a node. */
class Edges {
  private readonly first = new Map<string, WaitEdge>();
  constructor(edges: readonly WaitEdge[]) {
    for (const e of edges) if (!this.first.has(e.from)) this.first.set(e.from, e);
  }

  chainFrom(node: string): WaitEdge[] {
    const chain: WaitEdge[] = [];
    const seen = new Set([node]);
    for (let e = this.first.get(node); e !== undefined && !seen.has(e.to); e = this.first.get(e.to)) {
      chain.push(e);
      seen.add(e.to);
    }
    return chain;
  }
}
