// Worker threads as a user gets them: `allocheck check ... --workers 1` against `--workers 2`,
// whole processes of the built CLI (dist/, whose thread entries are prebuilt), paired runs one
// after the other so both see the same load. The search time is the result's stats.seconds
// (from the start of the check to its verdict: the single-threaded start and the hand-over to
// the workers included, Node's start-up not). Prints one JSON object: the medians, the median
// of the paired ratios, and every run. bench/parallel.ts measures the same inside one process
// from the sources, where the workers' bundle is built by esbuild during the search.
// Run: node --import tsx bench/parallel-cli.ts dm-raid1 pages=12 ... [--policy P] [--property NAME]
//      [--no-symmetry] [--runs N] [--workers N]
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from '../scripts/build.mjs';
import { describeMachine, loadWarning, machineFacts } from './machine.js';
import { median } from './startup.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repoRoot, 'bin', 'allocheck.js');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '5' }, workers: { type: 'string', default: '2' }, policy: { type: 'string' }, property: { type: 'string', multiple: true }, 'no-symmetry': { type: 'boolean' } },
});
const [model = 'counter', ...assignments] = positionals;
const args = [
  'check', model, ...assignments.flatMap((a) => ['--param', a]),
  ...(values.policy ? ['--policy', values.policy] : []),
  ...(values.property ?? []).flatMap((p) => ['--property', p]),
  ...(values['no-symmetry'] ? ['--no-symmetry'] : []),
  '--json',
];

/** One check: its verdict, states and search seconds. */
function once(workers: string): { verdict: string; states: number; seconds: number } {
  const r = spawnSync(process.execPath, [bin, ...args, '--workers', workers], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`allocheck ${args.join(' ')} --workers ${workers} exited with ${r.status}: ${r.stderr.trim()}`);
  const result = JSON.parse(r.stdout) as { verdict: string; stats: { states: number; seconds: number } };
  return { verdict: result.verdict, states: result.stats.states, seconds: result.stats.seconds };
}

await build();
const before = machineFacts();
once('1'); // unmeasured: the file cache and the build warm
const runs = Number(values.runs);
const pairs = Array.from({ length: runs }, () => [once('1'), once(values.workers)] as const);
const verdicts = new Set(pairs.flatMap(([a, b]) => [`${a.verdict} ${a.states}`, `${b.verdict} ${b.states}`]));
if (verdicts.size !== 1) throw new Error(`the runs disagree: ${[...verdicts].join(', ')}`);
const round = (x: number): number => Number(x.toFixed(2));
console.log(JSON.stringify({
  command: `node --import tsx bench/parallel-cli.ts ${process.argv.slice(2).join(' ')}`,
  machine: describeMachine(before),
  load: loadWarning(before, machineFacts()) ?? 'quiet',
  result: [...verdicts][0],
  seconds: [round(median(pairs.map(([a]) => a.seconds))), round(median(pairs.map(([, b]) => b.seconds)))],
  speedup: round(median(pairs.map(([a, b]) => a.seconds / b.seconds))),
  runs: pairs.map(([a, b]) => `${a.seconds.toFixed(2)} s / ${b.seconds.toFixed(2)} s`),
}, null, 2));
