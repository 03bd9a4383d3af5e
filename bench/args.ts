import { counterCase, quickCases, standardCases, type BenchCase } from './cases.js';

/** The bench run, resolved from the command line once. */
export interface BenchOptions {
  readonly cases: readonly BenchCase[];
  readonly markdown: boolean;
  /** pan's -m: the DFS depth bound. A search that reaches it is an error, never a result. */
  readonly depthLimit: number;
  readonly help: boolean;
  /** Rounds of paired runs (SPIN, then allocheck); the tables give medians. */
  readonly repeat: number;
  /** A smoke run: small cases, no liveness measurement. */
  readonly quick: boolean;
  /** Only the state-count checks and the SPIN comparison: no liveness or threads measurement. */
  readonly spinOnly: boolean;
}

export const usage = `usage: npm run bench -- [--quick] [--procs N --max N] [--markdown] [--repeat N] [--depth N]
  (no options)    the state counts of the Promela twins of dm-raid1 and bio-mempool at several settings,
                  then counter at procs=4 max=7 and procs=5 max=5 and dm-raid1 (5 dirtiers, 12 pages):
                  SPIN without POR, SPIN with POR, allocheck
  --quick         a smoke run on small spaces (counter procs=3 max=5, a small dm-raid1)
  --procs, --max  one counter case at this size (defaults 4 and 7 for the one not given)
  --markdown      print the table as Markdown, with the machine facts, for bench/RESULTS.md
  --repeat N      N rounds (default 1), each SPIN then allocheck; medians and the median paired ratio
  --depth N       SPIN's depth bound -m (default 10000000); reaching it is reported as an error
  --spin-only     skip the liveness and worker-thread measurements that follow the table`;

function wholeNumber(flag: string, raw: string | undefined, lo: number, hi: number): number {
  const value = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= lo && value <= hi)) throw new Error(`${flag} needs a whole number in ${lo}..${hi}, got '${raw ?? ''}'`);
  return value;
}

/**
 * Parses the bench's arguments; throws with a one-line message naming the bad argument.
 * @example parseBenchArgs(['--procs', '3', '--max', '2']).cases[0]?.name // 'counter procs=3 max=2'
 */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let procs: number | undefined;
  let max: number | undefined;
  let quick = false;
  let spinOnly = false;
  let markdown = false;
  let help = false;
  let depthLimit = 10_000_000;
  let repeat = 1;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') quick = true;
    else if (arg === '--spin-only') spinOnly = true;
    else if (arg === '--markdown') markdown = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--procs') procs = wholeNumber(arg, argv[++i], 1, 8);
    else if (arg === '--max') max = wholeNumber(arg, argv[++i], 1, 15);
    else if (arg === '--repeat') repeat = wholeNumber(arg, argv[++i], 1, 100);
    else if (arg === '--depth') depthLimit = wholeNumber(arg, argv[++i], 2, 2 ** 31 - 1);
    else throw new Error(`unknown argument '${arg}'; known: --quick, --procs N, --max N, --markdown, --repeat N, --depth N, --spin-only, --help`);
  }
  const sized = procs !== undefined || max !== undefined;
  if (sized && quick) throw new Error('--quick picks its own size; give either --quick or --procs/--max');
  const cases = sized ? [counterCase(procs ?? 4, max ?? 7)] : quick ? quickCases : standardCases;
  return { cases, markdown, depthLimit, help, repeat, quick, spinOnly };
}
