/** Encoded states packed end to end as [length: 2 bytes][bytes], to cross threads in one buffer. */
export class Packer {
  private buffer = new Uint8Array(1 << 12);
  private used = 0;
  count = 0;

  add(state: Uint8Array): void {
    const need = this.used + 2 + state.length;
    if (need > this.buffer.length) {
      const bigger = new Uint8Array(Math.max(need, this.buffer.length * 2));
      bigger.set(this.buffer.subarray(0, this.used));
      this.buffer = bigger;
    }
    this.buffer[this.used] = state.length & 0xff;
    this.buffer[this.used + 1] = state.length >>> 8;
    this.buffer.set(state, this.used + 2);
    this.used += 2 + state.length;
    this.count++;
  }

  /** The packed bytes (a copy sized to fit, safe to transfer). */
  take(): Uint8Array {
    const out = this.buffer.slice(0, this.used);
    this.used = 0;
    this.count = 0;
    return out;
  }
}

/** Visits each state of a packed buffer (views, valid during the call). */
export function unpackEach(packed: Uint8Array, visit: (state: Uint8Array) => void): void {
  for (let at = 0; at < packed.length; ) {
    const len = packed[at]! | (packed[at + 1]! << 8);
    visit(packed.subarray(at + 2, at + 2 + len));
    at += 2 + len;
  }
}
