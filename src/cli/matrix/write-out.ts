/**
 * `matrix --out DIR`: each violated cell's counterexample files (through the same writer as
 * `check --out`), then matrix.json or, for a shard, its shard file. Loaded only with --out: the
 * writers pull in the renderers, which a matrix printing its table alone never needs.
 */
import { join } from 'node:path';
import { buildCell, type CellLimits } from '../../api/cell.js';
import type { PolicyFileRecord } from '../../render/trace.js';
import type { Shard } from '../../core/simulate/shard.js';
import { writeCheckOutput } from '../check-output.js';
import { reportUnwritten } from '../commands/check.js';
import type { Io } from '../io.js';
import type { OutDir } from '../out-dir.js';
import { loadPolicyFiles, policyFileRecords } from '../policy-files.js';
import { rehydrate } from '../runner/rehydrate.js';
import { sourceFor } from '../trace-files.js';
import type { MatrixPlan } from './plan.js';
import type { CellOutcome } from './run.js';
import { planHash, shardFileName, SHARD_FORMAT, SHARD_FORMAT_VERSION, type ShardFile } from './shard.js';
import { formatTable, type TableFormat } from './table.js';

function cellDir(o: CellOutcome): string {
  const point = Object.entries(o.cell.swept).map(([k, v]) => `${k}=${v}`).join(',') || 'defaults';
  return join(o.cell.model, o.cell.policy ?? 'no-policy', point);
}

/** The policy files of the user's own that a cell's policy names, as its traces record them. */
async function cellPolicyFiles(o: CellOutcome, dir: string): Promise<PolicyFileRecord[]> {
  const policies = await loadPolicyFiles(o.cell.policyFiles);
  const named = new Set(o.cell.policy?.split('+') ?? []);
  const used = o.cell.policyFiles.map((file, i) => ({ file, policy: policies[i]! })).filter((u) => named.has(u.policy.name));
  return policyFileRecords(used.map((u) => u.file), used.map((u) => u.policy), dir);
}

/** Writes each violated cell's files. */
async function writeFailures(out: OutDir, outcomes: readonly CellOutcome[], cwd: string): Promise<void> {
  for (const o of outcomes) {
    if (!o.json || o.json.verdict !== 'violated') continue;
    const model = buildCell(o.cell.def, o.cell.policy, o.cell.params);
    const result = rehydrate(model, o.json);
    const sub = cellDir(o);
    const source = sourceFor(o.cell.source, cwd, join(out.dir, sub));
    const policyFiles = await cellPolicyFiles(o, join(out.dir, sub));
    const outcome = { result, model, def: o.cell.def, params: o.cell.params, policy: o.cell.policy, ...(source === undefined ? {} : { source }), policyFiles };
    await writeCheckOutput(out, sub.split('\\').join('/'), outcome);
  }
}

export interface MatrixOut {
  readonly io: Io;
  readonly out: OutDir;
  /** --out as the user wrote it, for messages. */
  readonly shown: string;
  readonly outcomes: readonly CellOutcome[];
  /** The matrix's exit code so far. */
  readonly code: number;
  /** Write the counterexample files (not --no-traces). */
  readonly traces: boolean;
  readonly shard: Shard | undefined;
  readonly table: { readonly plan: MatrixPlan; readonly limits: CellLimits; readonly swept: readonly string[]; readonly stable: boolean; readonly format: TableFormat };
}

/**
 * Writes a finished matrix's files under --out; returns the exit code (a file that could not be
 * written is one line on stderr, see reportUnwritten).
 */
export async function writeMatrixOut(m: MatrixOut): Promise<number> {
  const { io, out, shown, outcomes, shard } = m;
  const { plan, limits, swept, stable, format } = m.table;
  if (m.traces) await writeFailures(out, outcomes, io.cwd);
  const rows = outcomes.map((o) => o.row);
  if (shard !== undefined) {
    const file: ShardFile = { format: SHARD_FORMAT, formatVersion: SHARD_FORMAT_VERSION, plan: planHash(plan.cells(), limits, swept), shard, cells: plan.total, swept, rows: outcomes.map((o) => ({ index: o.cell.index, ...o.row })) };
    out.write(shardFileName(shard), JSON.stringify({ ...file, runId: out.runId, files: [shardFileName(shard), ...out.written] }, null, 2) + '\n');
    if (format === 'text') io.out(`wrote ${join(shown, shardFileName(shard))}: shard ${shard.index}/${shard.count}, ${rows.length} of ${plan.total} cells; 'allocheck merge ${shown}' puts the shards together\n`);
    return reportUnwritten(io, out, shown, m.code);
  }
  const table = JSON.parse(formatTable('json', rows, swept, stable)) as object;
  const files = ['matrix.json', ...out.written];
  out.write('matrix.json', JSON.stringify({ ...table, runId: out.runId, files }, null, 2) + '\n');
  if (format === 'text') io.out(`wrote ${join(shown, 'matrix.json')} and ${files.length - 1} counterexample file(s) under ${shown}\n`);
  return reportUnwritten(io, out, shown, m.code);
}
