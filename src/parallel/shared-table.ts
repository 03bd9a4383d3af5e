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
  private readonly buffers: SharedArrayBuffer[];

  constructor(shape: TableShape) {
    this.buffers = [...shape.buffers];
    this.fps = this.buffers.map((b) => new Int32Array(b));
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

  /** The buffers and capacities now, for the threads. */
  get shape(): TableShape {
    return { buffers: [...this.buffers], capacities: Array.from(this.caps) };
  }

  get bytes(): number {
    let sum = 0;
    for (const c of this.caps) sum += c * 8;
    return sum;
  }

  capacity(segment: number): number {
    return this.caps[segment]!;
  }

  /** Inserts unless present: the segment it went into, or -1 when it was there. Safe from any thread. */
  insert(hi: number, lo: number): number {
    const h = hi | 0 || ZERO_HI;
    const l = lo | 0 || ZERO_LO;
    const k = h >>> 24;
    const fps = this.fps[k]!;
    const c = this.caps[k]!;
    for (let s = home(l, c); ; s = s + 1 === c ? 0 : s + 1) {
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

  /**
   * Reads the home slot of a fingerprint, so that several lookups' cache misses can be in flight
   * at once (core/successor-batch.ts). The value means nothing; a caller keeps it only so the
   * read is not optimised away.
   */
  warm(hi: number, lo: number): number {
    const k = (hi | 0 || ZERO_HI) >>> 24;
    return this.fps[k]![home(lo | 0 || ZERO_LO, this.caps[k]!) << 1]!;
  }

  /**
   * Rehashes segment `k` into a new buffer of `capacity` slots, in place of the old one. Only
   * between levels, on one thread, while no thread probes the table: so plain writes do, and
   * the other segments are not touched (threads get the new {@link shape} with the next level).
   */
  grow(k: number, capacity: number): void {
    this.adopt(k, rehash(this.buffers[k]!, capacity), capacity);
  }

  /** Segment `k`'s buffer, for a thread that rehashes it ({@link rehash}). */
  buffer(k: number): SharedArrayBuffer {
    return this.buffers[k]!;
  }

  /** Takes `buffer`, segment `k` rehashed into `capacity` slots by any thread, in place of the old one. */
  adopt(k: number, buffer: SharedArrayBuffer, capacity: number): void {
    this.buffers[k] = buffer;
    this.fps[k] = new Int32Array(buffer);
    this.caps[k] = capacity;
  }
}

/**
 * A segment's slots rehashed into a new buffer of `capacity` slots. Any thread may do it (the
 * threads of a search share the growth of a small table, shared-coordinator.ts), while no
 * thread probes the segment: so plain writes do.
 *
 * @example table.adopt(k, rehash(table.buffer(k), 2 * table.capacity(k)), 2 * table.capacity(k));
 */
export function rehash(segment: SharedArrayBuffer, capacity: number): SharedArrayBuffer {
  const old = new Int32Array(segment);
  const buffer = new SharedArrayBuffer(capacity * 8);
  const fps = new Int32Array(buffer);
  for (let s = 0; s < old.length; s += 2) {
    const h = old[s]!;
    if (h === 0) continue;
    const l = old[s + 1]!;
    let t = home(l, capacity);
    while (fps[t << 1] !== 0) t = t + 1 === capacity ? 0 : t + 1;
    fps[t << 1] = h;
    fps[(t << 1) + 1] = l;
  }
  return buffer;
}

/** The home slot of a (non-zero) low word in a segment of `c` slots. */
function home(l: number, c: number): number {
  const u = l >>> 0;
  const s = Math.floor((u >>> 16) * (c / 65536) + (u & 0xffff) * (c / 4294967296));
  return s < c ? s : c - 1;
}
