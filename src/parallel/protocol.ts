/**
 * What the coordinator of a parallel search and its worker threads say to each other. A worker
 * builds its own copy of the model from a {@link ModelRecipe} (a function cannot cross threads)
 * and owns the states whose fingerprints fall in its share of the table's segments.
 */
import type { Finding } from '../core/bfs.js';
import type { ParamValues } from '../core/params.js';
import type { IncompleteReason } from '../core/result.js';

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
}

export interface WorkerSetup {
  readonly recipe: ModelRecipe;
  readonly index: number;
  readonly workers: number;
  /** Names of the safety properties to check. */
  readonly properties: readonly string[];
  readonly symmetry: boolean;
  readonly maxStates: number;
  readonly maxDepth: number;
  readonly memoryLimit: number;
}

export type ToWorker =
  | { readonly type: 'expand' }
  | { readonly type: 'drain'; readonly expect: number }
  | { readonly type: 'stop'; readonly reason: IncompleteReason };

/** A worker's account of the level it just finished. */
export interface LevelReport {
  readonly states: number;
  readonly transitions: number;
  readonly next: number;
  readonly tableBytes: number;
  readonly peakFrontierBytes: number;
  readonly findings: readonly Finding[];
  readonly stopped: IncompleteReason | undefined;
}

export type FromWorker =
  | { readonly type: 'expanded'; readonly sent: readonly number[] }
  | { readonly type: 'drained'; readonly report: LevelReport }
  | { readonly type: 'failed'; readonly message: string; readonly code?: string };

/** The worker that owns a fingerprint: segments (top 8 bits) are dealt out in turn. */
export function ownerOf(hi: number, workers: number): number {
  return (hi >>> 24) % workers;
}
