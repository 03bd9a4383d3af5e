// Matrix throughput: cells a second of `allocheck matrix` over sweeps of about 100 small cells
// (the default properties, liveness included), the whole process as a user runs it, with
// --jobs 1 and with the default jobs; the median of N runs, wall clock and CPU (GNU time), after
// one unmeasured run. With --against DIR (another checkout of allocheck, built), each run of
// DIR's allocheck is paired with one of this one, so the two saw the same load: the table then
// gives the median of the paired ratios, and the bench fails if the two tables (--stable --json)
// differ by a byte. Run: node --import tsx bench/matrix.ts [--runs N] [--against DIR]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from '../scripts/build.mjs';
import { describeMachine, loadWarning, machineFacts } from './machine.js';
import { median } from './startup.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface MatrixSweep {
  readonly name: string;
  readonly args: readonly string[];
}

/** Small models, two or more policies, default properties: the matrix's per-cell cost dominates. */
export const MATRIX_SWEEPS: readonly MatrixSweep[] = [
  { name: 'dm-raid1, 5 policies x pages 5..9 x dirtiers 1..2 x legs 1..2', args: ['dm-raid1', '--policies', 'none,mempool-only,memalloc-inheritance,dirty-limit,io-flusher', '--sweep', 'pages=5..9', '--sweep', 'dirtiers=1..2', '--sweep', 'legs=1..2'] },
  { name: 'bio-mempool, 3 policies x pages 6..8 x min 1..3 x pool 1..2 x dirtiers 1..2', args: ['bio-mempool', '--policies', 'none,mempool-only,dirty-limit', '--sweep', 'pages=6..8', '--sweep', 'min=1..3', '--sweep', 'pool=1..2', '--sweep', 'dirtiers=1..2'] },
  { name: 'nfs-ack, 4 policies x pages 6..9 x dirtiers 1..2 x traffic 0..2', args: ['nfs-ack', '--policies', 'none,network-reserve,dirty-limit,reclaim-throttle', '--sweep', 'pages=6..9', '--sweep', 'dirtiers=1..2', '--sweep', 'traffic=0..2'] },
];

const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

interface Run {
  readonly wall: number;
  readonly cpu: number;
  readonly table: string;
}

/** One whole `allocheck matrix` process of the checkout at `root`. */
function matrixRun(root: string, sweep: MatrixSweep, jobs: readonly string[]): Run {
  const args = [join(root, 'bin', 'allocheck.js'), 'matrix', ...sweep.args, ...jobs, '--stable', '--json', '--quiet'];
  const [cmd, argv] = gnuTime ? [gnuTime, ['-f', 'cpu %U %S', process.execPath, ...args]] : [process.execPath, args];
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  // Exit 1: some cell is violated, as most sweeps have.
  if (r.status !== 0 && r.status !== 1) throw new Error(`matrix ${sweep.args[0]} in ${root} exited with ${r.status}: ${r.stderr.trim()}`);
  const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : NaN, table: r.stdout };
}

const f2 = (x: number): string => (Number.isNaN(x) ? '-' : x.toFixed(2));

/** The rows of one sweep at one setting of --jobs; `failures` gets tables that differ. */
function measure(sweep: MatrixSweep, jobs: readonly string[], runs: number, against: string | undefined, failures: string[]): string {
  matrixRun(repoRoot, sweep, jobs);
  if (against) matrixRun(against, sweep, jobs);
  const ours: Run[] = [];
  const theirs: Run[] = [];
  for (let i = 0; i < runs; i++) {
    if (against) theirs.push(matrixRun(against, sweep, jobs));
    ours.push(matrixRun(repoRoot, sweep, jobs));
  }
  const cells = (JSON.parse(ours[0]!.table) as { cells: unknown[] }).cells.length;
  const wall = median(ours.map((r) => r.wall));
  const row = `| ${sweep.name} | ${cells} | ${jobs[1] ?? 'default'} | ${f2(wall)} | ${(cells / wall).toFixed(0)} | ${f2(median(ours.map((r) => r.cpu)))} |`;
  if (!against) return row;
  if (theirs.some((t) => t.table !== ours[0]!.table)) failures.push(`${sweep.args[0]} --jobs ${jobs[1] ?? 'default'}: the table differs from ${against}'s`);
  const ratio = (k: 'wall' | 'cpu') => median(ours.map((o, i) => theirs[i]![k] / o[k]));
  return `${row} ${f2(median(theirs.map((r) => r.wall)))} | ${f2(median(theirs.map((r) => r.cpu)))} | ${f2(ratio('wall'))}x | ${f2(ratio('cpu'))}x |`;
}

/** Measures every sweep with --jobs 1 and the default jobs; returns the table's lines and the failures. */
export async function matrixBench(runs = 5, against?: string): Promise<{ lines: string[]; failures: string[] }> {
  await build();
  const head = '| sweep | cells | jobs | median s | cells/s | median CPU s |';
  const lines = against
    ? [`${head} before: s | before: CPU s | speed-up, wall | speed-up, CPU |`, '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |']
    : [head, '| --- | ---: | ---: | ---: | ---: | ---: |'];
  const failures: string[] = [];
  for (const sweep of MATRIX_SWEEPS) for (const jobs of [['--jobs', '1'], []]) lines.push(measure(sweep, jobs, runs, against, failures));
  return { lines, failures };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, against: { type: 'string' } } });
  const before = machineFacts();
  const against = values.against === undefined ? undefined : resolve(values.against);
  const { lines, failures } = await matrixBench(Number(values.runs), against);
  process.stdout.write(`Machine: ${describeMachine(before)}\n\n${lines.join('\n')}\n`);
  const busy = loadWarning(before, machineFacts());
  if (busy) process.stderr.write(`bench WARNING: ${busy}\n`);
  for (const f of failures) process.stderr.write(`bench FAILED: ${f}\n`);
  process.exitCode = failures.length ? 1 : 0;
}
