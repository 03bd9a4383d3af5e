import { CheckError } from '../errors.js';

/** The i-th of n slices of some work, 1-based as on the command line ('2/4'). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses 'i/n' (1 <= i <= n); the error says what a shard looks like. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!(count >= 1 && index >= 1 && index <= count)) {
    throw new CheckError('bad-option', `a shard is i/n with 1 <= i <= n (e.g. 2/4), got '${text}'`);
  }
  return { index, count };
}

/** Whether item `k` (0-based) of a deterministic sequence belongs to `shard`: round robin. */
export function inShard(k: number, shard: Shard | undefined): boolean {
  return shard === undefined || k % shard.count === shard.index - 1;
}
