// Where two threads gain and lose against one over a search: the same check as the CLI runs it
// (a supervised search thread; with --workers 2 the other thread started beside it), one and two
// threads in turn, each in a fresh process (memory a process has freed and faulted in before is
// cheaper the second time, so runs in one process would not compare). From each run's progress
// (every level of the shared search; every few ms of the single-threaded one) it takes the
// seconds at which the search had stored given shares of its final state count, interpolated
// within a level, and prints per stretch between two such marks the median seconds of each and
// the speed-up there. Run: node --import tsx bench/parallel-timeline.ts dm-raid1 pages=12 ...
//      [--policy P] [--property NAME] [--no-symmetry] [--runs N] [--workers N]
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { loadDefinition, modelUrl } from '../src/cli/registry.js';
import { resolveParams } from '../src/core/params.js';
import type { Progress } from '../src/core/result.js';
import { checkSupervised } from '../src/parallel/supervise.js';
import { describeMachine, loadWarning, machineFacts } from './machine.js';
import { median } from './startup.js';
import { MARKS, secondsAt } from './timeline-marks.js';

/** One run: [seconds, states] after each report, in order; its verdict and final count. */
interface Run {
  readonly verdict: string;
  readonly states: number;
  readonly seconds: number;
  readonly points: readonly (readonly [number, number])[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '3' }, workers: { type: 'string', default: '2' }, policy: { type: 'string' }, property: { type: 'string', multiple: true }, 'no-symmetry': { type: 'boolean' }, child: { type: 'string' } },
});
const [name = 'counter', ...assignments] = positionals;

/** In a child process: one check with `workers` threads, its progress as JSON on stdout. */
async function child(workers: number): Promise<void> {
  const def = await loadDefinition(name, process.cwd());
  const params = resolveParams(def.params, Object.fromEntries(assignments.map((kv) => kv.split('=') as [string, string])));
  const args = def.policies ? [values.policy ?? 'none'] : [];
  const recipe = { module: modelUrl(name, process.cwd()).href, params, args };
  const model = def.build(params, ...(args as [string]));
  const points: [number, number][] = [];
  const onProgress = (p: Progress): void => void points.push([p.seconds, p.states]);
  const options = { workers, workersAtStart: workers > 1, symmetry: !values['no-symmetry'], progressIntervalMs: 2, onProgress, ...(values.property ? { properties: values.property } : {}) };
  const r = await checkSupervised(model, recipe, options);
  points.push([r.stats.seconds, r.stats.states]);
  console.log(JSON.stringify({ verdict: r.verdict, states: r.stats.states, seconds: r.stats.seconds, points } satisfies Run));
}

function run(workers: string): Run {
  const argv = ['--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2), '--child', workers];
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`the ${workers}-thread run failed: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout) as Run;
}

if (values.child !== undefined) {
  await child(Number(values.child));
} else {
  const before = machineFacts();
  const pairs = Array.from({ length: Number(values.runs) }, () => [run('1'), run(values.workers)] as const);
  const counts = new Set(pairs.flatMap(([a, b]) => [`${a.verdict} ${a.states}`, `${b.verdict} ${b.states}`]));
  if (counts.size !== 1) throw new Error(`the runs disagree: ${[...counts].join(', ')}`);
  const total = pairs[0]![0].states;
  const at = (r: Run): number[] => MARKS.map((m) => secondsAt(r.points, Math.ceil(m * total)));
  const one = MARKS.map((_, i) => median(pairs.map(([a]) => at(a)[i]!)));
  const two = MARKS.map((_, i) => median(pairs.map(([, b]) => at(b)[i]!)));
  const ms = (s: number): string => (s * 1000).toFixed(0).padStart(5);
  console.log(`${describeMachine(before)}; ${loadWarning(before, machineFacts()) ?? 'quiet'}; ${[...counts][0]}; medians of ${pairs.length} runs each`);
  console.log('states stored      1 thread ms   2 threads ms   stretch: 1 thread  2 threads  speed-up');
  MARKS.forEach((m, i) => {
    const [d1, d2] = [one[i]! - (one[i - 1] ?? 0), two[i]! - (two[i - 1] ?? 0)];
    console.log(`${`${(m * 100).toFixed(0)}% (${Math.ceil(m * total)})`.padEnd(18)} ${ms(one[i]!)}          ${ms(two[i]!)}          ${ms(d1)}     ${ms(d2)}     ${(d1 / d2).toFixed(2)}`);
  });
  console.log(`whole check (stats.seconds): ${median(pairs.map(([a]) => a.seconds)).toFixed(2)} s / ${median(pairs.map(([, b]) => b.seconds)).toFixed(2)} s`);
}
