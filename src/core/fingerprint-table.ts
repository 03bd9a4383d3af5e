/**
 * Visited states as 64-bit fingerprints in open-addressing tables (linear probing), with a
 * 32-bit value beside each (the BFS keeps the parent's slot there, so that a shortest path can be
 * rebuilt; a graph builder may keep a dense state number). Capacity is any integer (the home
 * slot is the fingerprint scaled into [0, capacity)), so a large table grows by a modest factor
 * (1.3) and stays densely loaded (0.68 to 0.88): 9.1 to 11.8 bytes a state without values. Below
 * {@link DENSE_FROM} slots it doubles (9.1 to 18.2 bytes a state): each growth rehashes what the
 * segment holds, and rehashing at every 1.3x was a tenth of a million-state search.
 *
 * The table may be split into `segments` (a power of two) by the top bits of the fingerprint,
 * each growing on its own: growth then allocates one segment's new array while the old one is
 * alive, not the whole table's, so a search near its memory limit does not need twice its table
 * to grow. A slot is `local << bits | segment`. Growth moves entries, so it returns the segment's
 * old-to-new local slot map for callers holding slots (with one segment, local slots are slots).
 */

export interface TableOptions {
  readonly initialCapacity?: number | undefined;
  /** Keep a 32-bit value a slot (default true). */
  readonly values?: boolean;
  readonly maxLoad?: number;
  readonly growth?: number;
  /** A power of two, at most 256 (default 1). */
  readonly segments?: number;
  /** Takes each array a growth leaves behind, to reuse its memory (its contents are garbage). */
  readonly retire?: (old: Int32Array) => void;
}

/** Slots (over all segments) from which a table grows by its gentle factor: 32 MB of fingerprints. */
const DENSE_FROM = 1 << 22;

/** Entries of the cache of recent fingerprints, at most (it fits the CPU's cache). */
const CACHE_ENTRIES = 1 << 15;
const NO_CACHE = new Int32Array(0);
const NO_MAP = new Int32Array(0);

/**
 * Entries a cache in front of a table of `capacity` slots is given: a power of two, no more
 * than the table holds (a small search should not pay for a large cache) nor CACHE_ENTRIES.
 */
export function cacheEntries(capacity: number): number {
  let n = 64;
  while (n < capacity && n < CACHE_ENTRIES) n <<= 1;
  return n;
}

export class FingerprintTable {
  /**
   * Fingerprints seen lately, in a direct-mapped cache small enough for the CPU's cache: most
   * successors were seen moments ago, and a hit here saves a miss in the big table. Only
   * fingerprints already in the table enter it, so a hit is always a duplicate. Only a table
   * without values has one (a caller wanting values needs the slot), sized by {@link fitCache}.
   */
  private recent = NO_CACHE;
  private cacheMask = 0;
  private readonly bits: number;
  private readonly caps: number[] = [];
  private readonly fps: Int32Array[] = [];
  private readonly vals: Int32Array[] = []; // the values; empty when the table keeps none
  private readonly counts: number[] = [];
  private readonly limits: number[] = [];
  private readonly hasValues: boolean;
  private readonly maxLoad: number;
  private readonly growth: number;
  private readonly retire: ((old: Int32Array) => void) | undefined;
  private count = 0;
  private allocated = 0;
  /** {@link warmMany}'s home slots and segments, reused. */
  private warmSlots = new Int32Array(0);
  private warmSegments = new Int32Array(0);

  constructor(options: TableOptions = {}) {
    const segments = options.segments ?? 1;
    if (!(segments >= 1 && segments <= 256 && (segments & (segments - 1)) === 0)) throw new RangeError(`segments must be a power of two up to 256, got ${segments}`);
    this.bits = Math.log2(segments);
    this.maxLoad = options.maxLoad ?? 0.88;
    this.hasValues = options.values ?? true;
    this.growth = options.growth ?? 1.3;
    this.retire = options.retire;
    const each = Math.max(16, Math.ceil((options.initialCapacity ?? 1 << 10) / segments));
    for (let k = 0; k < segments; k++) this.allocate(k, each);
    this.fitCache();
  }

  /** Slots in all segments. */
  get capacity(): number {
    return this.allocated / this.slotBytes;
  }

  /** A larger cache once the table has outgrown it; its entries are dropped (they are only hints). */
  private fitCache(): void {
    if (this.hasValues) return;
    const entries = cacheEntries(this.capacity);
    if (entries <= this.cacheMask + 1) return; // already this size: keep it and what it holds
    this.recent = new Int32Array(entries * 2);
    this.cacheMask = entries - 1;
  }

  private allocate(k: number, capacity: number): void {
    this.allocated += this.slotBytes * (capacity - (this.caps[k] ?? 0));
    this.caps[k] = capacity;
    this.fps[k] = new Int32Array(capacity * 2);
    this.vals[k] = new Int32Array(this.hasValues ? capacity : 0);
    this.counts[k] = 0;
    this.limits[k] = Math.floor(capacity * this.maxLoad);
  }

  private get slotBytes(): number {
    return this.hasValues ? 12 : 8;
  }

  get size(): number {
    return this.count;
  }

  get bytes(): number {
    return this.allocated;
  }

  /** The segment a fingerprint lives in. */
  segmentOf(hi: number): number {
    return this.bits === 0 ? 0 : hi >>> (32 - this.bits);
  }

  /** True when inserting `hi` (with one segment: anything) should wait for {@link grow}. */
  needsGrow(hi = 0): boolean {
    const k = this.segmentOf(hi);
    return this.counts[k]! >= this.limits[k]!;
  }

  /** With one segment: true when the next insert should wait for {@link grow}. */
  get full(): boolean {
    return this.needsGrow(0);
  }

  private nextCapacity(k: number): number {
    const c = this.caps[k]!;
    // Small tables double (fewer rehashes); large ones grow gently to stay dense.
    return Math.ceil(c * (c << this.bits < DENSE_FROM ? 2 : this.growth));
  }

  /** Bytes that growing the segment of `hi` allocates while the old arrays are still alive. */
  growthBytes(hi = 0): number {
    return this.nextCapacity(this.segmentOf(hi)) * this.slotBytes;
  }

  private home(lo: number, c: number): number {
    const h = Math.floor((lo >>> 16) * (c / 65536) + (lo & 0xffff) * (c / 4294967296));
    return h < c ? h : c - 1;
  }

  /**
   * Reads the cache lines an {@link insert} of this fingerprint reads first (the recent-cache
   * entry and the home slot), so that several can be in flight at once (see successor-batch.ts).
   * The value means nothing; a caller keeps it only so the reads are not optimised away.
   */
  warm(hi: number, lo: number): number {
    // A fingerprint the cache holds is answered there: its home slot would be a wasted miss.
    if (this.recentlyInserted(hi, lo)) return 1;
    const k = this.segmentOf(hi);
    return this.fps[k]![this.home(lo, this.caps[k]!) << 1]!;
  }

  /**
   * {@link warm} for `n` fingerprints at once, in two passes: the home slots first (arithmetic
   * and the small cache only), then the loads alone, in a loop tight enough that the CPU has
   * many of its misses in flight together; with the arithmetic between them, few were.
   */
  warmMany(his: Int32Array, los: Int32Array, n: number): number {
    if (this.warmSlots.length < n) {
      this.warmSlots = new Int32Array(2 * n);
      this.warmSegments = new Int32Array(2 * n);
    }
    const slots = this.warmSlots;
    const segments = this.warmSegments;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const hi = his[i]!;
      const lo = los[i]!;
      if (this.recentlyInserted(hi, lo)) continue;
      const k = this.segmentOf(hi);
      segments[m] = k;
      slots[m++] = this.home(lo, this.caps[k]!) << 1;
    }
    const fps = this.fps;
    let x = 0;
    for (let i = 0; i < m; i++) x ^= fps[segments[i]!]![slots[i]!]!;
    return x;
  }

  /**
   * True when the cache of recent fingerprints holds this one, so the table holds it: a cheap,
   * partial "present" (false says nothing). Always false in a table with values.
   */
  private recentlyInserted(hi: number, lo: number): boolean {
    const r = (lo & this.cacheMask) << 1;
    return !this.hasValues && this.recent[r] === (hi | 0) && this.recent[r + 1] === (lo | 0);
  }

  /** Inserts unless present. Returns the new slot, or `-1 - slot` of the present entry. */
  insert(hi: number, lo: number, value: number): number {
    if (!this.hasValues) {
      // Without values a caller only needs "present or not", so the cache may answer.
      const r = (lo & this.cacheMask) << 1;
      if (this.recent[r] === (hi | 0) && this.recent[r + 1] === (lo | 0)) return -1;
      this.recent[r] = hi;
      this.recent[r + 1] = lo;
    }
    const k = this.segmentOf(hi);
    const s = this.place(k, hi, lo, value);
    return s < 0 ? -1 - ((-1 - s) << this.bits | k) : (s << this.bits) | k;
  }

  /** Inserts into segment `k`; returns the local slot, or `-1 - local` when present. */
  private place(k: number, hi: number, lo: number, value: number): number {
    const fps = this.fps[k]!;
    const c = this.caps[k]!;
    const h = hi | 0;
    const l = lo | 0;
    let s = this.home(lo, c);
    for (;;) {
      const i = s << 1;
      const a = fps[i]!;
      const b = fps[i + 1]!;
      if ((a | b) === 0) {
        fps[i] = h;
        fps[i + 1] = l;
        if (this.hasValues) this.vals[k]![s] = value;
        this.counts[k]!++;
        this.count++;
        return s;
      }
      if (a === h && b === l) return -1 - s;
      s = s + 1 === c ? 0 : s + 1;
    }
  }

  /** The slot holding this fingerprint, or -1. */
  find(hi: number, lo: number): number {
    const k = this.segmentOf(hi);
    const fps = this.fps[k]!;
    const c = this.caps[k]!;
    let s = this.home(lo, c);
    for (;;) {
      const a = fps[s << 1]!;
      const b = fps[(s << 1) + 1]!;
      if ((a | b) === 0) return -1;
      if (a === (hi | 0) && b === (lo | 0)) return (s << this.bits) | k;
      s = s + 1 === c ? 0 : s + 1;
    }
  }

  valueAt(slot: number): number {
    return this.vals[slot & ((1 << this.bits) - 1)]![slot >>> this.bits]!;
  }

  setValue(slot: number, value: number): void {
    this.vals[slot & ((1 << this.bits) - 1)]![slot >>> this.bits] = value;
  }

  /** Rewrites every non-negative value through `map` (one segment), e.g. parent slots after {@link grow}. */
  remapValues(map: Int32Array): void {
    const fps = this.fps[0]!;
    const vals = this.vals[0]!;
    for (let s = 0; s < this.caps[0]!; s++) {
      const v = vals[s]!;
      if (v >= 0 && (fps[s << 1]! | fps[(s << 1) + 1]!) !== 0) vals[s] = map[v]!;
    }
  }

  hiAt(slot: number): number {
    return this.fps[slot & ((1 << this.bits) - 1)]![(slot >>> this.bits) << 1]! >>> 0;
  }

  loAt(slot: number): number {
    return this.fps[slot & ((1 << this.bits) - 1)]![((slot >>> this.bits) << 1) + 1]! >>> 0;
  }

  /** Visits every stored fingerprint (in no particular order), e.g. to hand the set to another table. */
  forEach(visit: (hi: number, lo: number) => void): void {
    for (const fps of this.fps) {
      for (let i = 0; i < fps.length; i += 2) if ((fps[i]! | fps[i + 1]!) !== 0) visit(fps[i]! >>> 0, fps[i + 1]! >>> 0);
    }
  }

  /**
   * Enlarges the segment of `hi`. Returns `map` with `map[oldLocal]` = new local slot (values
   * move unchanged), or an empty map when `remap` is false: a caller holding no slots need not
   * pay for a map of the whole segment, fresh memory at every growth.
   */
  grow(hi = 0, remap = true): Int32Array {
    const k = this.segmentOf(hi);
    const oldFps = this.fps[k]!;
    const oldVals = this.vals[k]!;
    const oldCapacity = this.caps[k]!;
    this.count -= this.counts[k]!;
    this.allocate(k, this.nextCapacity(k));
    this.fitCache();
    const map = remap ? new Int32Array(oldCapacity).fill(-1) : NO_MAP;
    for (let s = 0; s < oldCapacity; s++) {
      const a = oldFps[s << 1]!;
      const b = oldFps[(s << 1) + 1]!;
      if ((a | b) === 0) continue;
      const at = this.place(k, a, b, oldVals[s] ?? 0);
      if (remap) map[s] = at;
    }
    this.retire?.(oldFps);
    if (oldVals.length > 0) this.retire?.(oldVals);
    return map;
  }
}
