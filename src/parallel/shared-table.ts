/**
 * The visited set of a parallel search: 64-bit fingerprints in one open-addressing table in a
 * SharedArrayBuffer, probed by every worker at once. A slot is claimed by a compare-and-swap on
 * its high word and published by storing its low word; a reader that finds a claimed slot with
 * its high word waits for the low word. Neither word is ever 0 in the table (0 means empty), so
 * fingerprints map a zero word to a fixed constant: a cost of 2^-32 in collision odds.
 *
 * The table never grows while workers probe it: the coordinator sizes it before each level and
 * gives each worker a budget of inserts; a worker past its budget hands its new candidates back
 * (see shared-worker.ts), and the coordinator grows the table between levels.
 */

const ZERO_HI = 0x5bd1e995 | 0;
const ZERO_LO = 1;

export class SharedTable {
  readonly fps: Int32Array;

  constructor(
    readonly buffer: SharedArrayBuffer,
    readonly capacity: number,
  ) {
    this.fps = new Int32Array(buffer);
  }

  static create(capacity: number): SharedTable {
    return new SharedTable(new SharedArrayBuffer(capacity * 8), capacity);
  }

  get bytes(): number {
    return this.buffer.byteLength;
  }

  private home(hi: number): number {
    const c = this.capacity;
    const h = Math.floor((hi >>> 16) * (c / 65536) + (hi & 0xffff) * (c / 4294967296));
    return h < c ? h : c - 1;
  }

  /** Inserts unless present; true when this call inserted it. Safe from any thread. */
  insert(hi: number, lo: number): boolean {
    const fps = this.fps;
    const h = hi | 0 || ZERO_HI;
    const l = lo | 0 || ZERO_LO;
    const c = this.capacity;
    for (let s = this.home(h >>> 0); ; s = s + 1 === c ? 0 : s + 1) {
      const i = s << 1;
      let cur = fps[i]!;
      if (cur === 0) {
        cur = Atomics.compareExchange(fps, i, 0, h);
        if (cur === 0) {
          Atomics.store(fps, i + 1, l);
          return true;
        }
      }
      if (cur !== h) continue;
      let other = fps[i + 1]!;
      while (other === 0) other = Atomics.load(fps, i + 1);
      if (other === l) return false;
    }
  }

  /** A table of `capacity` holding every fingerprint of this one (single-threaded, between levels). */
  grownTo(capacity: number): SharedTable {
    const next = SharedTable.create(capacity);
    const fps = this.fps;
    for (let s = 0; s < this.capacity; s++) {
      const h = fps[s << 1]!;
      if (h !== 0) next.insert(h, fps[(s << 1) + 1]!);
    }
    return next;
  }
}
