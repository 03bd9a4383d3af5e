// npm run bench: allocheck against SPIN on identical state spaces (see bench/RESULTS.md).
// Prints a table; exits 1 if a tool is missing, a search was truncated or failed, or the state
// counts of allocheck and SPIN without POR differ.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allocheckRow } from './allocheck-row.js';
import { parseBenchArgs, usage } from './args.js';
import { describeMachine, loadWarning, machineFacts } from './machine.js';
import { buildPan, type PanBuild } from './spin-row.js';
import type { BenchCase } from './cases.js';
import { twinCase } from './cases.js';
import { twinCounts } from './twin-check.js';
import { twinChecks } from './twins.js';
import { markdownTable, stateCountMismatches, textTable, type Row } from './table.js';
import { startupBench } from './startup.js';
import { matrixBench } from './matrix.js';
import { missingSpinTools } from './tools.js';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(benchDir, '..');

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

function attempt(failures: string[], f: () => Row[]): Row[] {
  try {
    return f();
  } catch (e) {
    failures.push(e instanceof Error ? e.message : String(e));
    return [];
  }
}

/**
 * `repeat` rounds of one case: SPIN without POR, then allocheck, one after the other, so each
 * pair saw the same load; SPIN with POR once, in the first round.
 */
function pairedRuns(bench: BenchCase, repeat: number, depthLimit: number, spin: boolean, failures: string[]): Row[] {
  const { promela } = bench;
  const runs: Row[] = [];
  let pan: PanBuild | undefined;
  if (promela && spin) {
    say(`${bench.name}: building pan...`);
    attempt(failures, () => ((pan = buildPan({ ...bench, promela }, benchDir, depthLimit, ['spin-noreduce', 'spin-por'])), []));
  }
  try {
    for (let round = 1; round <= repeat; round++) {
      const of = repeat > 1 ? ` (round ${round} of ${repeat})` : '';
      const built = pan;
      if (built) {
        say(`${bench.name}: SPIN${round === 1 ? ' without and with POR' : ''}${of}...`);
        const tools = round === 1 ? (['spin-noreduce', 'spin-por'] as const) : (['spin-noreduce'] as const);
        runs.push(...attempt(failures, () => tools.map((tool) => ({ ...built.row(tool), round }))));
      }
      say(`${bench.name}: allocheck${of}...`);
      runs.push(...attempt(failures, () => [{ ...allocheckRow(bench, repoRoot), round }]));
    }
  } finally {
    (pan as PanBuild | undefined)?.close();
  }
  return runs;
}

async function main(): Promise<number> {
  let options;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (e) {
    say(`bench: ${e instanceof Error ? e.message : String(e)}\n${usage}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const before = machineFacts();
  const failures: string[] = [];
  const missing = missingSpinTools();
  if (missing) failures.push(missing);
  if (!missing) {
    // The twins must have allocheck's state spaces before any timing means anything.
    for (const t of options.quick ? twinChecks.slice(0, 3) : twinChecks.filter((t) => !options.cases.some((c) => c.name === twinCase(t).name))) {
      say(`state counts: ${twinCase(t).name}...`);
      attempt(failures, () => {
        const c = twinCounts(t, benchDir, options.depthLimit);
        if (c.spin !== c.allocheck) failures.push(`${c.name}: allocheck found ${c.allocheck} states, its Promela twin ${c.spin}: one of them is wrong`);
        return [];
      });
    }
  }
  const runs: Row[] = [];
  for (const bench of options.cases) runs.push(...pairedRuns(bench, options.repeat, options.depthLimit, missing === undefined, failures));
  failures.push(...stateCountMismatches(runs));
  const machine = describeMachine(before);
  const busy = loadWarning(before, machineFacts());
  const table = options.markdown ? markdownTable(runs) : textTable(runs);
  process.stdout.write(options.markdown ? `Machine: ${machine}\n\n${table}\n` : `${machine}\n${table}\n`);
  if (!options.quick && !options.spinOnly) {
    // The liveness check's cost against the safety check of the same model (floor: 3x).
    say('liveness against safety on counter procs=4 max=5...');
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(benchDir, 'liveness.ts'), '4', '5', '5'], { cwd: repoRoot, encoding: 'utf8' });
    process.stdout.write(`\n${out}`);
    // Two threads against one on the same search (floor: 1.5x), on the counter and on the
    // largest allocation model within its declared ranges, as the built CLI runs them.
    for (const args of [PARALLEL_COUNTER, PARALLEL_ALLOC]) {
      say(`2 threads against 1 on ${args.slice(0, 3).join(' ')}...`);
      const par = execFileSync(process.execPath, ['--import', 'tsx', join(benchDir, 'parallel-cli.ts'), ...args, '--workers', '2', '--runs', '3'], { cwd: repoRoot, encoding: 'utf8' });
      process.stdout.write(`\n${par}`);
    }
    // Start-up of the whole process, as a user runs the command (floors: 0.3 s and 0.6 s).
    say('start-up: allocheck list and check dm-raid1, median of 5...');
    const startup = await startupBench();
    process.stdout.write(`\nStart-up (whole process, median of 5):\n\n${startup.lines.join('\n')}\n`);
    failures.push(...startup.failures);
    say('matrix throughput: three sweeps of about 100 small cells, median of 5...');
    const matrix = await matrixBench();
    process.stdout.write(`\nMatrix throughput (whole process, median of 5; bench/matrix.ts --against DIR compares with another checkout):\n\n${matrix.lines.join('\n')}\n`);
    failures.push(...matrix.failures);
  }
  if (busy) say(`bench WARNING: ${busy}`);
  for (const f of failures) say(`bench FAILED: ${f}`);
  return failures.length > 0 ? 1 : 0;
}

const PARALLEL_COUNTER = ['counter', 'procs=5', 'max=5'];
const PARALLEL_ALLOC = ['dm-raid1', 'pages=12', 'queue=3', 'background=yes', 'dirtiers=5', 'pool=4', 'legs=3', '--policy', 'memalloc-inheritance', '--property', 'pages-conserved', '--no-symmetry'];

process.exitCode = await main();
