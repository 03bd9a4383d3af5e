/**
 * One BFS level of states waiting to be expanded, as encoded bytes in chunks: each entry is
 * its length (2 bytes), its table slot (4 bytes, only when the search keeps parents) and the
 * encoding, placed so that the encoding starts on a 4-byte boundary (the reader copies it a
 * word at a time). Keeping the frontier as bytes, not objects, keeps a large search inside its budget.
 */

import { WordCopy } from './word-copy.js';

const FIRST_CHUNK = 1 << 12;
const MAX_CHUNK = 1 << 20;
const EMPTY = new Uint8Array(0);

/**
 * Chunks a level has read, and arrays the visited table has grown out of, for the next level to
 * write into. A fresh chunk is memory the system must zero and map page by page (system time
 * about a tenth of a search with large states), while the level being read frees chunks as fast
 * as the next one fills them, and the table retires as much memory as it ends with. Holds at
 * most {@link ChunkPool.limitBytes}, or what the caller's budget allows.
 */
export class ChunkPool {
  /** Bytes the pool keeps without a larger budget from its owner: four full chunks. */
  static readonly limitBytes = 4 * MAX_CHUNK;
  /** Smaller arrays are not worth keeping: a level would soon need another. */
  static readonly smallest = 1 << 14;
  private readonly spare: Uint8Array[] = [];
  /** Bytes held. */
  bytes = 0;

  /** A spare chunk that holds at least `need` bytes, if the last one given does. */
  take(need: number): Uint8Array | undefined {
    const chunk = this.spare[this.spare.length - 1];
    if (chunk === undefined || chunk.length < need) return undefined;
    this.spare.pop();
    this.bytes -= chunk.length;
    return chunk;
  }

  /** Keeps `chunk` (its contents are garbage to the pool) if it fits within `budget` bytes. */
  give(chunk: Uint8Array, budget = ChunkPool.limitBytes): void {
    if (chunk.length < ChunkPool.smallest || this.bytes + chunk.length > budget) return;
    this.spare.push(chunk);
    this.bytes += chunk.length;
  }
}

export class LevelQueue {
  private chunks: Uint8Array[] = [];
  private used: number[] = [];
  private entries = 0;
  private allocated = 0;
  private readonly header: number;
  private readChunk = 0;
  private readAt = 0;
  private readonly copier = new WordCopy();
  /** The chunk being read, as words (for {@link shiftCopy}). */
  private readWords: Int32Array = new Int32Array(0);
  private wordsOf: Uint8Array = EMPTY;
  /** Slot of the entry last returned by {@link shift} (when the queue keeps slots). */
  slot = 0;

  /** `pool`: chunks shared with the other levels of the same search (see {@link ChunkPool}). */
  constructor(
    private readonly withSlots: boolean,
    private readonly pool = new ChunkPool(),
  ) {
    this.header = withSlots ? 6 : 2;
  }

  get length(): number {
    return this.entries;
  }

  get bytes(): number {
    return this.allocated;
  }

  /** Where the entry after one ending at `end` has its header: its encoding is word-aligned. */
  private entryAt(end: number): number {
    return ((end + this.header + 3) & ~3) - this.header;
  }

  push(slot: number, state: Uint8Array): void {
    const len = state.length;
    const need = 3 + this.header + len;
    if (len > 0xffff) throw new RangeError(`state encoding of ${len} bytes is too large (max 65535)`);
    let k = this.chunks.length - 1;
    if (k < 0 || this.entryAt(this.used[k]!) + this.header + len > this.chunks[k]!.length) {
      // A pooled chunk serves any entry that fits, the small first chunks of a level included:
      // those were fresh memory at every level, most of the frontier's page faults.
      const chunk = this.pool.take(need) ?? new Uint8Array(Math.max(need, Math.min(MAX_CHUNK, FIRST_CHUNK << this.chunks.length)));
      this.chunks.push(chunk);
      this.used.push(0);
      this.allocated += chunk.length;
      k++;
    }
    const chunk = this.chunks[k]!;
    let at = this.entryAt(this.used[k]!);
    chunk[at] = len & 0xff;
    chunk[at + 1] = len >>> 8;
    if (this.withSlots) {
      chunk[at + 2] = slot & 0xff;
      chunk[at + 3] = (slot >>> 8) & 0xff;
      chunk[at + 4] = (slot >>> 16) & 0xff;
      chunk[at + 5] = slot >>> 24;
    }
    at += this.header;
    // A loop beats set()'s call for the few bytes of a small model; set() is a memcpy beyond.
    if (len > 32) chunk.set(state, at);
    else for (let i = 0; i < len; i++) chunk[at + i] = state[i]!;
    this.used[k] = at + len;
    this.entries++;
  }

  /**
   * Takes the next entry in insertion order: its encoding (a view, valid until the queue is
   * dropped) and, in {@link slot}, its table slot. Undefined when every entry has been taken.
   */
  shift(): Uint8Array | undefined {
    const start = this.take();
    return start < 0 ? undefined : this.chunks[this.readChunk]!.subarray(start, this.readAt);
  }

  /**
   * {@link shift}, but the entry is copied into a buffer the queue reuses while entries keep
   * their length: valid until the next call, and no view object made per entry (the views were
   * a third of a search's garbage).
   */
  shiftCopy(): Uint8Array | undefined {
    const start = this.take();
    if (start < 0) return undefined;
    const chunk = this.chunks[this.readChunk]!;
    const len = this.readAt - start;
    if (this.wordsOf !== chunk) {
      this.wordsOf = chunk;
      this.readWords = new Int32Array(chunk.buffer, chunk.byteOffset, chunk.length >>> 2);
    }
    const from = start >>> 2;
    // The last entry of an odd-sized chunk may end inside a word the view does not cover.
    if (from + ((len + 3) >> 2) <= this.readWords.length) return this.copier.copy(this.readWords, from, len);
    return this.copier.copyBytes(chunk.subarray(start, start + len));
  }

  /** Moves past the next entry (its bytes end at readAt in chunk readChunk); returns where they start, or -1. */
  private take(): number {
    while (this.readChunk < this.chunks.length) {
      const k = this.readChunk;
      const chunk = this.chunks[k]!;
      const at = this.entryAt(this.readAt);
      if (at < this.used[k]!) {
        const len = chunk[at]! | (chunk[at + 1]! << 8);
        if (this.withSlots) this.slot = chunk[at + 2]! | (chunk[at + 3]! << 8) | (chunk[at + 4]! << 16) | (chunk[at + 5]! << 24);
        const start = at + this.header;
        this.readAt = start + len;
        return start;
      }
      // A consumed chunk is dropped at once (the frontier's peak is what is still unread), or
      // pooled: the entry last returned in it has been used by the time the reader asks again.
      this.allocated -= chunk.length;
      this.pool.give(chunk);
      this.chunks[k] = EMPTY;
      this.used[k] = 0;
      this.readChunk++;
      this.readAt = 0;
    }
    return -1;
  }

  /** Rewrites every stored slot through `map` (after the table moved its entries). */
  remap(map: Int32Array): void {
    if (!this.withSlots) return;
    for (let k = 0; k < this.chunks.length; k++) {
      const chunk = this.chunks[k]!;
      const end = this.used[k]!;
      for (let at = this.entryAt(0); at < end; at = this.entryAt(at)) {
        const len = chunk[at]! | (chunk[at + 1]! << 8);
        const old = chunk[at + 2]! | (chunk[at + 3]! << 8) | (chunk[at + 4]! << 16) | (chunk[at + 5]! << 24);
        const slot = map[old]!;
        chunk[at + 2] = slot & 0xff;
        chunk[at + 3] = (slot >>> 8) & 0xff;
        chunk[at + 4] = (slot >>> 16) & 0xff;
        chunk[at + 5] = slot >>> 24;
        at += 6 + len;
      }
    }
  }
}
