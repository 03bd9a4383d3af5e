/**
 * One thread's share of a level of the parallel search: take chunks of the level through the
 * shared cursor, expand their states, insert successors into the shared table, and keep the new
 * ones for the next level. Whoever inserts a state first owns it and expands it next level, so
 * work splits by discovery without any state crossing threads. Worker threads run one
 * (shared-worker.ts), and so does the coordinating thread, in slices between its other duties.
 */
import { fingerprint, fp } from '../core/hash.js';
import { SuccessorBatch } from '../core/successor-batch.js';
import type { Action, Model, SafetyProperty } from '../core/model.js';
import { collect } from './collect.js';
import { Packer } from './packed.js';
import { ChunkReader, ChunkWriter } from './shared-chunks.js';
import type { LevelDone, LevelOrder } from './shared-protocol.js';
import { SEGMENTS, SharedTable } from './shared-table.js';

/** Bytes of chunks read between two collections (one costs a few ms for a heap this small). */
const READ_COLLECT = 32 * 2 ** 20;

const RECENT_MASK = (1 << 15) - 1;

/**
 * Expansions whose successors go to the table together: their home slots are read in one loop
 * first, so that the cache misses of a table far larger than the CPU's cache are in flight
 * together (core/successor-batch.ts, as the single-threaded search does).
 */
const BATCH_EXPANSIONS = 32;

export class Expander {
  /** Fingerprints this thread found in the table or put there lately, direct-mapped. */
  private readonly recent = new Int32Array((RECENT_MASK + 1) * 2);
  private table: SharedTable | undefined;
  private budget: Int32Array<ArrayBufferLike> = new Int32Array(SEGMENTS);
  /** The level's chunks, each let go of once it is taken (by this thread or another). */
  private chunks: (SharedArrayBuffer | undefined)[] = [];
  private used: readonly number[] = [];
  /** Chunks below this index are let go of. */
  private kept = 0;
  /** Bytes of chunks taken since this thread last collected. */
  private taken = 0;
  /** Bytes of the table and the level in hand: a small search leaves collections to the engine. */
  private searchBytes = 0;
  private cursor: Int32Array<ArrayBufferLike> = new Int32Array(1);
  private readonly next = new ChunkWriter();
  private readonly reader = new ChunkReader();
  private readonly overflow = new Packer();
  private perSegment = new Int32Array(SEGMENTS);
  private inserted = 0;
  private transitions = 0;
  private successors = 0;
  private expanded = 0;
  private stopped = false;
  private depth = 0;
  private findings: [number, number][] = [];
  private readonly decided = new Set<number>();
  private readonly batch = new SuccessorBatch();
  /** Whether a new state must be decoded: some safety property reads it (deadlock-freedom does not). */
  private readonly readsState: boolean;

  /** `control[0]` turns non-zero when the search must stop. */
  constructor(
    private readonly model: Model<unknown, Action>,
    private readonly safety: readonly SafetyProperty<unknown>[],
    private readonly key: ((s: unknown) => Uint8Array) | undefined,
    private readonly control: Int32Array,
  ) {
    this.readsState = safety.some((p) => p.kind !== 'deadlock-free');
  }

  private readonly emit = (_a: Action, state: unknown): void => this.emitState(state);

  private readonly emitState = (state: unknown): void => {
    this.successors++;
    this.transitions++;
    const bytes = this.model.encode(state);
    fingerprint(this.key ? this.key(state) : bytes);
    this.batch.add(bytes, fp.hi | 0, fp.lo | 0);
  };

  /** Stores the successors held in the batch, in the order they were emitted. */
  private flush(): void {
    const b = this.batch;
    if (b.length > 0) {
      b.warm(this.table!);
      for (let i = 0; i < b.length; i++) this.store(b.hi[i]!, b.lo[i]!, b.bytes(i));
    }
    b.clear();
  }

  /** Inserts a successor unless this thread knows it is there; keeps and checks it when new. */
  private store(hi: number, lo: number, bytes: Uint8Array): void {
    // Most successors were seen moments ago by this thread: a hit in this small cache (of
    // fingerprints known to be in the table) saves a probe of the big shared one.
    const r = (lo & RECENT_MASK) << 1;
    if (this.recent[r] === hi && this.recent[r + 1] === lo) return;
    const k = SharedTable.segmentOf(hi);
    if (this.perSegment[k]! >= this.budget[k]!) {
      this.overflow.add(bytes);
      return;
    }
    this.recent[r] = hi;
    this.recent[r + 1] = lo;
    if (this.table!.insert(hi, lo) < 0) return;
    this.perSegment[k]!++;
    this.inserted++;
    this.next.push(bytes);
    if (this.readsState) this.checkNew(this.model.peek ? this.model.peek(bytes) : this.model.decode(bytes));
  }

  private readonly expand = (bytes: Uint8Array): boolean => {
    if ((++this.expanded & 1023) === 0 && Atomics.load(this.control, 0) !== 0) return !(this.stopped = true);
    // The reader's buffer stays put until this expansion is over: the model may borrow it.
    const state = this.model.peek ? this.model.peek(bytes) : this.model.decode(bytes);
    this.successors = 0;
    if (this.model.successorStates) this.model.successorStates(state, this.emitState);
    else this.model.successors(state, this.emit);
    if (this.successors === 0) this.deadEnd(state);
    this.batch.endExpansion(0, this.successors);
    if (this.batch.expansions >= BATCH_EXPANSIONS) this.flush();
    return true;
  };

  private checkNew(state: unknown): void {
    for (let i = 0; i < this.safety.length; i++) {
      const p = this.safety[i]!;
      if (this.decided.has(i)) continue;
      if (p.kind === 'invariant' ? !p.holds(state) : p.kind === 'reachable' && p.test(state)) this.decide(i, this.depth + 1);
    }
  }

  private decide(property: number, depth: number): void {
    this.decided.add(property);
    this.findings.push([property, depth]);
  }

  private deadEnd(state: unknown): void {
    if (this.model.isRest(state)) return;
    this.safety.forEach((p, i) => {
      if (p.kind === 'deadlock-free' && !this.decided.has(i)) this.decide(i, this.depth);
    });
  }

  /**
   * Starts the level `order` describes, taking its chunks out of it: a chunk's memory can then be
   * freed as soon as every thread is past it, not at the level's end (the single-threaded
   * frontier drops chunks as it reads them too).
   */
  begin(order: LevelOrder): void {
    if (order.first) this.recent.fill(0), this.decided.clear();
    this.table = new SharedTable(order.table);
    this.cursor = new Int32Array(order.cursor);
    this.depth = order.depth;
    this.budget = order.budget;
    this.chunks = (order.level.buffers as SharedArrayBuffer[]).splice(0);
    this.searchBytes = this.chunks.reduce((sum, c) => sum + (c?.byteLength ?? 0), this.table.bytes);
    this.used = order.level.used;
    this.kept = 0;
    this.perSegment = new Int32Array(SEGMENTS);
    this.inserted = this.transitions = this.expanded = 0;
    this.stopped = false;
    this.findings = [];
  }

  /** Expands whole chunks until none is left or the clock passes `deadline` (ms). True when none is left. */
  work(deadline = Infinity): boolean {
    while (!this.stopped) {
      const k = Atomics.add(this.cursor, 0, 1);
      if (k >= this.chunks.length) return true;
      const chunk = this.chunks[k]!;
      // Every chunk up to k is taken: whoever took it holds it while reading.
      while (this.kept <= k) this.chunks[this.kept++] = undefined;
      this.reader.each(chunk, this.used[k]!, this.expand);
      this.flush();
      // Read to the end by this thread alone: it may write the next level into it.
      if (!this.stopped) this.next.recycle(chunk);
      // Read chunks are freed once every thread has collected them: collect as they add up, so a
      // large level's read part does not stay beside the next level all the way to its end.
      this.taken += chunk.byteLength;
      if (this.taken >= READ_COLLECT) collect(Infinity, this.searchBytes), (this.taken = 0);
      if (performance.now() >= deadline) return false;
    }
    return true;
  }

  /** This thread's report of the level; the expander lets go of the table. */
  finish(): LevelDone {
    this.flush();
    const frontierBytes = this.next.bytes;
    const next = this.next.take();
    const overflow = this.overflow.take();
    // Let go of the level and the table before the coordinator grows it: a buffer is freed only
    // when every thread has collected its wrapper. The caller collects (see `release`) once
    // nothing holds the order either.
    this.table = undefined;
    this.chunks = [];
    const { perSegment, inserted, expanded, transitions, findings, stopped } = this;
    return { type: 'done', perSegment, inserted, expanded, transitions, next, frontierBytes, findings, overflow, stopped };
  }
}
