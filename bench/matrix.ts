// Matrix throughput: cells a second of `allocheck matrix` over sweeps of about 100 small cells
// (the default properties, liveness included), the whole process as a user runs it, with
// --jobs 1 and with the default jobs; the median of N runs, wall clock and CPU (GNU time), after
// one unmeasured run. With --against DIR (another checkout of allocheck, built), each run of
// DIR's allocheck is paired with one of this one, so the two saw the same load: the table then
// gives the median of the paired ratios, and the bench fails if the two tables (--stable --json)
// differ by a byte; with --compare cells, if they differ cell by cell in anything but state
// counts (an older build whose models have changed since: see matrix-pair.ts), and each sweep's
// states on both sides are reported. Either way, every run of one build must print the same table.
// Run: node --import tsx bench/matrix.ts [--runs N] [--against DIR [--compare bytes|cells]]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from '../scripts/build.mjs';
import { describeMachine, loadWarning, machineFacts } from './machine.js';
import { pairingLine, pairTables } from './matrix-pair.js';
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

/** How the two builds' tables must agree: byte for byte, or cell by cell but for state counts. */
export type TableComparison = 'bytes' | 'cells';

/** Where a paired measurement reports: `failures` fail the bench, `notes` are printed under the table. */
interface Findings {
  readonly compare: TableComparison;
  readonly failures: string[];
  readonly notes: string[];
}

/** Checks the tables of a paired measurement: each build's runs agree, and the builds agree as `compare` asks. */
function judgeTables(label: string, ours: readonly Run[], theirs: readonly Run[], against: string, f: Findings): void {
  for (const [side, runs] of [['this build', ours], [against, theirs]] as const) {
    if (runs.some((r) => r.table !== runs[0]!.table)) f.failures.push(`${label}: ${side} printed different tables in different runs`);
  }
  if (f.compare === 'bytes') {
    if (theirs[0]!.table !== ours[0]!.table) f.failures.push(`${label}: the table differs from ${against}'s (--compare cells pairs it cell by cell)`);
    return;
  }
  const pairing = pairTables(ours[0]!.table, theirs[0]!.table);
  for (const m of pairing.mismatches) f.failures.push(`${label}: ${m}`);
  f.notes.push(`${label}: ${pairingLine(pairing)}`);
}

/** The rows of one sweep at one setting of --jobs. */
function measure(sweep: MatrixSweep, jobs: readonly string[], runs: number, against: string | undefined, f: Findings): string {
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
  judgeTables(`${sweep.args[0]} --jobs ${jobs[1] ?? 'default'}`, ours, theirs, against, f);
  const ratio = (k: 'wall' | 'cpu') => median(ours.map((o, i) => theirs[i]![k] / o[k]));
  return `${row} ${f2(median(theirs.map((r) => r.wall)))} | ${f2(median(theirs.map((r) => r.cpu)))} | ${f2(ratio('wall'))}x | ${f2(ratio('cpu'))}x |`;
}

/**
 * Measures every sweep (or those of the models named in `only`) with --jobs 1 and the default
 * jobs; returns the table's lines, the pairing's notes and the failures.
 */
export async function matrixBench(runs = 5, against?: string, compare: TableComparison = 'bytes', only?: readonly string[]): Promise<{ lines: string[]; notes: string[]; failures: string[] }> {
  await build();
  const head = '| sweep | cells | jobs | median s | cells/s | median CPU s |';
  const lines = against
    ? [`${head} before: s | before: CPU s | speed-up, wall | speed-up, CPU |`, '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |']
    : [head, '| --- | ---: | ---: | ---: | ---: | ---: |'];
  const f: Findings = { compare, failures: [], notes: [] };
  const sweeps = only === undefined ? MATRIX_SWEEPS : MATRIX_SWEEPS.filter((sw) => only.includes(sw.args[0]!));
  if (sweeps.length === 0) throw new Error(`--sweep names no sweep; models: ${MATRIX_SWEEPS.map((sw) => sw.args[0]).join(', ')}`);
  for (const sweep of sweeps) for (const jobs of [['--jobs', '1'], []]) lines.push(measure(sweep, jobs, runs, against, f));
  return { lines, notes: f.notes, failures: f.failures };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, against: { type: 'string' }, compare: { type: 'string', default: 'bytes' }, sweep: { type: 'string', multiple: true } } });
  if (values.compare !== 'bytes' && values.compare !== 'cells') throw new Error(`--compare takes bytes or cells, not '${values.compare}'`);
  const before = machineFacts();
  const against = values.against === undefined ? undefined : resolve(values.against);
  const { lines, notes, failures } = await matrixBench(Number(values.runs), against, values.compare, values.sweep);
  process.stdout.write(`Machine: ${describeMachine(before)}\n\n${lines.join('\n')}\n${notes.map((l) => `\n${l}`).join('')}\n`);
  const busy = loadWarning(before, machineFacts());
  if (busy) process.stderr.write(`bench WARNING: ${busy}\n`);
  for (const f of failures) process.stderr.write(`bench FAILED: ${f}\n`);
  process.exitCode = failures.length ? 1 : 0;
}
