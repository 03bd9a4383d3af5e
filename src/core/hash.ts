/**
 * 64-bit fingerprints of byte strings: four xxHash32-style lanes folded into two 32-bit halves.
 * Deterministic across runs and processes (no random seed), so a fingerprint seen in one run
 * means the same state in the next.
 */

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Result lanes of the last {@link fingerprint} call; read them before the next call. */
export const fp = { hi: 0, lo: 0 };

/** Whether an Int32Array reads bytes in the order {@link composed} composes them. */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
/** Above this length a Uint8Array lives outside V8's heap, so asking for its buffer is free. */
const OFF_HEAP = 64;
let viewed: Uint8Array | undefined;
let view: Int32Array<ArrayBufferLike> = new Int32Array(0);
let lastSeen: Uint8Array | undefined;
let composed = new Int32Array(64);

/**
 * `bytes` as little-endian words (a trailing partial word is left to the caller). A search
 * fingerprints every successor in one scratch array: once the same large, aligned array comes
 * twice in a row, its words are read in place through a view kept for it (its buffer and place
 * in it never change), one load a word instead of four. Any other array is composed into words:
 * a view made for an array seen once would cost more than the loads it saves.
 */
function wordsOf(bytes: Uint8Array): Int32Array<ArrayBufferLike> {
  const n = bytes.length;
  if (bytes === lastSeen && LITTLE_ENDIAN && n > OFF_HEAP && (bytes.byteOffset & 3) === 0) {
    viewed = bytes;
    view = new Int32Array(bytes.buffer, bytes.byteOffset, n >>> 2);
    return view;
  }
  lastSeen = bytes;
  if (composed.length < n >>> 2) composed = new Int32Array(n);
  for (let i = 0, j = 0; i + 3 < n; i += 4, j++) composed[j] = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
  return composed;
}

/**
 * Fingerprints `bytes` into {@link fp}.hi and {@link fp}.lo (never both zero).
 *
 * Four accumulators take every fourth word (xxHash32's round), so the four multiply chains run
 * side by side in the CPU instead of one after another: a state's words were a chain of 19
 * dependent rounds, and hashing was a sixth of an allocation model's search. A round is a
 * bijection of its accumulator for a fixed word and of its word for a fixed accumulator, and the
 * lanes are folded into the two 32-bit halves with a bijective finish: two states that differ in
 * one word never share a fingerprint.
 */
export function fingerprint(bytes: Uint8Array): void {
  const n = bytes.length;
  const w = bytes === viewed ? view : wordsOf(bytes);
  const count = n >>> 2;
  let a = 0x24234428;
  let b = 0x85ebca77 | 0;
  let c = 0;
  let d = 0x61c8864f;
  let j = 0;
  for (; j + 3 < count; j += 4) {
    a = round(a, w[j]!);
    b = round(b, w[j + 1]!);
    c = round(c, w[j + 2]!);
    d = round(d, w[j + 3]!);
  }
  if (j < count) a = round(a, w[j++]!);
  if (j < count) b = round(b, w[j++]!);
  if (j < count) c = round(c, w[j]!);
  let k = 0;
  for (let i = count << 2, s = 0; i < n; i++, s += 8) k |= bytes[i]! << s;
  d = round(d, k ^ n);
  const h1 = fmix((rotl(a, 1) + rotl(b, 7) + rotl(c, 12) + rotl(d, 18)) | 0);
  const h2 = fmix(h1 ^ Math.imul(a, P3) ^ rotl(Math.imul(b, P1), 11) ^ rotl(Math.imul(c, P2), 19) ^ rotl(d, 27));
  fp.hi = h1 >>> 0;
  fp.lo = (h2 | 0) === 0 && h1 === 0 ? 1 : h2 >>> 0;
}

const P1 = 0x9e3779b1 | 0;
const P2 = 0x85ebca77 | 0;
const P3 = 0xc2b2ae3d | 0;

function round(acc: number, word: number): number {
  return Math.imul(rotl((acc + Math.imul(word, P2)) | 0, 13), P1);
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/**
 * Probability that two distinct states shared a fingerprint during a search that stored
 * `states` fingerprints and looked one up `lookups` times, as TLC estimates it ("calculated"):
 * each lookup of a new state can collide with any fingerprint already stored.
 */
export function collisionProbability(states: number, lookups: number): number {
  return Math.min(1, (states * lookups) / 2 ** 64);
}
