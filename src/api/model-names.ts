/**
 * The names of the models shipped in models/, without loading them: the CLI checks a name
 * against this list and then loads that model's module alone (loading all twelve took 20 ms
 * more than one before a matrix's first cell). models.ts, which loads them all, keeps the same
 * names (a test compares both with the directory).
 *
 * @example SHIPPED_MODELS.includes('dm-raid1') // true
 */
export const SHIPPED_MODELS: readonly string[] = Object.freeze([
  'bio-mempool',
  'bio-split',
  'counter',
  'dm-raid1',
  'fuse-memcg',
  'fuse-writeback',
  'io-flusher',
  'loop-writeback',
  'nfs-ack',
  'oom-lock',
  'swap-over-nfs',
  'wq-completion',
]);
