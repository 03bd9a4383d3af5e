/**
 * Fingerprint -> node number for the liveness graph: the fingerprint table (its value is the
 * node number), with a small direct-mapped cache of recent look-ups in front. Most successors
 * were seen moments ago, and a hit in a cache that fits the CPU's cache skips a probe into the
 * large table (the safety search does the same for its presence checks).
 */
import { FingerprintTable } from './fingerprint-table.js';

const MASK = (1 << 14) - 1;

export class NodeIndex {
  private readonly table: FingerprintTable;
  /** hi, lo, node per entry; hi = lo = 0 is empty (no fingerprint is zero in both halves). */
  private readonly recent = new Int32Array((MASK + 1) * 3);

  constructor(initialCapacity: number | undefined) {
    this.table = new FingerprintTable({ initialCapacity });
  }

  get bytes(): number {
    return this.table.bytes + this.recent.byteLength;
  }

  /** The node of fingerprint (hi, lo); if it has none, it gets `fresh` and -1 is returned. */
  lookup(hi: number, lo: number, fresh: number): number {
    const r = (lo & MASK) * 3;
    const recent = this.recent;
    if (recent[r] === (hi | 0) && recent[r + 1] === (lo | 0)) return recent[r + 2]!;
    if (this.table.full) this.table.grow(); // values are node numbers, so nothing to remap
    const slot = this.table.insert(hi, lo, fresh);
    const node = slot >= 0 ? fresh : this.table.valueAt(-1 - slot);
    recent[r] = hi;
    recent[r + 1] = lo;
    recent[r + 2] = node;
    return slot >= 0 ? -1 : node;
  }

  /** The node of fingerprint (hi, lo), or -1. */
  find(hi: number, lo: number): number {
    const slot = this.table.find(hi, lo);
    return slot < 0 ? -1 : this.table.valueAt(slot);
  }
}
