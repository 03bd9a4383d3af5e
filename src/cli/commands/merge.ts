import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXIT, type Io } from '../io.js';
import { mergeShards, type NamedShard } from '../matrix/merge.js';
import { matrixExit } from '../matrix/run.js';
import { formatOf, formatTable, tableReport } from '../matrix/table.js';
import { outPath, parseOptions } from '../options.js';
import { OutDir } from '../out-dir.js';
import { UsageError } from '../usage-error.js';
import { reportUnwritten } from './check.js';

export const MERGE_HELP = `usage: allocheck merge <dir-or-file...> [options]
  Puts the shard files of one sharded matrix run ('allocheck matrix ... --shard i/n --out DIR')
  back together and prints the whole table, as the unsharded matrix prints it. A directory
  gives every shard-*-of-*.json file in it. Refuses, naming the files, shards of another run,
  a shard given twice, and missing shards.
  --json | --markdown | --csv   the table's format (default: aligned text)
  --stable               leave out the seconds column
  --out DIR              write the merged table as DIR/matrix.json
exit codes: as matrix: 0 every checked cell holds, 1 some cell is violated, 3 some is
  incomplete, 2 bad input`;

const OPTIONS = {
  json: { type: 'boolean' },
  markdown: { type: 'boolean' },
  csv: { type: 'boolean' },
  stable: { type: 'boolean' },
  out: { type: 'string' },
  quiet: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const SHARD_FILE = /^shard-\d+-of-\d+\.json$/;

/** The shard files an argument names: the file itself, or a directory's shard files. */
function shardFiles(arg: string, cwd: string): string[] {
  const path = resolve(cwd, arg);
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) throw new UsageError(`no such file or directory: ${arg}`);
  if (!stat.isDirectory()) return [arg];
  const found = readdirSync(path).filter((f) => SHARD_FILE.test(f)).sort();
  if (found.length === 0) throw new UsageError(`${arg} holds no shard files (shard-i-of-n.json)`);
  return found.map((f) => join(arg, f));
}

function readShard(file: string, cwd: string): NamedShard {
  try {
    return { file, data: JSON.parse(readFileSync(resolve(cwd, file), 'utf8')) as unknown };
  } catch (e) {
    throw new UsageError(`${file} is not a matrix shard file: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}

/** `allocheck merge`: the shards of a sharded matrix run, as one table. */
export async function mergeCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(argv, OPTIONS, 'merge');
  if (values.help) {
    io.out(MERGE_HELP + '\n');
    return EXIT.holds;
  }
  const format = formatOf(values);
  const outArg = outPath('--out', values.out);
  const out = outArg === undefined ? undefined : OutDir.prepare(resolve(io.cwd, outArg), outArg, '--out', 'matrix.json');
  const files = positionals.flatMap((p) => shardFiles(p, io.cwd));
  const { rows, swept } = mergeShards(files.map((f) => readShard(f, io.cwd)));
  const stable = values.stable ?? false;
  io.out(tableReport(format, rows, swept, stable));
  if (out === undefined) return matrixExit(rows);
  const table = JSON.parse(formatTable('json', rows, swept, stable)) as object;
  out.write('matrix.json', JSON.stringify({ ...table, runId: out.runId, files: ['matrix.json'] }, null, 2) + '\n');
  return reportUnwritten(io, out, outArg!, matrixExit(rows));
}
