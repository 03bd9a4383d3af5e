/**
 * Putting shard files back together. Refused, with one line naming the files: a file that is not
 * a shard file, shards of different plans (foreign), a shard given twice (duplicate), a shard
 * count that differs, and shards missing from the set.
 */
import { UsageError } from '../usage-error.js';
import type { MatrixRow } from './run.js';
import { SHARD_FORMAT, SHARD_FORMAT_VERSION, type ShardFile } from './shard.js';

/** A shard file as read, with the name it was read from. */
export interface NamedShard {
  readonly file: string;
  readonly data: unknown;
}

function asShard({ file, data }: NamedShard): ShardFile {
  const d = data as Partial<ShardFile> | null;
  if (d === null || typeof d !== 'object' || d.format !== SHARD_FORMAT) throw new UsageError(`${file} is not a matrix shard file (write them with 'allocheck matrix ... --shard i/n --out DIR')`);
  if (d.formatVersion !== SHARD_FORMAT_VERSION) throw new UsageError(`${file} has shard format version ${String(d.formatVersion)}; this allocheck reads version ${SHARD_FORMAT_VERSION}`);
  const ok = typeof d.plan === 'string' && Number.isSafeInteger(d.cells) && Array.isArray(d.rows) && Array.isArray(d.swept) && Number.isSafeInteger(d.shard?.index) && Number.isSafeInteger(d.shard?.count);
  if (!ok) throw new UsageError(`${file} is a damaged shard file: a field is missing or of the wrong type`);
  return d as ShardFile;
}

/** The whole table's rows, in plan order, and the swept names. */
export function mergeShards(files: readonly NamedShard[]): { rows: MatrixRow[]; swept: readonly string[] } {
  if (files.length === 0) throw new UsageError('merge needs shard files or directories holding them');
  const shards = files.map((f) => ({ file: f.file, shard: asShard(f) }));
  const first = shards[0]!;
  const foreign = shards.find((s) => s.shard.plan !== first.shard.plan || s.shard.shard.count !== first.shard.shard.count);
  if (foreign) throw new UsageError(`${foreign.file} is from another sweep than ${first.file} (a different plan, shard count or allocheck version); merge only the shards of one run`);
  const seen = new Map<number, string>();
  for (const s of shards) {
    const other = seen.get(s.shard.shard.index);
    if (other !== undefined) throw new UsageError(`shard ${s.shard.shard.index}/${s.shard.shard.count} is given twice: ${other} and ${s.file}`);
    seen.set(s.shard.shard.index, s.file);
  }
  const count = first.shard.shard.count;
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new UsageError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} (have ${[...seen.keys()].sort((a, b) => a - b).map((i) => `${i}/${count}`).join(', ')})`);
  const rows = shards.flatMap((s) => s.shard.rows).sort((a, b) => a.index - b.index);
  if (rows.length !== first.shard.cells || rows.some((r, i) => r.index !== i)) throw new UsageError(`the shards of ${first.file}'s run do not add up to its ${first.shard.cells} cells: a shard file was edited or damaged`);
  return { rows: rows.map(({ index: _i, ...row }) => row), swept: first.shard.swept };
}
