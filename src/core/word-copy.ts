/**
 * One reused buffer that states are copied into a 32-bit word at a time: a search reads each
 * frontier entry into it instead of making a view a state (a third of a search's garbage), and a
 * loop over words copies several times faster than one over bytes, out of shared memory most of
 * all (level-queue.ts, and the parallel search's chunks). The entries must start on a word
 * boundary, with their last word within the source.
 */
export class WordCopy {
  private words = new Int32Array(16);
  /** Views of `words` by length: the states of one model mostly have one length. */
  private views: Uint8Array[] = [];

  /**
   * The `len` bytes starting at word `from` of `source`, in the reused buffer: valid until the
   * next copy.
   *
   * @example
   * const state = copier.copy(new Int32Array(chunk), at >> 2, len);
   */
  copy(source: Int32Array<ArrayBufferLike>, from: number, len: number): Uint8Array {
    const v = this.view(len);
    const w = this.words;
    for (let i = 0, n = (len + 3) >> 2; i < n; i++) w[i] = source[from + i]!;
    return v;
  }

  /** `bytes` in the reused buffer, copied as bytes (for an entry whose last word is cut short). */
  copyBytes(bytes: Uint8Array): Uint8Array {
    const v = this.view(bytes.length);
    v.set(bytes);
    return v;
  }

  private view(len: number): Uint8Array {
    let v = this.views[len];
    if (v === undefined) {
      if (len > this.words.byteLength) (this.words = new Int32Array(Math.max((len + 3) >> 2, 2 * this.words.length))), (this.views = []);
      v = this.views[len] = new Uint8Array(this.words.buffer, 0, len);
    }
    return v;
  }
}
