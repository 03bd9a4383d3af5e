/**
 * Seeded pseudo-random numbers for random walks. Each walk gets its own generator from the run's
 * seed and the walk's index, so walk k takes the same path whichever shard or machine runs it.
 */

/** mulberry32: a small 32-bit generator, good enough to pick successors; not cryptographic. */
export function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of walk `walk` in a run seeded with `seed`: both mixed, so nearby seeds differ. */
export function walkSeed(seed: number, walk: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(walk + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

/** A whole number in [0, n) from a generator. */
export function below(random: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n));
}
