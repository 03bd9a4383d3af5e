import { availableParallelism, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withPolicies } from '../../api/with-policies.js';
import { isSafety, type Action, type Fairness, type Model } from '../../core/model.js';
import { resolveParams, type ParamValues } from '../../core/params.js';
import type { CheckResult } from '../../core/result.js';
import { writeCheckOutput } from '../check-output.js';
import { EXIT, type Io } from '../io.js';
import { CHECK_OPTIONS, byteSize, count, delay, names, outPath, pairs, parseOptions, seconds } from '../options.js';
import { OutDir } from '../out-dir.js';
import { policyFileRecords, resolvePolicyText } from '../policy-files.js';
import { progressReporter } from '../progress.js';
import { checkSupervised } from '../../parallel/supervise.js';
import { loadDefinition, modelUrl, type Definition } from '../registry.js';
import { resultJson } from '../result-json.js';
import { resultText } from '../result-text.js';
import { sourceFor, storyFor, tracesOf } from '../trace-files.js';
import type { AllocModel, AllocState } from '../../alloc/index.js';
import { UsageError } from '../usage-error.js';
import { selfCheckCommand } from '../self-check-text.js';

export const CHECK_HELP = `usage: allocheck check <model> [options]
  <model>                a name from 'allocheck list' or a path to a model file
  --policy P             policy, or several joined by '+' (allocation models); a path names a
                         policy file of your own: mempool-only+./my-policy.ts
  --param k=v            set a model parameter (repeatable)
  --property NAME[,..]   check only these properties (repeatable)
  --fair actor=weak|strong  fairness of an actor for liveness properties (repeatable; an
                         unknown actor is an error; with no liveness property selected, a note)
  --unfair actor         treat an actor as adversarial (repeatable; as --fair)
  --max-states N         stop after N states (verdict incomplete)
  --max-depth N          do not expand states deeper than N (verdict incomplete)
  --time-limit S         stop after S seconds (verdict incomplete)
  --symmetry             count states up to permutations of interchangeable actors (default
                         where the model declares them; safety only, liveness uses the full graph)
  --no-symmetry          explore every permutation (to compare)
  --por                  partial order reduction where the model declares local steps (safety
                         only, not with symmetry, one thread; same verdicts and counterexamples)
  --memory-limit SIZE    memory for the visited states and the frontier, e.g. 8G (default: 60%
                         of physical memory); a search that needs more stops as incomplete
  --expect-states N      size the visited table for about N states from the start (as SPIN's
                         -w sizes its hash table): a search of known size skips the table's
                         growth; the table still grows past N
  --workers N            threads for the safety search, this one included (default: the
                         number of cores); given, the others start at once and warm up
                         (else after 0.1 s), and join the search as it stands after 0.1 s;
                         a search that ends sooner, or that checks a liveness property,
                         runs on one thread
  --workers-after S      seconds one thread searches alone before the others take part
                         (default 0.1); 0 waits for them, so even a small search runs on
                         every thread
  --self-check           instead of checking properties, test the model's contract (encode
                         deterministic and lossless, successors deterministic, canonical
                         consistent) on up to 1000 reachable states; exit 1 names the first
                         state and field that break it
  --json                 print one JSON object (schema in the README)
  --out DIR              write result.json (and the counterexample files) to DIR; DIR is tried
                         before the search, and the previous run's files there are removed
  --quiet                no progress line
exit codes: 0 holds, 1 violated, 2 bad input, 3 incomplete`;

const OPTIONS = {
  ...CHECK_OPTIONS,
  policy: { type: 'string' },
  fair: { type: 'string', multiple: true },
  unfair: { type: 'string', multiple: true },
  symmetry: { type: 'boolean' },
  'no-symmetry': { type: 'boolean' },
  'memory-limit': { type: 'string' },
  'expect-states': { type: 'string' },
  workers: { type: 'string' },
  'workers-after': { type: 'string' },
  'self-check': { type: 'boolean' },
  out: { type: 'string' },
} as const;

/** States `--expect-states` may name: a table for more would not fit the engine's largest. */
const MOST_EXPECTED = 200_000_000;

/**
 * The visited table's starting capacity for `--expect-states N`: N states fill it three
 * quarters, where probes are still short.
 */
function tableFor(raw: string | undefined): { tableCapacity?: number } {
  const n = count('expect-states', raw, 1);
  if (n === undefined) return {};
  if (n > MOST_EXPECTED) throw new UsageError(`--expect-states takes at most ${MOST_EXPECTED.toLocaleString('en-US')} states, got ${raw}; leave it out and the table grows as it needs`);
  return { tableCapacity: Math.ceil(n / 0.75) };
}

/** Fairness overrides from `--fair a=weak` and `--unfair a`. */
export function fairnessOverrides(fair: readonly string[] | undefined, unfair: readonly string[] | undefined): Record<string, Fairness> {
  const out = Object.create(null) as Record<string, Fairness>;
  for (const [actor, kind] of Object.entries(pairs('fair', fair))) {
    if (kind !== 'weak' && kind !== 'strong' && kind !== 'none') throw new UsageError(`--fair ${actor}=${kind}: fairness is weak, strong or none`);
    out[actor] = kind;
  }
  for (const actor of unfair ?? []) {
    if (Object.hasOwn(out, actor)) throw new UsageError(`fairness of '${actor}' is given twice (--fair/--unfair); give it once`);
    out[actor] = 'none';
  }
  return out;
}

/**
 * Builds a model from its definition. An allocation model takes fairness overrides by actor
 * name or kind ('dirtier' for all dirtiers), checked here against its actors; any other model
 * gets them through the engine (`fairness` in the returned options), its names checked here when
 * the model lists its actors, else by the engine after a liveness search.
 */
export function buildModel(def: Definition, params: ParamValues, policy: string | undefined, fairness: Record<string, Fairness>): { model: Model<unknown, Action>; fairness?: Record<string, Fairness> } {
  if (policy !== undefined && def.policies === undefined) throw new UsageError(`model '${def.name}' takes no --policy (it is not an allocation model)`);
  const hasFairness = Object.keys(fairness).length > 0;
  if (!hasFairness) return { model: def.build(params, policy) };
  if (def.policies === undefined) {
    const model = def.build(params, policy);
    if (model.actors !== undefined) checkFairnessNames(def.name, fairness, model.actors, 'actors');
    return { model, fairness };
  }
  const model = def.build(params, policy, { fairness });
  const view = (model as Partial<AllocModel>).describe?.(model.initialStates()[0] as AllocState);
  checkFairnessNames(def.name, fairness, [...new Set(view?.actors.flatMap((a) => [a.name, a.kind]) ?? [])], 'actors and kinds');
  return { model };
}

function checkFairnessNames(model: string, fairness: Record<string, Fairness>, known: readonly string[], what: string): void {
  const unknown = Object.keys(fairness).find((name) => !known.includes(name));
  if (unknown !== undefined) throw new UsageError(`--fair/--unfair names '${unknown}', which is not an actor of ${model}; ${what}: ${known.join(', ')}`);
}

/**
 * A note when fairness is given but no liveness property is selected: fairness changes nothing
 * then, and the user should know the flag did nothing. Undefined when no note is due (or when a
 * selected name is unknown: the check reports that).
 */
export function fairnessNote(model: Model<unknown, Action>, selected: readonly string[] | undefined, fairness: Record<string, Fairness>): string | undefined {
  if (Object.keys(fairness).length === 0) return undefined;
  const chosen = selected === undefined ? model.properties : model.properties.filter((p) => selected.includes(p.name));
  if (chosen.length < (selected?.length ?? 0) || chosen.some((p) => !isSafety(p))) return undefined;
  const liveness = model.properties.filter((p) => !isSafety(p)).map((p) => p.name);
  const which = liveness.length > 0 ? `liveness properties of ${model.name}: ${liveness.join(', ')}` : `${model.name} has none`;
  return `note: --fair/--unfair affect only liveness properties, and none is selected (${which})`;
}

export type { CheckOutcome } from '../check-output.js';

/** The share of physical memory a search may take by default: room is left for the rest. */
export function defaultMemoryLimit(): number {
  return Math.floor(totalmem() * 0.6);
}

function symmetryOption(on: boolean | undefined, off: boolean | undefined): boolean {
  if (on && off) throw new UsageError('give --symmetry or --no-symmetry, not both');
  return !off;
}

export function exitCode(result: CheckResult<unknown, Action>): number {
  return result.verdict === 'holds' ? EXIT.holds : result.verdict === 'violated' ? EXIT.violated : EXIT.incomplete;
}

/** `allocheck check`: one model, one policy, every selected property. */
export async function checkCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(argv, OPTIONS, 'check');
  if (values.help) {
    io.out(CHECK_HELP + '\n');
    return EXIT.holds;
  }
  const [name, ...extra] = positionals;
  if (name === undefined) throw new UsageError(`check needs a model; try 'allocheck list'`);
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'; give one model (use --param k=v for parameters)`);
  const named = values.policy === undefined ? undefined : await resolvePolicyText(values.policy, io.cwd);
  const def = withPolicies(await loadDefinition(name, io.cwd), named?.policies ?? []);
  const params = resolveParams(def.params, pairs('param', values.param));
  const policy = named?.text ?? (def.policies ? 'none' : undefined);
  const overrides = fairnessOverrides(values.fair, values.unfair);
  const { model, fairness } = buildModel(def, params, policy, overrides);
  const selected = names('property', values.property);
  const outArg = outPath('--out', values.out);
  const note = fairnessNote(model, selected, overrides);
  if (note !== undefined) io.err(`allocheck: ${note}\n`);
  if (values['self-check']) return selfCheckCommand(model, io);
  const progress = progressReporter(io, values.quiet ?? false);
  const workers = count('workers', values.workers, 1) ?? availableParallelism();
  // Workers rebuild the model from its module: the same definition, parameters and policy.
  const args = def.policies ? [policy, ...(Object.keys(overrides).length ? [{ fairness: overrides }] : [])] : [];
  const recipe = { module: modelUrl(name, io.cwd).href, params, args, policies: (named?.files ?? []).map((f) => pathToFileURL(f).href) };
  const options = {
    workers,
    // Threads asked for by name are started with the check; the default waits for the probe.
    workersAtStart: values.workers !== undefined && workers > 1,
    ...(values['workers-after'] !== undefined ? { probeSeconds: delay('workers-after', values['workers-after']) } : {}),
    ...(selected ? { properties: selected } : {}),
    maxStates: count('max-states', values['max-states'], 1),
    maxDepth: count('max-depth', values['max-depth']),
    timeLimitSeconds: seconds('time-limit', values['time-limit']),
    symmetry: symmetryOption(values.symmetry, values['no-symmetry']),
    ...(values.por ? { por: true } : {}),
    memoryLimitBytes: byteSize('memory-limit', values['memory-limit']) ?? defaultMemoryLimit(),
    ...tableFor(values['expect-states']),
    ...(fairness ? { fairness } : {}),
    signal: io.signal,
    ...(io.stop ? { stop: io.stop } : {}),
    onProgress: progress.onProgress,
  };
  // After every option is checked (bad input leaves the last run's files alone), before the
  // search: an unwritable place is bad input now, not a failure after the work.
  const out = outArg === undefined ? undefined : OutDir.prepare(resolve(io.cwd, outArg), outArg, '--out', 'result.json');
  const result = await checkSupervised(model, recipe, options);
  progress.done();
  const json = resultJson(result, policy, params);
  const recorded = named === undefined ? [] : policyFileRecords(named.files, named.policies, outArg === undefined ? undefined : resolve(io.cwd, outArg));
  const traces = tracesOf(model, result, def, sourceFor(name, io.cwd, outArg), recorded);
  io.out(values.json ? JSON.stringify(json, null, 2) + '\n' : resultText(result, policy, params, storyFor(traces)));
  if (out === undefined) return exitCode(result);
  const written = await writeCheckOutput(out, '', { result, model, def, params, policy }, traces);
  if (!values.json && written.length > 0) io.out(`wrote ${written.map((f) => join(outArg!, f)).join(', ')}\n`);
  return reportUnwritten(io, out, outArg!, exitCode(result));
}

/**
 * After the verdict is out: a file that could not be written is one line on stderr. A violation
 * still exits 1 (the counterexample was printed); otherwise the missing files make it exit 2.
 */
export function reportUnwritten(io: Io, out: OutDir, shown: string, code: number): number {
  const line = out.failureLine(shown);
  if (line === undefined) return code;
  io.err(`allocheck: ${line}\n`);
  return code === EXIT.violated ? code : EXIT.usage;
}
