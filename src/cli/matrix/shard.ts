/**
 * Sharded sweeps: `matrix --shard i/n` checks the i-th of n deterministic slices of the cells and
 * writes a shard file; `merge` puts the shard files back together into the whole table. Each
 * file carries a hash of the whole plan (every cell's model, model file, policy and parameters,
 * the limits, the swept names and allocheck's code), so shards of different sweeps, or of the
 * same sweep run by different versions, are never merged.
 */
import type { CellLimits } from '../../api/cell.js';
import type { Shard } from '../../core/simulate/shard.js';
import { codeHash, fileHash, sha256 } from '../source-hash.js';
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
 * Which shard each cell belongs to: the cells to be checked are dealt round robin, so every
 * shard gets the same number (give or take one) of each model and policy; cells that are not
 * checked (n/a, invalid) are dealt round robin too.
 */
export function shardCells(cells: readonly PlannedCell[], shard: Shard): PlannedCell[] {
  const checked = cells.filter((c) => c.notApplicable === undefined && c.invalid === undefined);
  const other = cells.filter((c) => !checked.includes(c));
  const mine = (list: readonly PlannedCell[]) => list.filter((_, k) => k % shard.count === shard.index - 1);
  return [...mine(checked), ...mine(other)].sort((a, b) => a.index - b.index);
}

/** The hash of a whole plan: equal for the same sweep of the same code and model files. */
export function planHash(cells: readonly PlannedCell[], limits: CellLimits, swept: readonly string[]): string {
  const files = new Map<string, string>();
  const source = (s: string): string => {
    if (!isAbsolute(s)) return s;
    if (!files.has(s)) files.set(s, fileHash(s));
    return files.get(s)!;
  };
  const layout = cells.map((c) => [c.model, source(c.source), c.policy ?? null, Object.entries(c.params).sort()]);
  return sha256(JSON.stringify({ code: codeHash(), layout, limits: Object.entries(limits).sort(), swept }));
}
