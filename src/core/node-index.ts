/**
 * Fingerprint -> node number for the liveness graph: the fingerprint table (its value is the
 * node number), with a small direct-mapped cache of recent look-ups in front. Most successors
 * were seen moments ago, and a hit in a cache that fits the CPU's cache skips a probe into the
 * large table (the safety search does the same for its presence checks).
 */
import { cacheEntries, FingerprintTable } from './fingerprint-table.js';

export class NodeIndex {
  private readonly table: FingerprintTable;
  /** hi, lo, node per entry; hi = lo = 0 is empty (no fingerprint is zero in both halves). */
  private recent: Int32Array;
  private mask: number;

  constructor(initialCapacity: number | undefined) {
    this.table = new FingerprintTable({ initialCapacity });
    [this.recent, this.mask] = this.cache();
  }

  /** A cache for the table as large as it is now, at most 2^14 entries (a small graph gets a small one). */
  private cache(): [Int32Array, number] {
    const entries = cacheEntries(this.table.capacity) >> 1;
    return [new Int32Array(entries * 3), entries - 1];
  }

  get bytes(): number {
    return this.table.bytes + this.recent.byteLength;
  }

  /** The node of fingerprint (hi, lo); if it has none, it gets `fresh` and -1 is returned. */
  lookup(hi: number, lo: number, fresh: number): number {
    const r = (lo & this.mask) * 3;
    const recent = this.recent;
    if (recent[r] === (hi | 0) && recent[r + 1] === (lo | 0)) return recent[r + 2]!;
    if (this.table.full) {
      this.grow();
      return this.lookup(hi, lo, fresh);
    }
    const slot = this.table.insert(hi, lo, fresh);
    const node = slot >= 0 ? fresh : this.table.valueAt(-1 - slot);
    recent[r] = hi;
    recent[r + 1] = lo;
    recent[r + 2] = node;
    return slot >= 0 ? -1 : node;
  }

  private grow(): void {
    this.table.grow(0, false); // values are node numbers, so nothing to remap
    // Entries are hints, so a larger cache may start empty.
    if (cacheEntries(this.table.capacity) >> 1 > this.mask + 1) [this.recent, this.mask] = this.cache();
  }

  /** The node of fingerprint (hi, lo), or -1. */
  find(hi: number, lo: number): number {
    const slot = this.table.find(hi, lo);
    return slot < 0 ? -1 : this.table.valueAt(slot);
  }
}
