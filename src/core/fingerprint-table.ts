/**
 * Visited states as 64-bit fingerprints in one open-addressing table (linear probing), with a
 * 32-bit value beside each (the BFS keeps the parent's slot there, so that a shortest path can be
 * rebuilt; a graph builder may keep a dense state number). Capacity is any
 * integer (the home slot is the fingerprint scaled into [0, capacity)), so the table grows by a
 * modest factor (1.3) and stays densely loaded (0.68 to 0.88): 9.1 to 11.8 bytes a state
 * without values.
 *
 * Growth moves entries, so it returns the old-to-new slot map for callers holding slots.
 */

export interface TableOptions {
  readonly initialCapacity?: number | undefined;
  /** Keep a 32-bit value a slot (default true). */
  readonly values?: boolean;
  readonly maxLoad?: number;
  readonly growth?: number;
}

const CACHE_MASK = (1 << 15) - 1;

export class FingerprintTable {
  /**
   * Fingerprints seen lately, in a direct-mapped cache small enough for the CPU's cache: most
   * successors were seen moments ago, and a hit here saves a miss in the big table. Only
   * fingerprints already in the table enter it, so a hit is always a duplicate.
   */
  private readonly recent = new Int32Array((CACHE_MASK + 1) * 2);
  private capacity: number;
  private fps: Int32Array;
  private parents: Int32Array; // the values; empty when the table keeps none
  private readonly hasValues: boolean;
  private count = 0;
  private readonly maxLoad: number;
  private readonly growth: number;
  private limit: number;

  constructor(options: TableOptions = {}) {
    // Probing wraps at `capacity`, so it must be an integer (a fractional hint is rounded up).
    this.capacity = Math.max(16, Math.ceil(options.initialCapacity ?? 1 << 10));
    this.maxLoad = options.maxLoad ?? 0.88;
    this.hasValues = options.values ?? true;
    this.growth = options.growth ?? 1.3;
    this.fps = new Int32Array(this.capacity * 2);
    this.parents = new Int32Array(this.hasValues ? this.capacity : 0);
    this.limit = Math.floor(this.capacity * this.maxLoad);
  }

  get size(): number {
    return this.count;
  }

  get bytes(): number {
    return this.fps.byteLength + this.parents.byteLength;
  }

  /** True when the next insert should wait for {@link grow}. */
  get full(): boolean {
    return this.count >= this.limit;
  }

  private home(hi: number): number {
    const c = this.capacity;
    const h = Math.floor((hi >>> 16) * (c / 65536) + (hi & 0xffff) * (c / 4294967296));
    return h < c ? h : c - 1;
  }

  /** Inserts unless present. Returns the new slot, or `-1 - slot` of the present entry. */
  insert(hi: number, lo: number, value: number): number {
    if (!this.hasValues) {
      // Without values a caller only needs "present or not", so the cache may answer.
      const r = (lo & CACHE_MASK) << 1;
      if (this.recent[r] === (hi | 0) && this.recent[r + 1] === (lo | 0)) return -1;
      this.recent[r] = hi;
      this.recent[r + 1] = lo;
    }
    return this.place(hi, lo, value);
  }

  private place(hi: number, lo: number, value: number): number {
    const fps = this.fps;
    const c = this.capacity;
    const h = hi | 0;
    const l = lo | 0;
    let s = this.home(hi);
    for (;;) {
      const i = s << 1;
      const a = fps[i]!;
      const b = fps[i + 1]!;
      if ((a | b) === 0) {
        fps[i] = h;
        fps[i + 1] = l;
        if (this.hasValues) this.parents[s] = value;
        this.count++;
        return s;
      }
      if (a === h && b === l) return -1 - s;
      s = s + 1 === c ? 0 : s + 1;
    }
  }

  /** The slot holding this fingerprint, or -1. */
  find(hi: number, lo: number): number {
    const fps = this.fps;
    const h = hi | 0;
    const l = lo | 0;
    let s = this.home(hi);
    for (;;) {
      const a = fps[s << 1]!;
      const b = fps[(s << 1) + 1]!;
      if ((a | b) === 0) return -1;
      if (a === h && b === l) return s;
      s = s + 1 === this.capacity ? 0 : s + 1;
    }
  }

  valueAt(slot: number): number {
    return this.parents[slot]!;
  }

  setValue(slot: number, value: number): void {
    this.parents[slot] = value;
  }

  /** Rewrites every non-negative value through `map`, e.g. parent slots after {@link grow}. */
  remapValues(map: Int32Array): void {
    for (let s = 0; s < this.capacity; s++) {
      const v = this.parents[s]!;
      if (v >= 0 && (this.fps[s << 1]! | this.fps[(s << 1) + 1]!) !== 0) this.parents[s] = map[v]!;
    }
  }

  hiAt(slot: number): number {
    return this.fps[slot << 1]! >>> 0;
  }

  loAt(slot: number): number {
    return this.fps[(slot << 1) + 1]! >>> 0;
  }

  /** Every occupied slot, in slot order. */
  *slots(): IterableIterator<number> {
    for (let s = 0; s < this.capacity; s++) {
      if ((this.fps[s << 1]! | this.fps[(s << 1) + 1]!) !== 0) yield s;
    }
  }

  /** Enlarges the table. Returns `map` with `map[oldSlot]` = new slot; values move unchanged. */
  grow(): Int32Array {
    const oldFps = this.fps;
    const oldParents = this.parents;
    const oldCapacity = this.capacity;
    // Small tables double (cheap, fewer rehashes); large ones grow gently to stay dense.
    this.capacity = Math.ceil(oldCapacity * (oldCapacity < 1 << 20 ? 2 : this.growth));
    this.fps = new Int32Array(this.capacity * 2);
    this.parents = new Int32Array(this.hasValues ? this.capacity : 0);
    this.limit = Math.floor(this.capacity * this.maxLoad);
    this.count = 0;
    const map = new Int32Array(oldCapacity).fill(-1);
    for (let s = 0; s < oldCapacity; s++) {
      const a = oldFps[s << 1]!;
      const b = oldFps[(s << 1) + 1]!;
      if ((a | b) !== 0) map[s] = this.place(a, b, oldParents[s] ?? 0);
    }
    return map;
  }
}
