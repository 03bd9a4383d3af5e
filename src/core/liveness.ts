/**
 * Decides the liveness properties (`leads-to`, `recoverable`) on an explored
 * {@link StateGraph}, and turns what it finds into replayed, confirmed counterexamples.
 */
import type { FairnessTable } from './fair-cores.js';
import { choicesOf, treePathTo } from './graph-path.js';
import { findLeadsToViolation } from './leads-to.js';
import { confirmLasso, confirmTrap } from './liveness-confirm.js';
import type { Action, Fairness, LeadsTo, LivenessProperty, Model, Recoverable } from './model.js';
import { replay } from './path.js';
import type { PropertyResult } from './result.js';
import type { StateGraph } from './state-graph.js';
import { findTrap } from './trap.js';

export interface LivenessContext<S, A extends Action> {
  readonly model: Model<S, A>;
  readonly graph: StateGraph;
  readonly fairness: FairnessTable;
  readonly fairnessOf: (actor: string) => Fairness;
}

function leadsTo<S, A extends Action>(c: LivenessContext<S, A>, prop: LeadsTo<S>, k: number): PropertyResult<S, A> {
  const base = { name: prop.name, kind: prop.kind };
  const found = findLeadsToViolation(c.graph, k, c.fairness);
  if (found === undefined) return { ...base, status: c.graph.stopped === undefined ? 'holds' : 'unknown' };
  const edges = [...found.stem, ...(found.cycle ?? [])];
  const choices = choicesOf(c.graph, found.init, edges);
  const path = replay(c.model, choices, found.cycle === undefined ? undefined : found.stem.length);
  confirmLasso(c.model, prop, path, c.fairnessOf);
  const failure = found.cycle !== undefined ? 'livelock' : found.rest ? 'stopped' : 'deadlock';
  const details = { stem: found.stem.length, cycle: found.cycle?.length ?? 0 };
  return { ...base, status: 'violated', failure, counterexample: path, details };
}

function recoverable<S, A extends Action>(c: LivenessContext<S, A>, prop: Recoverable<S>, k: number): PropertyResult<S, A> {
  const base = { name: prop.name, kind: prop.kind };
  const trap = findTrap(c.graph, k);
  if (trap === undefined) return { ...base, status: c.graph.stopped === undefined ? 'holds' : 'unknown' };
  const { init, edges } = treePathTo(c.graph, trap.representative);
  const path = replay(c.model, choicesOf(c.graph, init, edges));
  confirmTrap(c.model, prop, path);
  const details = { trapped: trap.count, states: c.graph.nodes };
  return { ...base, status: 'violated', failure: 'unrecoverable', counterexample: path, details };
}

/**
 * The result of liveness property number `k` of the graph's properties. It holds only on a
 * complete graph; a violation found in a partial graph is real (it uses only expanded states).
 */
export function livenessOnGraph<S, A extends Action>(c: LivenessContext<S, A>, prop: LivenessProperty<S>, k: number): PropertyResult<S, A> {
  return prop.kind === 'leads-to' ? leadsTo(c, prop, k) : recoverable(c, prop, k);
}
