/**
 * Symmetry reduction in the engine: when a model offers {@link Model.canonical} and the caller
 * allows it, states are identified by their canonical encoding (one per class of states equal
 * up to permuting interchangeable actors) while the search keeps exploring concrete states.
 * Every stored state is thus a real state, its successors are real successors, and a path
 * rebuilt by matching canonical fingerprints (path.ts) is a real, un-permuted trace.
 *
 * Sound for a safety property only when the property gives the same answer on every member of
 * a class (it is invariant under the model's permutations); the model promises that for its
 * own properties. Liveness properties are decided on the quotient graph (quotient.ts).
 */
import type { Action, Model } from './model.js';
import type { Stats } from './result.js';

/** The bytes a search fingerprints: the canonical encoding under symmetry, else the encoding. */
export type StateKey<S> = (state: S) => Uint8Array;

/**
 * The key function of a search, or undefined when states are keyed by their own encoding.
 *
 * @example
 * symmetryKey(model, true)?.(state) // canonical bytes when the model declares symmetry
 */
export function symmetryKey<S>(model: Model<S, Action>, on: boolean): StateKey<S> | undefined {
  const canonical = model.canonical;
  return on && canonical ? (s) => canonical.call(model, s) : undefined;
}

/** True when a search with `on` reduces by symmetry: the model declares it and it is allowed. */
export function reducesSymmetry(model: Model<unknown, Action>, on: boolean): boolean {
  return on && model.canonical !== undefined;
}

/**
 * What the reduction did, for the stats: the groups it may permute, and the liveness properties
 * that had to be decided on the full graph after all (quotient.ts), if any.
 */
export function symmetryStats<S>(model: Model<S, Action>, on: boolean, fullGraph: readonly string[]): Pick<Stats, 'symmetry'> {
  if (!reducesSymmetry(model as Model<unknown, Action>, on)) return {};
  return { symmetry: { groups: model.symmetry ?? [], reduced: true, fullGraph: [...fullGraph] } };
}
