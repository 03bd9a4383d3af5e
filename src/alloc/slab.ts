/**
 * Copies of state bytes without a memory allocation each. V8 keeps a typed array of up to 64
 * bytes on the JS heap, but gives a larger one a backing store of its own (malloc'd, tracked
 * and finalised by the collector), which measured about 12 times slower to create: most
 * allocation models' states are larger than that, and every move copies one. So larger copies
 * are views into a shared slab; a slab is collected once no state views it.
 */

/** Bytes a slab holds: many states, few slabs. */
const SLAB = 1 << 16;
/** Bytes of the first slab: slabs double up to SLAB, so a small check (or a one-off Exec) does not pay for a large one. */
const FIRST = 1 << 10;
/** The largest typed array V8 keeps on the JS heap (--typed-array-max-size-in-heap). */
const ON_HEAP = 64;

export class ByteSlab {
  private buffer = new ArrayBuffer(0);
  private used = 0;

  /**
   * A fresh copy of `bytes`, owned by the caller and never reused.
   *
   * @example
   * const d = slab.copy(state.bytes); d[0] -= 1; // `state.bytes` is unchanged
   */
  copy(bytes: Uint8Array): Uint8Array {
    const n = bytes.length;
    if (n <= ON_HEAP) return new Uint8Array(bytes);
    if (this.used + n > this.buffer.byteLength) {
      this.buffer = new ArrayBuffer(Math.max(Math.min(SLAB, 2 * this.buffer.byteLength || FIRST), n));
      this.used = 0;
    }
    const out = new Uint8Array(this.buffer, this.used, n);
    out.set(bytes);
    this.used += n;
    return out;
  }
}
