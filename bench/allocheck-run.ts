// One allocheck measurement, run as its own process so that its peak RSS is its own.
// Usage: node --import tsx bench/allocheck-run.ts <model> [name=value ...]
// Prints one line of JSON (see AllocheckRun in allocheck-row.ts) and exits 0, or prints the
// error and exits 1. It checks every property of the model, single-threaded, with defaults.
import { check } from '../src/core/check.js';
import { resolveParams } from '../src/core/params.js';
import type { ModelDefinition } from '../src/core/params.js';
import type { Action, Model } from '../src/core/model.js';
import counter from '../models/counter.js';

/** The models a bench case may name. Add a model here to bench it. */
const models: Readonly<Record<string, ModelDefinition<Model<unknown, Action>>>> = {
  counter: counter as ModelDefinition<Model<unknown, Action>>,
};

function parseAssignments(args: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const arg of args) {
    const m = /^(\w+)=(.+)$/.exec(arg);
    if (!m) throw new Error(`expected name=value, got '${arg}'`);
    out[m[1]!] = m[2]!;
  }
  return out;
}

function main(argv: readonly string[]): void {
  const [name, ...rest] = argv;
  const definition = name === undefined ? undefined : models[name];
  if (!definition) throw new Error(`unknown model '${name ?? ''}'; known: ${Object.keys(models).join(', ')}`);
  const params = resolveParams(definition.params, parseAssignments(rest));
  const result = check(definition.build(params));
  const s = result.stats;
  const out = {
    model: result.model,
    params,
    verdict: result.verdict,
    states: s.states,
    transitions: s.transitions,
    depth: s.depth,
    seconds: s.seconds,
    statesPerSecond: s.statesPerSecond,
    bytesPerState: s.bytesPerState,
    maxRssKiB: process.resourceUsage().maxRSS,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

try {
  main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`allocheck-run: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
