import { Bfs } from './bfs.js';
import { CheckError } from './errors.js';
import type { Action, Model } from './model.js';
import { pathFromFingerprints } from './path.js';
import type { Path } from './result.js';

/**
 * Shortest paths from the initial states to the states with the given fingerprints, found by a
 * second breadth-first search that keeps parents. The main search keeps none (8 bytes a state
 * instead of 12); it pays here only when there is a counterexample to show, and only down to
 * the deepest target.
 */
export function shortestPaths<S, A extends Action>(
  model: Model<S, A>,
  targets: readonly { readonly hi: number; readonly lo: number; readonly depth: number }[],
  tableCapacity?: number,
): Path<S, A>[] {
  if (targets.length === 0) return [];
  const maxDepth = Math.max(...targets.map((t) => t.depth)) + 1;
  const bfs = new Bfs(model, [], { maxStates: Infinity, maxDepth, tableCapacity, parents: true, targets: targets.map((t) => [t.hi, t.lo] as const) });
  bfs.run(() => false);
  return targets.map((_, i) => {
    const found = bfs.findings.find((f) => f.property === i);
    if (!found) throw new CheckError('replay-failed', `a state found by the search was not found again: the model is not deterministic`);
    const chain: [number, number][] = [];
    for (let slot = found.slot; ; ) {
      chain.push([bfs.table.hiAt(slot), bfs.table.loAt(slot)]);
      const parent = bfs.table.valueAt(slot);
      if (parent < 0) return pathFromFingerprints(model, -1 - parent, chain.reverse());
      slot = parent;
    }
  });
}
