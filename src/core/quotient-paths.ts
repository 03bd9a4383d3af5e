/**
 * Edge lists of an explored graph turned into replayed concrete paths. On the full graph an
 * edge's place in its row is the replay choice. On the quotient graph (quotient.ts) a node's
 * edges are those of its representative, while the path reaches some other member of the class,
 * whose successors come in another order: each step is matched by class (and by unit, for a
 * unit no permutation renames) among the concrete state's own successors, and a quotient cycle
 * is repeated until the concrete state closes it.
 */
import { CheckError } from './errors.js';
import { choicesOf } from './graph-path.js';
import type { LassoFinding } from './leads-to.js';
import { fairnessUnit, type Action, type Model } from './model.js';
import { pickSuccessor, replay } from './path.js';
import type { Path } from './result.js';
import { sourceOf, type StateGraph } from './state-graph.js';

/** How a liveness or safety analysis turns what it found in a graph into a replayed path. */
export interface GraphPaths<S, A extends Action> {
  /** A path from initial state `init` along `edges`. */
  path(init: number, edges: readonly number[]): Path<S, A>;
  /** A lasso: `stem`, then `cycle` (edges from the stem's end back to it), closed concretely. */
  lasso(init: number, stem: readonly number[], cycle: readonly number[]): Path<S, A>;
  /** The replay choices of {@link path} (`init` first) and the state they reach, without the path's other states and actions. */
  end(init: number, edges: readonly number[]): { readonly choices: readonly number[]; readonly state: S };
}

/**
 * The replayed path of what a leads-to analysis found: a lasso, or a path to a dead end.
 *
 * @example pathOfFinding(paths, findLeadsToViolation(graph, k, fairness, budget)!).loopStart // 4
 */
export function pathOfFinding<S, A extends Action>(paths: GraphPaths<S, A>, found: LassoFinding): Path<S, A> {
  return found.cycle === undefined ? paths.path(found.init, found.stem) : paths.lasso(found.init, found.stem, found.cycle);
}

/**
 * Paths in the full graph: the replay token read off the edges.
 *
 * @example
 * replayPaths(model, graph).path(0, [3, 7]).states.length // 3
 */
export function replayPaths<S, A extends Action>(model: Model<S, A>, g: StateGraph): GraphPaths<S, A> {
  return {
    path: (init, edges) => replay(model, choicesOf(g, init, edges)),
    lasso: (init, stem, cycle) => replay(model, choicesOf(g, init, [...stem, ...cycle]), stem.length),
    end(init, edges) {
      const { choices, states } = replay(model, choicesOf(g, init, edges));
      return { choices, state: states[states.length - 1]! };
    },
  };
}

/** Passes around a quotient cycle before giving up: far above any orbit of a checkable model. */
const MAX_PASSES = 5040;

/**
 * Paths in a quotient graph, unwound into concrete traces. `nodeOf` gives the node (class) of a
 * concrete state; `fixed` tells the units no permutation renames.
 */
export function quotientPaths<S, A extends Action>(model: Model<S, A>, g: StateGraph, nodeOf: (state: S) => number, fixed: (unit: string) => boolean): GraphPaths<S, A> {
  const inits = model.initialStates();
  /** The choice at `state` that follows edge `e`: a successor in e's target class, by e's unit if fixed. */
  const follow = (state: S, e: number): { choice: number; next: S } => {
    const unit = g.actorNames[g.actorOf[e]!]!;
    const byUnit = fixed(unit);
    const { step, choice } = pickSuccessor(model, state, (action, succ) => (!byUnit || fairnessUnit(action) === unit) && nodeOf(succ) === g.targets[e]);
    if (step === undefined) throw new CheckError('replay-failed', `cannot unwind a quotient edge from node ${sourceOf(g, e)}: the model's symmetry does not hold there`);
    return { choice, next: step.next };
  };
  const walk = (state: S, edges: readonly number[], choices: number[]): S => {
    for (const e of edges) {
      const step = follow(state, e);
      choices.push(step.choice);
      state = step.next;
    }
    return state;
  };
  const start = (init: number): S => {
    const s = inits[init];
    if (s === undefined) throw new CheckError('replay-failed', `initial state ${init} does not exist`);
    return s;
  };
  return {
    path(init, edges) {
      const choices = [init];
      walk(start(init), edges, choices);
      return replay(model, choices);
    },
    lasso(init, stem, cycle) {
      const choices = [init];
      let state = walk(start(init), stem, choices);
      // Each pass ends in the class it started from, perhaps at another member: repeat until a
      // pass starts where an earlier one did. The members are finitely many, so it closes.
      const passStart = new Map<string, number>();
      for (let pass = 0; pass <= MAX_PASSES; pass++) {
        const key = model.encode(state).join(',');
        const seen = passStart.get(key);
        if (seen !== undefined) return replay(model, choices, stem.length + seen * cycle.length);
        passStart.set(key, pass);
        state = walk(state, cycle, choices);
      }
      throw new CheckError('replay-failed', `a quotient cycle did not close within ${MAX_PASSES} passes`);
    },
    // The walk has the state already: replaying the choices again would only repeat it.
    end(init, edges) {
      const choices = [init];
      return { choices, state: walk(start(init), edges, choices) };
    },
  };
}
