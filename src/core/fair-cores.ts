/**
 * Where fair cycles live: the maximal sets of nodes inside which some cycle satisfies every
 * fairness constraint ("fair cores").
 *
 * Why SCCs and not nested DFS: weak fairness of k actors is a generalized Büchi condition
 * (nested DFS needs a k+1-fold product graph for it) and strong fairness is a Streett condition,
 * which nested DFS cannot express at all. On SCCs both are exact:
 * - weak (`FG enabled(a) -> GF moves(a)`): a component holds a weakly fair cycle iff, for each
 *   weak actor, it has an internal edge of that actor or a node where the actor is disabled: a
 *   cycle through every node and edge of the component meets all of them at once.
 * - strong (`GF enabled(a) -> GF moves(a)`): if a strong actor is enabled somewhere in the
 *   component but has no internal edge, no fair cycle may visit a node where it is enabled; drop
 *   those nodes and decompose the rest again. This is the Streett emptiness refinement of
 *   Emerson and Lei ("Modalities for model checking", Sci. Comput. Program. 8, 1987) as used for
 *   strong fairness by Latvala and Heljanko ("Coping with strong fairness", Fundam. Inform. 43,
 *   2000). Each round removes a node, so it ends; the recursion is a worklist, not JS recursion.
 * "Enabled" is about the full model: an actor is enabled at a node if any edge of that node
 * (even one leaving the subgraph) is the actor's.
 */
import type { Budget } from './budget.js';
import { forEachScc, SccScratch } from './scc.js';
import type { StateGraph } from './state-graph.js';

/** Per actor: 0 none, 1 weak, 2 strong. */
export type FairnessTable = Uint8Array;
export const NONE = 0;
export const WEAK = 1;
export const STRONG = 2;

/** What a component's nodes and internal edges offer each actor. */
export interface ActorCensus {
  /** Nodes of the component where the actor is enabled. */
  readonly enabled: Int32Array;
  /** Edges inside the component that the actor takes. */
  readonly internal: Int32Array;
}

/**
 * Counts, per actor, enabled nodes and internal edges of `component` (`inside[v] === stamp`).
 * `into`: arrays to count in (cleared first), reused over the components of one search.
 */
export function census(g: StateGraph, component: ArrayLike<number>, inside: Int32Array, stamp: number, budget: Budget, into = new CensusScratch(g.actorNames.length)): ActorCensus {
  const { enabled, internal, seenAt } = into.clear();
  for (let i = 0; i < component.length; i++) {
    const v = component[i]!;
    budget.step(1 + g.offsets[v + 1]! - g.offsets[v]!);
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) {
      const a = g.actorOf[e]!;
      if (seenAt[a] !== v) {
        seenAt[a] = v;
        enabled[a]!++;
      }
      if (inside[g.targets[e]!] === stamp) internal[a]!++;
    }
  }
  return { enabled, internal };
}

/** The arrays of a {@link census}, one per actor: a small SCC gets no fresh arrays of its own. */
export class CensusScratch {
  private readonly words: Int32Array;

  constructor(private readonly actors: number) {
    this.words = new Int32Array(3 * actors);
  }

  /** Zeroed counts and an unseen (-1) mark per actor, as views of one array. */
  clear(): ActorCensus & { readonly seenAt: Int32Array } {
    const n = this.actors;
    this.words.fill(0, 0, 2 * n).fill(-1, 2 * n);
    return { enabled: this.words.subarray(0, n), internal: this.words.subarray(n, 2 * n), seenAt: this.words.subarray(2 * n) };
  }
}

/**
 * Judges a component: 'fair' (a fair cycle covers it), 'unfair' (no subset has one), or the
 * strong actors whose enabled nodes must be dropped before looking again.
 */
export function judge(c: ActorCensus, size: number, fairness: FairnessTable): 'fair' | 'unfair' | Uint8Array {
  let drop: Uint8Array | undefined;
  for (let a = 0; a < fairness.length; a++) {
    const f = fairness[a]!;
    if (f === NONE || c.internal[a]! > 0) continue;
    if (f === WEAK && c.enabled[a] === size) return 'unfair';
    if (f === STRONG && c.enabled[a]! > 0) (drop ??= new Uint8Array(fairness.length))[a] = 1;
  }
  return drop ?? 'fair';
}

function hasSelfLoop(g: StateGraph, v: number): boolean {
  for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) if (g.targets[e] === v) return true;
  return false;
}

function enablesAny(g: StateGraph, v: number, actors: Uint8Array): boolean {
  for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) if (actors[g.actorOf[e]!] === 1) return true;
  return false;
}

/**
 * Fair cores among `candidates`: `core[v]` is the core's number (1, 2, ...) or 0. Cores are
 * disjoint, each strongly connected with a fair cycle through all of it. `budget` may stop the
 * search (it throws); no partial result is returned.
 */
export function fairCores(g: StateGraph, candidates: Int32Array, fairness: FairnessTable, budget: Budget): Int32Array {
  const core = new Int32Array(g.nodes);
  const member = new Int32Array(g.nodes);
  const inside = new Int32Array(g.nodes);
  const scratch = new SccScratch(g.nodes);
  const counts = new CensusScratch(g.actorNames.length);
  const work: Int32Array[] = [candidates];
  let tags = 1;
  let stamps = 0;
  let cores = 0;
  for (let i = 0; i < candidates.length; i++) member[candidates[i]!] = 1;
  while (work.length > 0) {
    const set = work.pop()!;
    if (set.length === 0) continue;
    const tag = member[set[0]!]!;
    forEachScc(g, member, tag, set, scratch, budget, (stack, from, to) => {
      for (let i = from; i < to; i++) member[stack[i]!] = 0;
      if (to - from === 1 && !hasSelfLoop(g, stack[from]!)) return; // no cycle
      // A view: read before forEachScc goes on, and `kept` below is a copy.
      const component = stack.subarray(from, to);
      stamps++;
      for (const v of component) inside[v] = stamps;
      const verdict = judge(census(g, component, inside, stamps, budget, counts), component.length, fairness);
      if (verdict === 'fair') {
        cores++;
        for (const v of component) core[v] = cores;
      } else if (verdict !== 'unfair') {
        const kept = component.filter((v) => !enablesAny(g, v, verdict));
        if (kept.length === 0) return;
        tags++;
        for (const v of kept) member[v] = tags;
        work.push(kept);
      }
    });
  }
  return core;
}
