/**
 * 64-bit fingerprints of byte strings, as two 32-bit lanes of a murmur3-style mix with
 * independent seeds. Deterministic across runs and processes (no random seed), so a fingerprint
 * seen in one run means the same state in the next.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

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

/** Fingerprints `bytes` into {@link fp}.hi and {@link fp}.lo (never both zero). */
export function fingerprint(bytes: Uint8Array): void {
  let h1 = 0x9747b28c;
  let h2 = 0x3c6ef372;
  const n = bytes.length;
  const words = bytes === viewed ? view : wordsOf(bytes);
  const count = n >>> 2;
  for (let j = 0; j < count; j++) {
    let k = words[j]!;
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h1 ^= k;
    h1 = (h1 << 13) | (h1 >>> 19);
    h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
    h2 ^= Math.imul(k, 0x27d4eb2f);
    h2 = (h2 << 17) | (h2 >>> 15);
    h2 = (Math.imul(h2, 9) + 0x165667b1) | 0;
  }
  let k = 0;
  for (let i = count << 2, s = 0; i < n; i++, s += 8) k |= bytes[i]! << s;
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h1 ^= k ^ n;
  h2 ^= Math.imul(k, 0x27d4eb2f) ^ n;
  h1 = fmix(h1 + Math.imul(h2, 0x9e3779b1));
  h2 = fmix(h2 ^ h1);
  if ((h1 | h2) === 0) h2 = 1;
  fp.hi = h1 >>> 0;
  fp.lo = h2 >>> 0;
}

/**
 * Probability that two distinct states shared a fingerprint during a search that stored
 * `states` fingerprints and looked one up `lookups` times, as TLC estimates it ("calculated"):
 * each lookup of a new state can collide with any fingerprint already stored.
 */
export function collisionProbability(states: number, lookups: number): number {
  return Math.min(1, (states * lookups) / 2 ** 64);
}
