import { availableParallelism } from 'node:os';
import { type ParamSpec } from '../../core/params.js';
import { sweepPoints } from '../../core/sweep.js';
import { findThreshold } from '../../core/threshold.js';
import { EXIT, type Io } from '../io.js';
import { CHECK_OPTIONS, count, pairs, parseOptions } from '../options.js';
import { progressBar } from '../progress-bar.js';
import { withPolicies } from '../../api/with-policies.js';
import { resolvePolicyText } from '../policy-files.js';
import { loadDefinition, looksLikePath, modelPath } from '../registry.js';
import { inProcessRunner, workerPool } from '../runner/pool.js';
import { checkNotFixed, parseSweepArgs, sweepsFor } from '../sweep-options.js';
import { checkBuilds } from '../synth/builds.js';
import { ProbeError, probeValue } from '../synth/probe.js';
import { synthJson, synthText, type SynthQuery } from '../synth/report.js';
import { UsageError } from '../usage-error.js';
import { cellLimits } from './matrix.js';

export const SYNTH_HELP = `usage: allocheck synth <model> --find NAME [options]
  --find NAME[=lo..hi]   the parameter to solve for (its whole range, or the part given)
  --max                  the largest value that works (default: the smallest)
  --policy P             policy, or several joined by '+'; a path names a policy file of your
                         own: mempool-only+./my-policy.ts
  --over name=lo..hi     every value of another parameter must work too (repeatable; name=a,b for choices)
  --param k=v            fix a parameter (repeatable)
  --property NAME[,..]   the properties that must hold (default: all of the model's)
  --max-states N, --max-depth N, --time-limit S   limits for each check (hitting one makes the answer incomplete)
  --por                  partial order reduction in each check (see 'allocheck check --help')
  --jobs N               checks at once on worker threads (default: the cores; 0: no workers)
  --json                 print one JSON object
Bisection is used when the parameter declares the direction in which it is safer (monotone);
otherwise every value is scanned in order.
exit codes: 0 found, 1 no value works, 3 incomplete (nothing claimed), 2 bad input`;

const OPTIONS = {
  ...CHECK_OPTIONS,
  find: { type: 'string' },
  max: { type: 'boolean' },
  policy: { type: 'string' },
  over: { type: 'string', multiple: true },
  jobs: { type: 'string' },
} as const;

/** The search order and method: bisection only along a declared monotone direction. */
export function searchPlan(spec: ParamSpec, domain: readonly (number | string)[], max: boolean): { values: (number | string)[]; monotone: boolean; method: string } {
  const values = max ? [...domain].reverse() : [...domain];
  const along = max ? 'safer-down' : 'safer-up';
  if (spec.monotone === along) return { values, monotone: true, method: `bisection (declared ${along})` };
  // Declared safer the other way: if any value works, the first in this order does.
  if (spec.monotone) return { values: values.slice(0, 1), monotone: false, method: `one probe (declared ${spec.monotone})` };
  return { values, monotone: false, method: 'scan (no monotone declaration)' };
}

/** `allocheck synth`: the threshold value of a parameter that keeps a policy safe. */
export async function synthCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(argv, OPTIONS, 'synth');
  if (values.help) return io.out(SYNTH_HELP + '\n'), EXIT.holds;
  const [name, ...extra] = positionals;
  if (name === undefined) throw new UsageError(`synth needs a model; try 'allocheck list'`);
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'; give one model`);
  if (!values.find) throw new UsageError(`synth needs --find NAME: the parameter to solve for`);
  const named = values.policy === undefined ? undefined : await resolvePolicyText(values.policy, io.cwd);
  const def = withPolicies(await loadDefinition(name, io.cwd), named?.policies ?? []);
  const [findArg] = parseSweepArgs('find', [values.find]);
  const find = findArg!.name;
  const domain = sweepsFor(def.name, def.params, [findArg!])[find]!;
  const overArgs = parseSweepArgs('over', values.over);
  const fixed = pairs('param', values.param);
  checkNotFixed('find', [findArg!], fixed);
  checkNotFixed('over', overArgs, fixed);
  if (overArgs.some((a) => a.name === find)) throw new UsageError(`--over ${find}: that is the parameter being solved for`);
  const over = sweepsFor(def.name, def.params, overArgs);
  const policy = named?.text ?? (def.policies ? 'none' : undefined);
  const points = sweepPoints(def.name, def.params, fixed, over);
  const plan = searchPlan(def.params[find]!, domain, values.max ?? false);
  const limits = cellLimits(values);
  const query: SynthQuery = { def, policy, find, max: values.max ?? false, candidates: plan.values, method: plan.method, over, ...(limits.properties ? { properties: limits.properties } : {}) };
  // At most this many checks: every candidate (a scan) or about log2 of them (bisection).
  const probesAtMost = plan.monotone ? Math.ceil(Math.log2(plan.values.length)) + 2 : plan.values.length;
  const checksAtMost = Math.min(plan.values.length, probesAtMost) * points.length;
  const jobs = count('jobs', values.jobs) ?? availableParallelism();
  const runner = jobs === 0 ? inProcessRunner() : workerPool(Math.min(jobs, points.length), io.stop ? { stop: io.stop } : {});
  const bar = progressBar(io, values.quiet ?? false, 'checks');
  const onAbort = (): void => runner.abort();
  io.signal.addEventListener('abort', onAbort);
  let checks = 0;
  try {
    const source = looksLikePath(name) ? modelPath(name, io.cwd) : name;
    const setup = { source, policy, policyFiles: named?.files ?? [], find, points, limits, runner, onCheck: () => bar.update(++checks, checksAtMost) };
    await checkBuilds(setup, plan.values);
    const result = await findThreshold({ values: plan.values, monotone: plan.monotone, test: (v) => probeValue(setup, v), aborted: () => io.signal.aborted });
    bar.done();
    io.out(values.json ? JSON.stringify(synthJson(query, result, checks), null, 2) + '\n' : synthText(query, result, checks));
    return result.kind === 'found' ? EXIT.holds : result.kind === 'none' ? EXIT.violated : EXIT.incomplete;
  } catch (e) {
    if (e instanceof ProbeError) throw new UsageError(`the model failed during the search at ${e.message}`);
    throw e;
  } finally {
    bar.done();
    io.signal.removeEventListener('abort', onAbort);
    await runner.close();
  }
}
