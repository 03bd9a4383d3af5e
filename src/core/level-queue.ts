/**
 * One BFS level of states waiting to be expanded, as encoded bytes in fixed-size chunks:
 * each entry is its table slot (4 bytes), its length (2 bytes) and the encoding. Keeping the
 * frontier as bytes, not objects, is what keeps a large search inside its memory budget.
 */

const CHUNK = 1 << 20;

export class LevelQueue {
  private chunks: Uint8Array[] = [];
  private views: DataView[] = [];
  private used: number[] = [];
  private entries = 0;

  get length(): number {
    return this.entries;
  }

  get bytes(): number {
    return this.chunks.length * CHUNK;
  }

  push(slot: number, state: Uint8Array): void {
    const need = 6 + state.length;
    if (need > CHUNK) throw new RangeError(`state encoding of ${state.length} bytes is too large`);
    let k = this.chunks.length - 1;
    if (k < 0 || this.used[k]! + need > CHUNK) {
      this.chunks.push(new Uint8Array(CHUNK));
      this.views.push(new DataView(this.chunks[k + 1]!.buffer));
      this.used.push(0);
      k++;
    }
    const at = this.used[k]!;
    const view = this.views[k]!;
    view.setInt32(at, slot, true);
    view.setUint16(at + 4, state.length, true);
    this.chunks[k]!.set(state, at + 6);
    this.used[k] = at + need;
    this.entries++;
  }

  private readChunk = 0;
  private readAt = 0;
  /** Slot of the entry last returned by {@link shift}. */
  slot = 0;

  /**
   * Takes the next entry in insertion order: its encoding (a view, valid until the queue is
   * dropped) and, in {@link slot}, its table slot. Undefined when every entry has been taken.
   */
  shift(): Uint8Array | undefined {
    while (this.readChunk < this.chunks.length) {
      const k = this.readChunk;
      if (this.readAt < this.used[k]!) {
        const view = this.views[k]!;
        const at = this.readAt;
        const len = view.getUint16(at + 4, true);
        this.slot = view.getInt32(at, true);
        this.readAt = at + 6 + len;
        return this.chunks[k]!.subarray(at + 6, at + 6 + len);
      }
      this.readChunk++;
      this.readAt = 0;
    }
    return undefined;
  }

  /** Rewrites every stored slot through `map` (after the table moved its entries). */
  remap(map: Int32Array): void {
    for (let k = 0; k < this.chunks.length; k++) {
      const view = this.views[k]!;
      const end = this.used[k]!;
      for (let at = 0; at < end; at += 6 + view.getUint16(at + 4, true)) {
        view.setInt32(at, map[view.getInt32(at, true)]!, true);
      }
    }
  }
}
