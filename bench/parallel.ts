// Worker threads, measured: the same exhaustive search with 1 and with N workers, states/s and
// state counts. Run: node --import tsx bench/parallel.ts counter procs=5 max=5 [--workers 2]
//                    node --import tsx bench/parallel.ts dm-raid1 pages=12 ... [--policy P]
// Workers run an esbuild bundle of the model (src/parallel/worker-bundle.ts). The best of
// --repeat runs (default 1) is kept.
// --probe S: seconds one thread searches before the workers start (the CLI's default, 0.25,
// unless given); the search is then handed to them as it stands.
import { parseArgs } from 'node:util';
import { checkAsync } from '../src/core/check.js';
import { checkParallel } from '../src/parallel/check-parallel.js';
import { loadDefinition, modelUrl } from '../src/cli/registry.js';
import { resolveParams } from '../src/core/params.js';
import type { Action } from '../src/core/model.js';
import type { CheckResult } from '../src/core/result.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { workers: { type: 'string', default: '2' }, probe: { type: 'string' }, policy: { type: 'string' }, property: { type: 'string', multiple: true }, repeat: { type: 'string', default: '1' }, 'no-symmetry': { type: 'boolean' } } });
const [name = 'counter', ...rest] = positionals;
const def = await loadDefinition(name, process.cwd());
const params = resolveParams(def.params, Object.fromEntries(rest.map((kv) => kv.split('=') as [string, string])));
const args = def.policies ? [values.policy ?? 'none'] : [];
const recipe = { module: modelUrl(name, process.cwd()).href, params, args };
const model = def.build(params, ...(args as [string]));
const properties = values.property ?? model.properties.filter((p) => ['invariant', 'deadlock-free', 'reachable'].includes(p.kind)).map((p) => p.name);
const workers = Number(values.workers);

async function best(run: () => Promise<CheckResult<unknown, Action>>) {
  let out: Awaited<ReturnType<typeof run>> | undefined;
  for (let i = 0; i < Number(values.repeat); i++) {
    const r = await run();
    if (!out || r.stats.seconds < out.stats.seconds) out = r;
  }
  return out!;
}

const symmetry = !values['no-symmetry'];
const one = await best(() => checkAsync(model, { properties, symmetry }));
const probeSeconds = values.probe === undefined ? undefined : Number(values.probe);
const many = await best(() => checkParallel(model, recipe, { properties, workers, symmetry, ...(probeSeconds === undefined ? {} : { probeSeconds }) }));
const rate = (r: typeof one) => r.stats.states / r.stats.seconds;
const startup = many.stats.workerStartSeconds ?? 0;
const searchRate = many.stats.states / (many.stats.seconds - startup);
console.log(JSON.stringify({
  command: `node --import tsx bench/parallel.ts ${process.argv.slice(2).join(' ')}`,
  properties,
  verdict: [one.verdict, many.verdict],
  states: [one.stats.states, many.stats.states],
  seconds: [Number(one.stats.seconds.toFixed(2)), Number(many.stats.seconds.toFixed(2))],
  statesPerSecond: [Math.round(rate(one)), Math.round(rate(many))],
  workerStartSeconds: Number(startup.toFixed(2)),
  speedup: Number((rate(many) / rate(one)).toFixed(2)),
  speedupAfterStartup: Number((searchRate / rate(one)).toFixed(2)),
}, null, 2));
