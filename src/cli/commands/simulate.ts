import { resolve, join } from 'node:path';
import { resolveParams } from '../../core/params.js';
import { parseShard } from '../../core/simulate/shard.js';
import { simulateAsync, type SimulateResult } from '../../core/simulate/simulate.js';
import type { Action } from '../../core/model.js';
import { EXIT, type Io } from '../io.js';
import { CHECK_OPTIONS, count, names, outPath, pairs, parseOptions, seconds } from '../options.js';
import { OutDir } from '../out-dir.js';
import { loadDefinition } from '../registry.js';
import { simulateJson, simulateText } from '../simulate-output.js';
import { sourceFor, storyFor, tracesOf, writeAllTraces } from '../trace-files.js';
import { UsageError } from '../usage-error.js';
import { buildModel, reportUnwritten } from './check.js';

export const SIMULATE_HELP = `usage: allocheck simulate <model> [options]
  Random walks for state spaces beyond exhaustive reach: finds safety violations (deadlock,
  oom, invariants), shortens and replays them; never proves anything (verdict violated or
  no-violation-found, exit 1 or 3).
  <model>                a name from 'allocheck list' or a path to a model file
  --policy P             policy, or several joined by '+' (allocation models)
  --param k=v            set a model parameter (repeatable)
  --property NAME[,..]   look only for these safety properties (default: all of them)
  --walks N              random walks in the whole run, all shards together (default 1000)
  --depth N              the deepest a walk goes; each walk draws its bound between N/4 and N
                         (default 1000)
  --seed N               the run's seed (default 1): the same seed, walks and depth give the
                         same walks, on any machine
  --shard i/n            run only walks i-1, i-1+n, ... of the run (1 <= i <= n)
  --shorten N            states the breadth-first search that shortens a found path may visit
                         (default 200000; 0 only cuts the walk's cycles)
  --time-limit S         stop after S seconds
  --json                 print one JSON object
  --out DIR              write simulate.json (and the counterexample files) to DIR
  --quiet                no progress line
exit codes: 1 violated, 2 bad input, 3 no violation found (nothing is proven)`;

const OPTIONS = {
  ...CHECK_OPTIONS,
  policy: { type: 'string' },
  walks: { type: 'string' },
  depth: { type: 'string' },
  seed: { type: 'string' },
  shard: { type: 'string' },
  shorten: { type: 'string' },
  out: { type: 'string' },
} as const;

/** `allocheck simulate`: random walks over one model under one policy. */
export async function simulateCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(argv, OPTIONS, 'simulate');
  if (values.help) {
    io.out(SIMULATE_HELP + '\n');
    return EXIT.holds;
  }
  const [name, ...extra] = positionals;
  if (name === undefined) throw new UsageError(`simulate needs a model; try 'allocheck list'`);
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'; give one model (use --param k=v for parameters)`);
  for (const unsupported of ['max-states', 'max-depth', 'por'] as const) {
    if (values[unsupported] !== undefined) throw new UsageError(`simulate takes no --${unsupported}; bound the walks with --walks, --depth and --time-limit`);
  }
  const def = await loadDefinition(name, io.cwd);
  const params = resolveParams(def.params, pairs('param', values.param));
  const policy = values.policy ?? (def.policies ? 'none' : undefined);
  const { model } = buildModel(def, params, policy, {});
  const selected = names('property', values.property);
  const outArg = outPath('--out', values.out);
  const out = outArg === undefined ? undefined : OutDir.prepare(resolve(io.cwd, outArg), outArg, '--out', 'simulate.json');
  const quiet = (values.quiet ?? false) || !io.errIsTTY;
  const result = await simulateAsync(model, {
    ...(selected ? { properties: selected } : {}),
    walks: count('walks', values.walks, 1),
    maxDepth: count('depth', values.depth, 1),
    seed: count('seed', values.seed),
    ...(values.shard !== undefined ? { shard: parseShard(values.shard) } : {}),
    shortenStates: count('shorten', values.shorten),
    timeLimitSeconds: seconds('time-limit', values['time-limit']),
    signal: io.signal,
    ...(quiet ? {} : { onProgress: (p) => io.err(`\r${p.walks} walks, ${p.steps} steps, ${p.distinctStates} distinct states, ${p.seconds.toFixed(0)} s   `) }),
  });
  if (!quiet) io.err('\r\x1b[K');
  const traces = tracesOf(model, result, def, sourceFor(name, io.cwd, outArg));
  const json = simulateJson(result, policy, params);
  io.out(values.json ? JSON.stringify(json, null, 2) + '\n' : simulateText(result, policy, params, storyFor(traces)));
  if (out === undefined) return exitOf(result);
  await writeAllTraces(out, '', traces, model);
  out.write('simulate.json', JSON.stringify({ ...json, runId: out.runId, files: ['simulate.json', ...out.written] }, null, 2) + '\n');
  if (!values.json) io.out(`wrote ${out.written.map((f) => join(outArg!, f)).join(', ')}\n`);
  return reportUnwritten(io, out, outArg!, exitOf(result));
  return exitOf(result);
}

function exitOf(result: SimulateResult<unknown, Action>): number {
  return result.verdict === 'violated' ? EXIT.violated : EXIT.incomplete;
}
