/**
 * Messages of the shared-table parallel search (shared-coordinator.ts and shared-worker.ts).
 */
import type { ModelRecipe } from './protocol.js';
import type { Chunks } from './shared-chunks.js';

export interface SharedSetup {
  readonly recipe: ModelRecipe;
  readonly properties: readonly string[];
  readonly symmetry: boolean;
  /** Int32 flags shared with every worker: [0] = stop requested. */
  readonly control: SharedArrayBuffer;
}

/** Expand the level: take chunks of `level` through the shared `cursor` until none is left. */
export interface LevelOrder {
  readonly type: 'level';
  readonly depth: number;
  readonly table: SharedArrayBuffer;
  readonly capacity: number;
  /** New states this worker may insert before handing candidates back. */
  readonly budget: number;
  readonly level: Chunks;
  /** Int32 [0]: the next chunk to take. */
  readonly cursor: SharedArrayBuffer;
}

export interface LevelDone {
  readonly type: 'done';
  readonly inserted: number;
  readonly expanded: number;
  readonly transitions: number;
  /** The states this worker inserted, for the next level. */
  readonly next: Chunks;
  readonly frontierBytes: number;
  /** Property index and depth of each property this worker saw decided. */
  readonly findings: readonly (readonly [number, number])[];
  /** Candidates past the budget (packed), for the coordinator to insert after growing. */
  readonly overflow: Uint8Array;
  readonly stopped: boolean;
}

export type FromSharedWorker = { readonly type: 'ready' } | LevelDone | { readonly type: 'failed'; readonly message: string; readonly code?: string };
