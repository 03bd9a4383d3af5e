import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { CellLimits } from '../../api/cell.js';
import { buildCell } from '../../api/cell.js';
import { writeCheckOutput } from '../check-output.js';
import { EXIT, type Io } from '../io.js';
import { checkSomeValid, planMatrix, type MatrixPlan } from '../matrix/plan.js';
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
  --policies P1,P2,...   policies to compare (default: every policy that applies to each model)
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
  --max-cells N          refuse a matrix of more than N cells (default 10000); the count, and a
                         lower bound of the time it takes, go to stderr before any cell runs
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
  'max-cells': { type: 'string' },
} as const;

/** More cells than this is refused unless --max-cells says otherwise: a typo'd sweep, not a plan. */
const DEFAULT_MAX_CELLS = 10_000;
/** From this many cells on, the count and the estimate go to stderr even when it is not a terminal. */
const ANNOUNCE_CELLS = 100;
/** The least a check takes (the smallest cells, on a worker that has loaded its model): the estimate is a lower bound. */
const LEAST_SECONDS_A_CELL = 0.02;

const n = (x: number): string => x.toLocaleString('en-US');

function duration(seconds: number): string {
  return seconds < 120 ? `${Math.ceil(seconds)} s` : seconds < 7200 ? `${Math.round(seconds / 60)} min` : `${(seconds / 3600).toFixed(1)} h`;
}

/** "2,419,200 cells (2,419,200 to check); at 0.02 s or more a cell on 2 jobs: at least 6.7 h" */
function planLine(plan: MatrixPlan, jobs: number): string {
  const least = (plan.applicable * LEAST_SECONDS_A_CELL) / Math.max(1, jobs);
  return `${n(plan.total)} cells (${n(plan.applicable)} to check); at ${LEAST_SECONDS_A_CELL} s or more a cell on ${Math.max(1, jobs)} job(s): at least ${duration(least)}`;
}

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
  const plan = await planMatrix({ models: positionals, policies: names(values.policies ? [values.policies] : undefined), sweeps, base: pairs('param', values.param), cwd: io.cwd });
  const jobs = count('jobs', values.jobs) ?? availableParallelism();
  const maxCells = count('max-cells', values['max-cells'], 1) ?? DEFAULT_MAX_CELLS;
  if (plan.total > maxCells) throw new UsageError(`${planLine(plan, jobs)}; that is more than --max-cells ${n(maxCells)}: sweep fewer values, or raise --max-cells`);
  if (!values.quiet && (io.errIsTTY || plan.total >= ANNOUNCE_CELLS)) io.err(`allocheck: ${planLine(plan, jobs)}\n`);
  const runner = jobs === 0 ? inProcessRunner() : workerPool(Math.min(jobs, Math.max(1, plan.applicable)));
  const bar = progressBar(io, values.quiet ?? false, 'cells');
  let outcomes: CellOutcome[];
  try {
    const hooks = { signal: io.signal, total: plan.total, window: 2 * Math.max(1, jobs), onDone: (done: number, total: number) => bar.update(done, total) };
    outcomes = await runCells(plan.cells(), runner, limits, hooks);
  } finally {
    bar.done();
    await runner.close();
  }
  checkSomeValid(outcomes.map((o) => o.cell));
  const rows = outcomes.map((o) => o.row);
  io.out(formatTable(format, rows, sweeps.map((s) => s.name), values.stable ?? false));
  if (format === 'text') {
    io.out(`${tally(rows)}\n`);
    for (const line of invalidLines(rows)) io.out(`${line}\n`);
    for (const r of rows) if (r.verdict === 'error') io.out(`error in ${r.model} ${r.policy ?? ''}: ${r.note}\n`);
    if (io.signal.aborted) io.out(`interrupted: the table is partial; ${n(plan.total - rows.filter((r) => r.verdict !== 'not run').length)} of ${n(plan.total)} cells not run\n`);
  }
  if (values.out) {
    const dir = resolve(io.cwd, values.out);
    const files = await writeFailures(dir, outcomes, io.cwd);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'matrix.json'), formatTable('json', rows, sweeps.map((s) => s.name), values.stable ?? false));
    if (format === 'text') io.out(`wrote ${join(values.out, 'matrix.json')} and ${files.length} counterexample file(s) under ${values.out}\n`);
  }
  const code = matrixExit(rows);
  return io.signal.aborted && code === EXIT.holds ? EXIT.incomplete : code;
}
