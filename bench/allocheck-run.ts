// One allocheck measurement, run as its own process so that its peak RSS is its own.
// Usage: node --import tsx bench/allocheck-run.ts <model> [name=value ...] [--policy P --property NAME] [--table-slots N]
// (--table-slots: the visited table's initial capacity, check's tableCapacity; the bench gives the
// slots of SPIN's hash table, pan -wN, so that both tools start with a table of one size).
// Prints one line of JSON (see AllocheckRun in allocheck-row.ts) and exits 0, or prints the
// error and exits 1. Single-threaded. The counter is checked for every property; an allocation
// model under its policy for the one property given, without symmetry (the whole state space,
// as its Promela twin has it).
import { check } from '../src/core/check.js';
import { resolveParams } from '../src/core/params.js';
import type { ModelDefinition } from '../src/core/params.js';
import type { Action, Model } from '../src/core/model.js';
import counter from '../models/counter.js';
import bioMempool from '../models/bio-mempool.js';
import dmRaid1 from '../models/dm-raid1.js';

/** The models a bench case may name. Add a model here to bench it. */
const models: Readonly<Record<string, ModelDefinition<Model<unknown, Action>>>> = {
  counter: counter as ModelDefinition<Model<unknown, Action>>,
};
const scenarios = { 'dm-raid1': dmRaid1, 'bio-mempool': bioMempool } as const;

function parseArgs(args: readonly string[]): { assignments: Record<string, string>; policy?: string; property?: string; tableCapacity?: number } {
  const assignments: Record<string, string> = {};
  let policy: string | undefined;
  let property: string | undefined;
  let tableCapacity: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--policy') policy = args[++i];
    else if (arg === '--property') property = args[++i];
    else if (arg === '--table-slots') tableCapacity = Number(args[++i] ?? Number.NaN);
    else {
      const m = /^(\w+)=(.+)$/.exec(arg);
      if (!m) throw new Error(`expected name=value, --policy P or --property NAME, got '${arg}'`);
      assignments[m[1]!] = m[2]!;
    }
  }
  return { assignments, ...(policy === undefined ? {} : { policy }), ...(property === undefined ? {} : { property }), ...(tableCapacity === undefined ? {} : { tableCapacity }) };
}

function search(name: string, a: ReturnType<typeof parseArgs>) {
  const table = a.tableCapacity === undefined ? {} : { tableCapacity: a.tableCapacity };
  if (Object.hasOwn(scenarios, name)) {
    const s = scenarios[name as keyof typeof scenarios];
    const params = resolveParams(s.params, a.assignments);
    const properties = a.property === undefined ? {} : { properties: [a.property] };
    return { params, result: check(s.build(params, a.policy ?? 'none') as Model<unknown, Action>, { ...properties, ...table, symmetry: false }) };
  }
  const definition = models[name];
  if (!definition) throw new Error(`unknown model '${name}'; known: ${[...Object.keys(models), ...Object.keys(scenarios)].join(', ')}`);
  const params = resolveParams(definition.params, a.assignments);
  return { params, result: check(definition.build(params), table) };
}

function main(argv: readonly string[]): void {
  const [name = '', ...rest] = argv;
  const args = parseArgs(rest);
  const cpu = process.cpuUsage();
  const { params, result } = search(name, args);
  const used = process.cpuUsage(cpu);
  const s = result.stats;
  const out = {
    model: result.model,
    params,
    verdict: result.verdict,
    states: s.states,
    transitions: s.transitions,
    depth: s.depth,
    seconds: s.seconds,
    // CPU seconds of the process during the check (model building included): on a loaded
    // machine, less disturbed by other work than the wall clock.
    cpuSeconds: (used.user + used.system) / 1e6,
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
