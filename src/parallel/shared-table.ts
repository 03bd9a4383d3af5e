/**
 * The visited set of a parallel search: 64-bit fingerprints in open-addressing tables in
 * SharedArrayBuffers, probed by every worker at once. A slot is claimed by a compare-and-swap on
 * its high word and published by storing its low word; a reader that finds a claimed slot with
 * its high word waits for the low word. Neither word is ever 0 in the table (0 means empty), so
 * fingerprints map a zero word to a fixed constant: a cost of 2^-32 in collision odds.
 *
 * The table is 256 segments, chosen by the top 8 bits of the high word, each in a buffer of its
 * own: between levels the coordinator grows the segments one at a time, so a growth needs one
 * segment's new buffer beside the table, not a second table. No segment grows while workers
 * probe it: the coordinator gives each worker a budget of inserts a segment and level, and a
 * worker past it hands its candidates back (see shared-worker.ts).
 */

const ZERO_HI = 0x5bd1e995 | 0;
const ZERO_LO = 1;
export const SEGMENTS = 256;

/** The buffers and capacities of a table's segments: what crosses to the workers. */
export interface TableShape {
  readonly buffers: readonly SharedArrayBuffer[];
  readonly capacities: readonly number[];
}

export class SharedTable {
  private readonly fps: Int32Array[];
  private readonly caps: Int32Array;

  constructor(readonly shape: TableShape) {
    this.fps = shape.buffers.map((b) => new Int32Array(b));
    this.caps = Int32Array.from(shape.capacities);
  }

  /** A table of about `capacity` slots in all. */
  static create(capacity: number): SharedTable {
    const each = Math.max(16, Math.ceil(capacity / SEGMENTS));
    const capacities = Array.from({ length: SEGMENTS }, () => each);
    return new SharedTable({ buffers: capacities.map((c) => new SharedArrayBuffer(c * 8)), capacities });
  }

  /** The segment a fingerprint's high word selects. */
  static segmentOf(hi: number): number {
    return (hi | 0 || ZERO_HI) >>> 24;
  }

  get bytes(): number {
    return this.shape.capacities.reduce((sum, c) => sum + c * 8, 0);
  }

  capacity(segment: number): number {
    return this.shape.capacities[segment]!;
  }

  /** Inserts unless present: the segment it went into, or -1 when it was there. Safe from any thread. */
  insert(hi: number, lo: number): number {
    const h = hi | 0 || ZERO_HI;
    const l = lo | 0 || ZERO_LO;
    const k = h >>> 24;
    const fps = this.fps[k]!;
    const c = this.caps[k]!;
    const u = l >>> 0;
    let s = Math.floor((u >>> 16) * (c / 65536) + (u & 0xffff) * (c / 4294967296));
    if (s >= c) s = c - 1;
    for (; ; s = s + 1 === c ? 0 : s + 1) {
      const i = s << 1;
      let cur = fps[i]!;
      if (cur === 0) {
        cur = Atomics.compareExchange(fps, i, 0, h);
        if (cur === 0) {
          Atomics.store(fps, i + 1, l);
          return k;
        }
      }
      if (cur !== h) continue;
      let other = fps[i + 1]!;
      while (other === 0) other = Atomics.load(fps, i + 1);
      if (other === l) return -1;
    }
  }

  /** This table with segment `k` rehashed into `capacity` slots (single-threaded, between levels). */
  withSegment(k: number, capacity: number): SharedTable {
    const buffers = [...this.shape.buffers];
    const capacities = [...this.shape.capacities];
    buffers[k] = new SharedArrayBuffer(capacity * 8);
    capacities[k] = capacity;
    const next = new SharedTable({ buffers, capacities });
    const old = this.fps[k]!;
    for (let s = 0; s < old.length; s += 2) if (old[s] !== 0) next.insert(old[s]!, old[s + 1]!);
    return next;
  }
}
