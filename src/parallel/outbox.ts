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
const CACHE_MASK = (1 << 14) - 1;

export class Outbox {
  private buffer = new Uint8Array(BATCH);
  private view = new DataView(this.buffer.buffer);
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
    const at = this.used;
    this.view.setUint32(at, hi, true);
    this.view.setUint32(at + 4, lo, true);
    this.view.setUint16(at + 8, bytes.length, true);
    this.buffer.set(bytes, at + 10);
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
    this.view = new DataView(this.buffer.buffer);
    this.used = 0;
  }

  /** Batches posted since the last call. */
  takeCount(): number {
    const n = this.batches;
    this.batches = 0;
    return n;
  }
}

/** Calls `f` for every state in a batch; `bytes` is a view into the batch. */
export function unpack(batch: Batch, f: (hi: number, lo: number, bytes: Uint8Array) => void): void {
  const view = new DataView(batch.bytes);
  const all = new Uint8Array(batch.bytes);
  for (let at = 0; at < batch.length; ) {
    const len = view.getUint16(at + 8, true);
    f(view.getUint32(at, true), view.getUint32(at + 4, true), all.subarray(at + 10, at + 10 + len));
    at += 10 + len;
  }
}
