/**
 * A BFS level as chunks of SharedArrayBuffer, written by one thread and read by all: entries
 * are [length: 2 bytes][encoding]. At a level's end every worker's chunks are pooled, and in the
 * next level the workers take whole chunks through one shared counter: whoever is free takes the
 * next chunk, so the work balances without copying a state.
 */
const CHUNK = 1 << 15;

/** The chunks of a level, as handed to every worker. */
export interface Chunks {
  readonly buffers: readonly SharedArrayBuffer[];
  readonly used: readonly number[];
}

export class ChunkWriter {
  private buffers: SharedArrayBuffer[] = [];
  private used: number[] = [];
  private chunk: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  private at = 0;
  length = 0;

  get bytes(): number {
    return this.buffers.length * CHUNK;
  }

  push(state: Uint8Array): void {
    const need = 2 + state.length;
    if (this.at + need > this.chunk.length) {
      if (this.buffers.length > 0) this.used[this.used.length - 1] = this.at;
      const buffer = new SharedArrayBuffer(Math.max(CHUNK, need));
      this.buffers.push(buffer);
      this.used.push(0);
      this.chunk = new Uint8Array(buffer);
      this.at = 0;
    }
    const c = this.chunk;
    let at = this.at;
    c[at] = state.length & 0xff;
    c[at + 1] = state.length >>> 8;
    at += 2;
    for (let i = 0; i < state.length; i++) c[at + i] = state[i]!;
    this.at = at + state.length;
    this.length++;
  }

  /** The chunks written so far; the writer starts over. */
  take(): Chunks {
    if (this.buffers.length > 0) this.used[this.used.length - 1] = this.at;
    const out = { buffers: this.buffers, used: this.used };
    this.buffers = [];
    this.used = [];
    this.chunk = new Uint8Array(0);
    this.at = 0;
    this.length = 0;
    return out;
  }
}

/**
 * Reads a chunk's entries one at a time into a buffer of this thread's own, which the expansion
 * may borrow (Model.peek). A view of the shared chunk itself would be a new typed array a state
 * (garbage in every thread), and the model's decode would then copy it again; one plain copy
 * loop into a reused buffer does neither.
 */
export class ChunkReader {
  private scratch = new Uint8Array(256);
  /** Views of `scratch` by length: states of one model mostly have one length. */
  private views: Uint8Array[] = [];

  /** Visits the entries of a chunk holding `used` bytes; each view is valid during its call. Stops when `visit` returns false. */
  each(chunk: SharedArrayBuffer, used: number, visit: (state: Uint8Array) => boolean): boolean {
    const c = new Uint8Array(chunk);
    for (let at = 0; at < used; ) {
      const len = c[at]! | (c[at + 1]! << 8);
      at += 2;
      const v = this.view(len);
      for (let i = 0; i < len; i++) v[i] = c[at + i]!;
      at += len;
      if (!visit(v)) return false;
    }
    return true;
  }

  private view(len: number): Uint8Array {
    let v = this.views[len];
    if (v === undefined) {
      if (len > this.scratch.length) (this.scratch = new Uint8Array(Math.max(len, 2 * this.scratch.length))), (this.views = []);
      v = this.views[len] = this.scratch.subarray(0, len);
    }
    return v;
  }
}

/** Pools several levels' chunks into one list. */
export function pool(parts: readonly Chunks[]): Chunks {
  return { buffers: parts.flatMap((p) => p.buffers), used: parts.flatMap((p) => p.used) };
}
