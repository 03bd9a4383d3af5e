import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { CellLimits } from '../../api/cell.js';
import { buildCell } from '../../api/cell.js';
import { writeCheckOutput } from '../check-output.js';
import { EXIT, type Io } from '../io.js';
import { planMatrix } from '../matrix/plan.js';
import { matrixExit, runCells, type CellOutcome } from '../matrix/run.js';
import { formatTable, invalidLines, tally, type TableFormat } from '../matrix/table.js';
import { CHECK_OPTIONS, count, names, pairs, parseOptions, seconds } from '../options.js';
import { progressBar } from '../progress-bar.js';
import { rehydrate } from '../runner/rehydrate.js';
import { sourceFor } from '../trace-files.js';
import { inProcessRunner, workerPool } from '../runner/pool.js';
import { parseSweepArgs } from '../sweep-options.js';
import { UsageError } from '../usage-error.js';

export const MATRIX_HELP = `usage: allocheck matrix <model...> [options]
  <model...>             names from 'allocheck list' or paths to model files
  --policies P1,P2,...   policies to compare (default: every policy that applies to each model);
                         a path names a policy file of your own: none,mempool-only+./mine.ts
  --sweep name=lo..hi    a parameter over a range (repeatable); name=a,b,c for choices or lists;
                         a bare name sweeps its whole declared range
  --param k=v            fix a parameter for every cell (repeatable)
  --property NAME[,..]   check only these properties (repeatable; default: all of the model's)
  --max-states N, --max-depth N, --time-limit S   limits for each cell (a cell that hits one is incomplete)
  --por                  partial order reduction in each cell (see 'allocheck check --help')
  --jobs N               checks at once on worker threads (default: the cores; 0: no workers)
  --json | --markdown | --csv   the table's format (default: aligned text)
  --stable               leave out the seconds column (for output compared byte for byte)
  --out DIR              write each failing cell's counterexample files under DIR, and matrix.json
  --quiet                no progress bar
  A point the model rejects (e.g. a min watermark not below pages) is an 'invalid' cell with the
  model's reason; it is not checked and does not count toward the exit code.
exit codes: 0 every checked cell holds, 1 some cell is violated, 3 some is incomplete (none
  violated), 2 bad input (including a matrix whose every cell the model rejects)`;

const OPTIONS = {
  ...CHECK_OPTIONS,
  policies: { type: 'string' },
  sweep: { type: 'string', multiple: true },
  jobs: { type: 'string' },
  markdown: { type: 'boolean' },
  csv: { type: 'boolean' },
  stable: { type: 'boolean' },
  out: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseOptions<typeof OPTIONS>>['values'];

/** Per-cell limits from the shared options. */
export function cellLimits(values: Pick<Values, 'property' | 'max-states' | 'max-depth' | 'time-limit' | 'por'>): CellLimits {
  const properties = names(values.property);
  return {
    ...(properties ? { properties } : {}),
    maxStates: count('max-states', values['max-states'], 1),
    maxDepth: count('max-depth', values['max-depth']),
    timeLimitSeconds: seconds('time-limit', values['time-limit']),
    ...(values.por ? { por: true } : {}),
  };
}

function formatOf(values: Values): TableFormat {
  const chosen = (['json', 'markdown', 'csv'] as const).filter((f) => values[f]);
  if (chosen.length > 1) throw new UsageError(`choose one of --json, --markdown, --csv (got ${chosen.map((f) => `--${f}`).join(' and ')})`);
  return chosen[0] ?? 'text';
}

function cellDir(o: CellOutcome): string {
  const point = Object.entries(o.cell.swept).map(([k, v]) => `${k}=${v}`).join(',') || 'defaults';
  return join(o.cell.model, o.cell.policy ?? 'no-policy', point);
}

/** Writes each violated cell's files (through the same writer as `check --out`); returns the paths. */
async function writeFailures(dir: string, outcomes: readonly CellOutcome[], cwd: string): Promise<string[]> {
  const written: string[] = [];
  for (const o of outcomes) {
    if (!o.json || o.json.verdict !== 'violated') continue;
    const model = buildCell(o.cell.def, o.cell.policy, o.cell.params);
    const result = rehydrate(model, o.json);
    const sub = cellDir(o);
    const source = sourceFor(o.cell.source, cwd, join(dir, sub));
    const outcome = { result, model, def: o.cell.def, params: o.cell.params, policy: o.cell.policy, ...(source === undefined ? {} : { source }) };
    const files = await writeCheckOutput(join(dir, sub), outcome);
    written.push(...files.map((f) => join(sub, f)));
  }
  return written;
}

/** `allocheck matrix`: every model x policy x parameter point, one table. */
export async function matrixCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(argv, OPTIONS, 'matrix');
  if (values.help) {
    io.out(MATRIX_HELP + '\n');
    return EXIT.holds;
  }
  if (positionals.length === 0) throw new UsageError(`matrix needs at least one model; try 'allocheck list'`);
  const format = formatOf(values);
  const limits = cellLimits(values);
  const sweeps = parseSweepArgs('sweep', values.sweep);
  const cells = await planMatrix({ models: positionals, policies: names(values.policies ? [values.policies] : undefined), sweeps, base: pairs('param', values.param), cwd: io.cwd });
  const jobs = count('jobs', values.jobs) ?? availableParallelism();
  const runner = jobs === 0 ? inProcessRunner() : workerPool(Math.min(jobs, Math.max(1, cells.length)));
  const bar = progressBar(io, values.quiet ?? false, 'cells');
  let outcomes: CellOutcome[];
  try {
    outcomes = await runCells(cells, runner, limits, { signal: io.signal, onDone: (done, total) => bar.update(done, total) });
  } finally {
    bar.done();
    await runner.close();
  }
  const rows = outcomes.map((o) => o.row);
  io.out(formatTable(format, rows, sweeps.map((s) => s.name), values.stable ?? false));
  if (format === 'text') {
    io.out(`${tally(rows)}\n`);
    for (const line of invalidLines(rows)) io.out(`${line}\n`);
    for (const r of rows) if (r.verdict === 'error') io.out(`error in ${r.model} ${r.policy ?? ''}: ${r.note}\n`);
    if (io.signal.aborted) io.out('interrupted: the table is partial\n');
  }
  if (values.out) {
    const dir = resolve(io.cwd, values.out);
    const files = await writeFailures(dir, outcomes, io.cwd);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'matrix.json'), formatTable('json', rows, sweeps.map((s) => s.name), values.stable ?? false));
    if (format === 'text') io.out(`wrote ${join(values.out, 'matrix.json')} and ${files.length} counterexample file(s) under ${values.out}\n`);
  }
  return matrixExit(rows);
}
