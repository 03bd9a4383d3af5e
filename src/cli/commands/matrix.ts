import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { CellLimits } from '../../api/cell.js';
import { EXIT, type Io } from '../io.js';
import { checkSomeValid, planMatrix, type MatrixPlan } from '../matrix/plan.js';
import { matrixExit, runCells, type CellOutcome } from '../matrix/run.js';
import { formatOf, tableReport } from '../matrix/table.js';
import { shardOf, shardFileName } from '../matrix/shard.js';
import { parseShard } from '../../core/simulate/shard.js';
import { cachedRunner, type CacheCounts } from '../runner/cache.js';
import { CHECK_OPTIONS, count, names, outPath, pairs, parseOptions, seconds } from '../options.js';
import { OutDir } from '../out-dir.js';
import { progressBar } from '../progress-bar.js';
import { IN_THREAD_MS } from '../runner/in-thread.js';
import { inProcessRunner, workerPool } from '../runner/pool.js';
import { checkNotFixed, parseSweepArgs } from '../sweep-options.js';
import { UsageError } from '../usage-error.js';

export const MATRIX_HELP = `usage: allocheck matrix <model...> [options]
       allocheck matrix --mechanisms [--json|--markdown] [--time-limit S]
  <model...>             names from 'allocheck list' or paths to model files
  --policies P1,P2,...   policies to compare (default: every policy that applies to each model);
                         a path names a policy file of your own: none,mempool-only+./mine.ts
  --sweep name=lo..hi    a parameter over a range (repeatable); name=a,b,c for choices or lists;
                         a bare name sweeps its whole declared range
  --param k=v            fix a parameter for every cell (repeatable)
  --property NAME[,..]   check only these properties (repeatable; default: all of the model's)
  --max-states N, --max-depth N, --time-limit S   limits for each cell (a cell that hits one is incomplete)
  --por                  partial order reduction in each cell (see 'allocheck check --help')
  --jobs N               checks at once on worker threads (default: the cores; 0: no workers);
                         small cells of shipped models run on the command's thread first
  --json | --markdown | --csv   the table's format (default: aligned text)
  --stable               leave out the seconds column (for output compared byte for byte)
  --out DIR              write each failing cell's counterexample files under DIR, and matrix.json
                         (DIR is tried first; the files the previous matrix.json lists are removed)
  --no-traces            with --out: write only the table (matrix.json or the shard file), not
                         each failing cell's counterexample files (faster for large sweeps)
  --shard i/n            check only the i-th of n deterministic, balanced slices of the cells;
                         with --out, write DIR/shard-i-of-n.json for 'allocheck merge'
  --cache DIR            reuse verdicts of cells whose inputs (allocheck's code, the model file,
                         policy, parameters, properties, limits) are unchanged; entries are
                         checksummed, and a damaged one is checked again
  --max-cells N          refuse a matrix of more than N cells (default 10000); the count, and a
                         lower bound of the time it takes, go to stderr before any cell runs
  --quiet                no progress bar
  --mechanisms           the kernel mechanisms table instead: each mechanism's scenario checked
                         without it and with it (safety properties; exit 0 unless a cell is
                         incomplete: a 'without it' cell is expected to fail)
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
  mechanisms: { type: 'boolean' },
  shard: { type: 'string' },
  cache: { type: 'string' },
  'no-traces': { type: 'boolean' },
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
  const properties = names('property', values.property);
  return {
    ...(properties ? { properties } : {}),
    maxStates: count('max-states', values['max-states'], 1),
    maxDepth: count('max-depth', values['max-depth']),
    timeLimitSeconds: seconds('time-limit', values['time-limit']),
    ...(values.por ? { por: true } : {}),
  };
}

/** `allocheck matrix --mechanisms`: the mechanisms table, each cell checked now. */
async function mechanismsCommand(values: Values, positionals: readonly string[], io: Io): Promise<number> {
  if (positionals.length > 0) throw new UsageError(`--mechanisms takes no model (got ${positionals.join(' ')}): its rows name their scenarios`);
  const ignored = (['policies', 'sweep', 'param', 'shard', 'cache', 'out'] as const).filter((k) => values[k] !== undefined);
  if (ignored.length > 0) throw new UsageError(`--mechanisms takes no ${ignored.map((k) => `--${k}`).join(', ')}: each row fixes its own settings`);
  const format = formatOf(values);
  if (format === 'csv') throw new UsageError('--mechanisms prints text, --markdown or --json, not --csv');
  // Its own modules, every shipped model among them, load only for --mechanisms.
  const { mechanismExit, mechanismLines, mechanismMarkdown } = await import('../matrix/mechanisms.js');
  const lines = await mechanismLines(cellLimits(values), io.signal);
  io.out(format === 'json' ? JSON.stringify({ mechanisms: lines }, null, 2) + '\n' : mechanismMarkdown(lines));
  return mechanismExit(lines);
}

/** `allocheck matrix`: every model x policy x parameter point, one table. */
export async function matrixCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(argv, OPTIONS, 'matrix');
  if (values.help) {
    io.out(MATRIX_HELP + '\n');
    return EXIT.holds;
  }
  if (values.mechanisms) return mechanismsCommand(values, positionals, io);
  if (positionals.length === 0) throw new UsageError(`matrix needs at least one model; try 'allocheck list'`);
  const format = formatOf(values);
  const limits = cellLimits(values);
  const sweeps = parseSweepArgs('sweep', values.sweep);
  const base = pairs('param', values.param);
  checkNotFixed('sweep', sweeps, base);
  const outArg = outPath('--out', values.out);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  const plan = await planMatrix({ models: positionals, policies: names('policies', values.policies ? [values.policies] : undefined), sweeps, base, cwd: io.cwd, ...(limits.properties ? { properties: limits.properties } : {}) });
  const jobs = count('jobs', values.jobs) ?? availableParallelism();
  const maxCells = count('max-cells', values['max-cells'], 1) ?? DEFAULT_MAX_CELLS;
  if (plan.total > maxCells) throw new UsageError(`${planLine(plan, jobs)}; that is more than --max-cells ${n(maxCells)}: sweep fewer values, or raise --max-cells`);
  if (!values.quiet && (io.errIsTTY || plan.total >= ANNOUNCE_CELLS)) io.err(`allocheck: ${planLine(plan, jobs)}\n`);
  const cells = shard ? () => shardOf(plan.cells(), shard) : () => plan.cells();
  const total = shard ? [...cells()].length : plan.total;
  let done = 0;
  const pool = jobs === 0 ? inProcessRunner() : workerPool(Math.min(jobs, Math.max(1, plan.applicable)), { ...(io.stop ? { stop: io.stop } : {}), backlog: () => total - done, inThreadMs: IN_THREAD_MS });
  const cache = values.cache === undefined ? undefined : resolve(io.cwd, outPath('--cache', values.cache)!);
  const cacheCounts: CacheCounts = { hits: 0, misses: 0, damaged: 0 };
  const runner = cache === undefined ? pool : cachedRunner(pool, cache, cacheCounts);
  // After the plan is checked (bad input leaves the last run's files alone), before any cell runs.
  const out = outArg === undefined ? undefined : OutDir.prepare(resolve(io.cwd, outArg), outArg, '--out', shard ? shardFileName(shard) : 'matrix.json');
  const bar = progressBar(io, values.quiet ?? false, 'cells');
  let outcomes: CellOutcome[];
  try {
    const hooks = { signal: io.signal, total, window: 2 * Math.max(1, jobs), onDone: (d: number, all: number) => bar.update((done = d), all) };
    // The table shows each cell's first violated property only: without --out (which writes
    // every violation's counterexample) and --cache (which keeps whole results), nothing after
    // it is decided.
    const wanted = out === undefined && cache === undefined ? { ...limits, firstViolationOnly: true } : limits;
    outcomes = await runCells(cells(), runner, wanted, hooks);
  } finally {
    bar.done();
    await runner.close();
  }
  // A shard may hold only points the model rejects; the whole plan is judged by the unsharded run.
  if (shard === undefined) checkSomeValid(outcomes.map((o) => o.cell));
  const rows = outcomes.map((o) => o.row);
  const swept = sweeps.map((s) => s.name);
  const notRun = rows.filter((r) => r.verdict === 'not run').length + total - rows.length;
  const interrupted = io.signal.aborted ? `interrupted: the table is partial; ${n(notRun)} of ${n(total)} cells not run` : undefined;
  io.out(tableReport(format, rows, swept, values.stable ?? false, interrupted));
  if (cache !== undefined && format === 'text') io.out(`cache: ${cacheCounts.hits} of ${cacheCounts.hits + cacheCounts.misses} checked cells from ${values.cache}${cacheCounts.damaged ? `; ${cacheCounts.damaged} damaged entries ignored and checked again` : ''}\n`);
  const code = io.signal.aborted && matrixExit(rows) === EXIT.holds ? EXIT.incomplete : matrixExit(rows);
  if (out === undefined) return code;
  // The writers (traces, diagrams) load only for --out.
  const { writeMatrixOut } = await import('../matrix/write-out.js');
  return writeMatrixOut({ io, out, shown: outArg!, outcomes, code, traces: !values['no-traces'], shard, table: { plan, limits, swept, stable: values.stable ?? false, format } });
}
