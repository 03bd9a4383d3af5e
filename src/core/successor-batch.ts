/**
 * Successors of several expansions held back from the visited table, so that their table
 * lookups can be started together. A lookup the recent-fingerprint cache does not answer is a
 * cache miss in a table far larger than the CPU's cache, and one successor at a time those
 * misses were paid one after another (a quarter of the allocation models' search). Held here,
 * their cache lines are requested in one tight loop ({@link FingerprintTable.warm}): the CPU
 * has them in flight together, and the inserts that follow find them loaded.
 *
 * The batch keeps each successor's fingerprint and a copy of its bytes, grouped by the
 * expansion that emitted it (with that expansion's parent slot and successor count), so the
 * search can insert them in emission order, exactly as if it had inserted each when emitted.
 */
import type { FingerprintTable } from './fingerprint-table.js';

export class SuccessorBatch {
  /** Fingerprint lanes of each successor (as int32). */
  hi = new Int32Array(256);
  lo = new Int32Array(256);
  /** Successors held. */
  length = 0;
  /** Expansions held. */
  expansions = 0;
  /**
   * Per expansion: the parent slot, the index of its first successor after its own, and its
   * successor count (typed arrays: an array emptied by `length = 0` gives up its storage).
   */
  parents = new Int32Array(64);
  ends = new Int32Array(64);
  counts = new Int32Array(64);
  private arena = new Uint8Array(1 << 14);
  private starts = new Int32Array(257);
  /**
   * A view per entry, made once and reused while its place and length stay the same (states of
   * one model are mostly of one length): a view made per successor was garbage for the collector.
   */
  private views: Uint8Array[] = [];
  private viewStarts = new Int32Array(257).fill(-1);
  private viewEnds = new Int32Array(257);
  /** Where the loads of {@link warm} go, so that the compiler cannot drop them. */
  private sink = 0;

  /** Copies one successor in. */
  add(bytes: Uint8Array, hi: number, lo: number): void {
    const i = this.length;
    if (i === this.hi.length) this.growEntries();
    const at = this.starts[i]!;
    const end = at + bytes.length;
    if (end > this.arena.length) this.growArena(end);
    this.arena.set(bytes, at);
    this.starts[i + 1] = end;
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.length = i + 1;
  }

  /**
   * Whether the open expansion (the successors added since the last close) already holds this
   * fingerprint: a state reached by two moves of one state is inserted once, and its second copy
   * need not be held.
   */
  holdsInExpansion(hi: number, lo: number): boolean {
    const h = hi | 0;
    const l = lo | 0;
    for (let i = this.expansions === 0 ? 0 : this.ends[this.expansions - 1]!; i < this.length; i++) if (this.hi[i] === h && this.lo[i] === l) return true;
    return false;
  }

  /** Closes the current expansion: its successors are those added since the last close. */
  endExpansion(parent: number, count: number): void {
    const e = this.expansions;
    if (e === this.ends.length) {
      this.parents = grow(this.parents, 2 * e);
      this.ends = grow(this.ends, 2 * e);
      this.counts = grow(this.counts, 2 * e);
    }
    this.parents[e] = parent;
    this.ends[e] = this.length;
    this.counts[e] = count;
    this.expansions = e + 1;
  }

  /** The bytes of successor `i`, valid until the next {@link clear}. */
  bytes(i: number): Uint8Array {
    const at = this.starts[i]!;
    const end = this.starts[i + 1]!;
    if (this.viewStarts[i] !== at || this.viewEnds[i] !== end) {
      this.views[i] = this.arena.subarray(at, end);
      this.viewStarts[i] = at;
      this.viewEnds[i] = end;
    }
    return this.views[i]!;
  }

  /** Requests the table's cache lines for every successor held, all at once. */
  warm(table: Pick<FingerprintTable, 'warm'> & Partial<Pick<FingerprintTable, 'warmMany'>>): void {
    if (table.warmMany !== undefined) {
      this.sink ^= table.warmMany(this.hi, this.lo, this.length);
      return;
    }
    let x = 0;
    for (let i = 0; i < this.length; i++) x ^= table.warm(this.hi[i]!, this.lo[i]!);
    this.sink ^= x;
  }

  /** Rewrites the parent slots through `map` (after the table moved its entries). */
  remapParents(map: Int32Array): void {
    for (let e = 0; e < this.expansions; e++) this.parents[e] = map[this.parents[e]!] ?? this.parents[e]!;
  }

  clear(): void {
    this.length = 0;
    this.expansions = 0;
  }

  private growEntries(): void {
    const n = this.hi.length * 2;
    this.hi = grow(this.hi, n);
    this.lo = grow(this.lo, n);
    this.starts = grow(this.starts, n + 1);
    this.viewStarts = grow(this.viewStarts, n + 1).fill(-1, this.hi.length / 2);
    this.viewEnds = grow(this.viewEnds, n + 1);
  }

  private growArena(end: number): void {
    const b = new Uint8Array(Math.max(end, this.arena.length * 2));
    b.set(this.arena);
    this.arena = b;
    this.viewStarts.fill(-1); // the views are of the old arena
  }
}

function grow(a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}
