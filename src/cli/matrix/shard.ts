/**
 * Sharded sweeps: `matrix --shard i/n` checks the i-th of n deterministic slices of the cells and
 * writes a shard file; `merge` puts the shard files back together into the whole table. Each
 * file carries a hash of the whole plan (every cell's model, model file, policy and parameters,
 * the limits, the swept names and allocheck's code), so shards of different sweeps, or of the
 * same sweep run by different versions, are never merged.
 */
import type { CellLimits } from '../../api/cell.js';
import type { Shard } from '../../core/simulate/shard.js';
import { nodeCrypto } from '../builtins.js';
import { codeHash, fileHash } from '../source-hash.js';
import { isAbsolute } from 'node:path';
import type { PlannedCell } from './plan.js';
import type { MatrixRow } from './run.js';

export const SHARD_FORMAT = 'allocheck-matrix-shard';
export const SHARD_FORMAT_VERSION = 1;

/** What a shard file holds. */
export interface ShardFile {
  readonly format: typeof SHARD_FORMAT;
  readonly formatVersion: number;
  readonly plan: string;
  readonly shard: Shard;
  /** Cells in the whole plan. */
  readonly cells: number;
  readonly swept: readonly string[];
  readonly rows: readonly (MatrixRow & { readonly index: number })[];
}

/** The file name of a shard in an output directory. */
export function shardFileName(shard: Shard): string {
  return `shard-${shard.index}-of-${shard.count}.json`;
}

/**
 * The cells of one shard, as they are laid out: the cells whose policy applies are dealt round
 * robin in plan order, so every shard gets the same number (give or take one) of each model and
 * policy; the n/a cells (nothing to check) are dealt round robin too.
 */
export function* shardOf(cells: Iterable<PlannedCell>, shard: Shard): Generator<PlannedCell> {
  let applicable = 0;
  let other = 0;
  for (const cell of cells) {
    const k = cell.notApplicable === undefined ? applicable++ : other++;
    if (k % shard.count === shard.index - 1) yield cell;
  }
}

/** The hash of a whole plan: equal for the same sweep of the same code and model files. */
export function planHash(cells: Iterable<PlannedCell>, limits: CellLimits, swept: readonly string[]): string {
  const files = new Map<string, string>();
  const source = (s: string): string => {
    if (!isAbsolute(s)) return s;
    if (!files.has(s)) files.set(s, fileHash(s));
    return files.get(s)!;
  };
  const hash = nodeCrypto().createHash('sha256').update(JSON.stringify({ code: codeHash(), limits: Object.entries(limits).sort(), swept }));
  for (const c of cells) hash.update(JSON.stringify([c.model, source(c.source), c.policy ?? null, Object.entries(c.params).sort()]));
  return hash.digest('hex');
}
