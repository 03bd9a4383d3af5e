import { ChunkPool, LevelQueue } from './level-queue.js';
import type { IncompleteReason } from './result.js';

/**
 * The level bookkeeping both breadth-first explorers share (the safety search in bfs.ts and the
 * graph builder): the level being expanded, the next one, the depth, and how the search ended.
 */
export abstract class LevelSearch {
  protected current: LevelQueue;
  protected next: LevelQueue;
  /** Depth of the level being expanded (-1 before the first). */
  depth = -1;
  finished = false;
  stopped: IncompleteReason | undefined;

  private readonly pool = new ChunkPool();

  constructor(
    private readonly withSlots: boolean,
    private readonly maxDepth: number,
  ) {
    this.current = new LevelQueue(withSlots, this.pool);
    this.next = new LevelQueue(withSlots, this.pool);
  }

  /** Depth of the deepest stored state. */
  get deepest(): number {
    return this.next.length > 0 ? this.depth + 1 : Math.max(0, this.depth);
  }

  get frontier(): number {
    return this.current.length + this.next.length;
  }

  /**
   * Starts expanding the next level. False, with the search finished, when there is none or it
   * lies at the depth limit: its states are stored, not expanded, so the search is incomplete.
   */
  protected nextLevel(): boolean {
    if (this.next.length === 0) {
      this.finished = true;
      return false;
    }
    this.depth++;
    this.current = this.next;
    this.next = new LevelQueue(this.withSlots, this.pool);
    if (this.depth >= this.maxDepth) {
      this.stop('max-depth');
      return false;
    }
    return true;
  }

  /** Bytes of spare memory kept for the frontier to write into. */
  protected get spareBytes(): number {
    return this.pool.bytes;
  }

  /**
   * Keeps an array the visited table has grown out of for the frontier's next chunks: its pages
   * are mapped already, and a fresh chunk's are not. At most as much as the frontier holds now
   * (the next levels will likely need that much again), or the pool's own limit.
   */
  protected recycle(old: Int32Array): void {
    const budget = Math.max(ChunkPool.limitBytes, this.current.bytes + this.next.bytes);
    this.pool.give(new Uint8Array(old.buffer, old.byteOffset, old.byteLength), budget);
  }

  stop(reason: IncompleteReason): void {
    this.stopped = reason;
    this.finished = true;
  }
}
