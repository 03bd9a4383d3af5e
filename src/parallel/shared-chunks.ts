/**
 * A BFS level as chunks of SharedArrayBuffer, written by one thread and read by all. At a level's
 * end every worker's chunks are pooled, and in the next level the workers take whole chunks
 * through one shared counter: whoever is free takes the next chunk, so the work balances without
 * copying a state.
 *
 * An entry is [length: 4 bytes][encoding, padded to 4 bytes], so that both ends copy a state a
 * word at a time: V8 copies bytes to and from shared memory slowly (a loop a byte at a time, or a
 * `set` that reads a shared source byte by byte), and the loops were a fifth of a worker's time on
 * dm-raid1 (75-byte states; measured with `node --cpu-prof`'s line ticks). Writing uses `set`
 * (one copy into shared memory costs about 36 ns against 70 to 190 for a byte loop), reading a
 * loop over 32-bit words (about 26 to 57 ns against 78 to 200).
 */
import { WordCopy } from '../core/word-copy.js';

const CHUNK = 1 << 15;

/**
 * Chunks a writer keeps for reuse: those its thread has read. A fresh SharedArrayBuffer is
 * memory the system must zero and map (about 30 us a chunk, and a page fault at each first
 * write: with them a fifth of a worker's time went to `push` on dm-raid1), while a chunk of this
 * level is read by one thread only, the one that took it, and is free once it has been read.
 */
const SPARE_LIMIT = 128;

/** The most a writer's spare chunks hold, for memory limits. */
export const SPARE_BYTES = SPARE_LIMIT * CHUNK;

/** Bytes an entry of a state of `len` bytes takes: the length word and the padded encoding. */
function entryBytes(len: number): number {
  return 4 + ((len + 3) & ~3);
}

/** The chunks of a level, as handed to every worker. */
export interface Chunks {
  readonly buffers: readonly SharedArrayBuffer[];
  readonly used: readonly number[];
}

export class ChunkWriter {
  private buffers: SharedArrayBuffer[] = [];
  private readonly spare: SharedArrayBuffer[] = [];
  private used: number[] = [];
  private chunk: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  private words: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private at = 0;
  length = 0;

  get bytes(): number {
    return this.buffers.length * CHUNK;
  }

  push(state: Uint8Array): void {
    const need = entryBytes(state.length);
    if (this.at + need > this.chunk.length) {
      if (this.buffers.length > 0) this.used[this.used.length - 1] = this.at;
      const buffer = (need <= CHUNK ? this.spare.pop() : undefined) ?? new SharedArrayBuffer(Math.max(CHUNK, need));
      this.buffers.push(buffer);
      this.used.push(0);
      this.chunk = new Uint8Array(buffer);
      this.words = new Int32Array(buffer);
      this.at = 0;
    }
    this.words[this.at >> 2] = state.length;
    this.chunk.set(state, this.at + 4);
    this.at += need;
    this.length++;
  }

  /** Takes a chunk this thread has read to the end (it must be the only one holding it) for writing again. */
  recycle(chunk: SharedArrayBuffer): void {
    if (chunk.byteLength === CHUNK && this.spare.length < SPARE_LIMIT) this.spare.push(chunk);
  }

  /** The chunks written so far; the writer starts over. */
  take(): Chunks {
    if (this.buffers.length > 0) this.used[this.used.length - 1] = this.at;
    const out = { buffers: this.buffers, used: this.used };
    this.buffers = [];
    this.used = [];
    this.chunk = new Uint8Array(0);
    this.words = new Int32Array(0);
    this.at = 0;
    this.length = 0;
    return out;
  }
}

/**
 * Reads a chunk's entries one at a time into a buffer of this thread's own, which the expansion
 * may borrow (Model.peek). A view of the shared chunk itself would be a new typed array a state
 * (garbage in every thread), and the model's decode would then copy it again; one copy a word
 * at a time into a reused buffer does neither.
 */
export class ChunkReader {
  private readonly copier = new WordCopy();

  /** Visits the entries of a chunk holding `used` bytes; each view is valid during its call. Stops when `visit` returns false. */
  each(chunk: SharedArrayBuffer, used: number, visit: (state: Uint8Array) => boolean): boolean {
    const w = new Int32Array(chunk);
    for (let at = 0; at < used; ) {
      const len = w[at >> 2]!;
      const state = this.copier.copy(w, (at >> 2) + 1, len);
      at += entryBytes(len);
      if (!visit(state)) return false;
    }
    return true;
  }
}

/** Pools several levels' chunks into one list. */
export function pool(parts: readonly Chunks[]): Chunks {
  return { buffers: parts.flatMap((p) => p.buffers), used: parts.flatMap((p) => p.used) };
}
