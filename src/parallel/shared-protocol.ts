/**
 * Messages of the shared-table parallel search (shared-coordinator.ts and shared-worker.ts).
 */
import type { MessagePort } from 'node:worker_threads';
import type { CheckOptions } from '../core/check.js';
import type { ModelRecipe } from './protocol.js';
import type { Chunks } from './shared-chunks.js';
import type { TableShape } from './shared-table.js';

export interface SharedSetup {
  readonly recipe: ModelRecipe;
  readonly properties: readonly string[];
  readonly symmetry: boolean;
  /** Int32 flags shared with every worker: [0] = stop requested. */
  readonly control: SharedArrayBuffer;
  /**
   * Where the search's coordinator listens, when it is not the thread that started this one: a
   * supervised check starts the workers beside its search thread (supervise.ts).
   */
  readonly port?: MessagePort;
}

/** Workers started before the search that will use them: its ends of their ports and their control flags. */
export interface EarlyCrew {
  readonly ports: readonly MessagePort[];
  readonly control: SharedArrayBuffer;
}

/** Expand the level: take chunks of `level` through the shared `cursor` until none is left. */
export interface LevelOrder {
  readonly type: 'level';
  readonly depth: number;
  readonly table: TableShape;
  /** New states this worker may insert into each segment before handing candidates back. */
  readonly budget: Int32Array;
  readonly level: Chunks;
  /** Int32 [0]: the next chunk to take. */
  readonly cursor: SharedArrayBuffer;
  /** Collect garbage after the level: it lets go of enough buffers (collect.ts). */
  readonly release: boolean;
  /** The first level of a search: forget what earlier searches left (decided properties, cached fingerprints). */
  readonly first: boolean;
}

export interface LevelDone {
  readonly type: 'done';
  readonly inserted: number;
  /** Of those, how many went into each segment. */
  readonly perSegment: Int32Array;
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

/** Between levels: rehash these segments (shared-table.ts `rehash`), each into its new capacity. */
export interface GrowOrder {
  readonly type: 'grow';
  readonly segments: readonly SharedArrayBuffer[];
  readonly capacities: readonly number[];
}

/** The segments of a {@link GrowOrder}, rehashed, in its order. */
export interface Grown {
  readonly type: 'grown';
  readonly buffers: readonly SharedArrayBuffer[];
}

export type ToSharedWorker = LevelOrder | GrowOrder;

export type FromSharedWorker = { readonly type: 'ready' } | LevelDone | Grown | { readonly type: 'failed'; readonly message: string; readonly code?: string };

/** The options of a parallel search, as its coordinator and crew read them. */
export type SharedOptions = CheckOptions & {
  readonly workers: number;
  /** At most this many inserts a worker and level (tests use it to exercise the hand-back). */
  readonly levelBudget?: number;
  /** When the whole check began (performance clock), for progress rates that include the single-threaded start. */
  readonly since?: number;
};
