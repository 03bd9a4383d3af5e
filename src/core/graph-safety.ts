/**
 * Safety properties decided on a {@link StateGraph}, for checks that explore the graph anyway
 * (liveness): one exploration instead of two. The answers are the safety search's: nodes are
 * numbered in BFS order, so the lowest-numbered node that decides a property is at the least
 * depth and its discovery path is a shortest counterexample; dead ends are expanded nodes
 * without successors. Every path is replayed and confirmed on the model.
 */
import { CheckError } from './errors.js';
import { treePathTo } from './graph-path.js';
import type { Action, Model, SafetyProperty } from './model.js';
import { successorList } from './path.js';
import type { GraphPaths } from './quotient-paths.js';
import type { PropertyResult } from './result.js';
import { HIT_BIT, isDead, type StateGraph } from './state-graph.js';

/** The node that decides property `k`: the first hit in BFS order, or -1. */
function deciding(g: StateGraph, prop: SafetyProperty<unknown>, k: number): number {
  if (prop.kind === 'deadlock-free') {
    for (let v = 0; v < g.expanded; v++) if (isDead(g, v) && g.rest[v] === 0) return v;
    return -1;
  }
  for (let v = 0; v < g.nodes; v++) if ((g.labels[v * g.properties + k]! & HIT_BIT) !== 0) return v;
  return -1;
}

/** The result of safety property number `k` of the graph's properties; `paths` replays what it finds. */
export function safetyOnGraph<S, A extends Action>(model: Model<S, A>, g: StateGraph, prop: SafetyProperty<S>, k: number, paths: GraphPaths<S, A>): PropertyResult<S, A> {
  const base = { name: prop.name, kind: prop.kind };
  const v = deciding(g, prop as SafetyProperty<unknown>, k);
  if (v < 0) {
    if (g.stopped !== undefined) return { ...base, status: 'unknown' };
    return prop.kind === 'reachable' ? { ...base, status: 'violated', failure: 'unreachable' } : { ...base, status: 'holds' };
  }
  const { init, edges } = treePathTo(g, v);
  const path = paths.path(init, edges);
  const last = path.states[path.states.length - 1]!;
  const ok =
    prop.kind === 'invariant' ? !prop.holds(last)
    : prop.kind === 'reachable' ? prop.test(last)
    : successorList(model, last).length === 0 && !model.isRest(last);
  if (!ok) throw new CheckError('replay-failed', `the path found for '${prop.name}' does not reproduce it on replay`);
  if (prop.kind === 'reachable') return { ...base, status: 'holds', witness: path };
  const failure = prop.kind === 'invariant' ? 'invariant' : prop.classify?.(last) || 'deadlock';
  return { ...base, status: 'violated', failure, counterexample: path };
}
