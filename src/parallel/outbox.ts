/**
 * States on their way to the worker that owns them, packed into transferable batches:
 * per state its fingerprint (8 bytes), its length (2 bytes) and its encoding. A small cache of
 * fingerprints sent lately drops most duplicates before they cross threads.
 */
import type { MessagePort } from 'node:worker_threads';

const BATCH = 1 << 16;

/** A batch as posted: the buffer moves to the receiver, `length` bytes of it used. */
export interface Batch {
  readonly bytes: ArrayBuffer;
  readonly length: number;
}
const CACHE_MASK = (1 << 16) - 1;

export class Outbox {
  private buffer = new Uint8Array(BATCH);
  private used = 0;
  private readonly recent = new Int32Array((CACHE_MASK + 1) * 2);
  /** Batches posted since the last {@link takeCount}. */
  private batches = 0;

  constructor(private readonly port: MessagePort) {}

  add(hi: number, lo: number, bytes: Uint8Array): void {
    const r = (lo & CACHE_MASK) << 1;
    if (this.recent[r] === (hi | 0) && this.recent[r + 1] === (lo | 0)) return;
    this.recent[r] = hi;
    this.recent[r + 1] = lo;
    const need = 10 + bytes.length;
    if (this.used + need > this.buffer.length) this.flush(need);
    const b = this.buffer;
    const at = this.used;
    // Byte by byte: for a few dozen bytes this beats DataView and TypedArray.set.
    b[at] = hi;
    b[at + 1] = hi >>> 8;
    b[at + 2] = hi >>> 16;
    b[at + 3] = hi >>> 24;
    b[at + 4] = lo;
    b[at + 5] = lo >>> 8;
    b[at + 6] = lo >>> 16;
    b[at + 7] = lo >>> 24;
    b[at + 8] = bytes.length;
    b[at + 9] = bytes.length >>> 8;
    for (let i = 0; i < bytes.length; i++) b[at + 10 + i] = bytes[i]!;
    this.used = at + need;
  }

  /** Posts what is packed (if anything) and starts a new batch of at least `room` bytes. */
  flush(room = 0): void {
    if (this.used > 0) {
      const batch: Batch = { bytes: this.buffer.buffer, length: this.used };
      this.port.postMessage(batch, [batch.bytes]);
      this.batches++;
    }
    this.buffer = new Uint8Array(Math.max(BATCH, room));
    this.used = 0;
  }

  /** Batches posted since the last call. */
  takeCount(): number {
    const n = this.batches;
    this.batches = 0;
    return n;
  }
}

/** Something that takes in states by fingerprint and encoding, `src[at .. at + length)`. */
export interface Receiver {
  accept(hi: number, lo: number, src: Uint8Array, at: number, length: number): void;
}

/** Hands every state in a batch to `to`. */
export function unpack(batch: Batch, to: Receiver): void {
  const b = new Uint8Array(batch.bytes);
  for (let at = 0; at < batch.length; ) {
    const hi = (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
    const lo = (b[at + 4]! | (b[at + 5]! << 8) | (b[at + 6]! << 16) | (b[at + 7]! << 24)) >>> 0;
    const len = b[at + 8]! | (b[at + 9]! << 8);
    to.accept(hi, lo, b, at + 10, len);
    at += 10 + len;
  }
}
