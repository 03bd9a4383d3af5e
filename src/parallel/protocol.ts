/**
 * How a worker thread gets its model: it builds its own copy from a {@link ModelRecipe}, since a
 * function cannot cross threads.
 */
import type { ParamValues } from '../core/params.js';

/**
 * How to build the model in another thread: the module's default export is a model definition,
 * built as `build(params, ...args)`.
 *
 * @example
 * { module: new URL('../models/counter.ts', import.meta.url).href, params: { procs: 5, max: 5 } }
 */
export interface ModelRecipe {
  readonly module: string;
  readonly params: ParamValues;
  /** Further arguments of `build` (an allocation scenario takes the policy and options). */
  readonly args?: readonly unknown[];
  /**
   * Modules (file URLs) whose default export is a policy of the user's own: an allocation
   * scenario is built with them among its options' `policies`.
   */
  readonly policies?: readonly string[];
}
