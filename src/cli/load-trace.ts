/**
 * Reading a trace file and rebuilding the model it was recorded from. A trace never chooses code
 * to run: the model is a shipped one, by name, or the file the user gives with `--model`, and a
 * trace whose recorded source disagrees with it is refused; so are policy files of the user's own,
 * given with `--policy` and checked against the hashes the trace records. A trace must record every parameter
 * of its model and name only the model's actors in its fairness; one beside a result.json of
 * another run is a stale file and refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { AllocModel } from '../alloc/compile.js';
import type { AllocState } from '../alloc/state.js';
import type { Policy } from '../alloc/policy.js';
import { models } from '../api/models.js';
import { withPolicies } from '../api/with-policies.js';
import { CheckError } from '../core/errors.js';
import type { Fairness } from '../core/model.js';
import { parseTrace } from '../render/trace-json.js';
import type { Trace } from '../render/trace.js';
import { loadDefinition, looksLikePath, modelNames, modelPath, type Definition } from './registry.js';
import { loadPolicyFile } from './policy-files.js';
import { sha256 } from './source-hash.js';
import { isAllocModel } from './trace-files.js';
import { UsageError } from './usage-error.js';

/** The parsed trace at `file`; a missing or malformed file is bad input (exit 2). */
export function readTrace(file: string, cwd: string): Trace {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read '${file}': ${e instanceof Error ? e.message.replace(/^[A-Z]+: /, '').split(',')[0] : String(e)}`);
  }
  try {
    return parseTrace(text);
  } catch (e) {
    if (e instanceof CheckError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
}

/**
 * Refuses a trace that a later run left behind: the result.json beside it (when there is one
 * that names its run) must name the trace's run.
 */
export function checkSameRun(trace: Trace, file: string, cwd: string): void {
  const manifest = join(dirname(resolve(cwd, file)), 'result.json');
  if (!existsSync(manifest)) return;
  let runId: unknown;
  try {
    runId = (JSON.parse(readFileSync(manifest, 'utf8')) as { runId?: unknown } | null)?.runId;
  } catch {
    return;
  }
  if (typeof runId !== 'string' || runId === trace.runId) return;
  throw new UsageError(`${file} is not from the run that wrote the result.json beside it (trace run ${trace.runId ?? 'not recorded'}, result run ${runId}): it is a stale file of an earlier run; not replayed`);
}

/** The definition to replay with: never a file the trace names, only a shipped model or `--model`. */
async function definitionOf(trace: Trace, file: string, cwd: string, modelArg: string | undefined): Promise<Definition> {
  const recorded = trace.source === undefined ? trace.model : resolve(dirname(resolve(cwd, file)), trace.source);
  if (modelArg === undefined) {
    if (trace.source !== undefined) throw new UsageError(`${file} was recorded from the model file '${trace.source}'; replay runs no code a trace names: give the file with --model`);
    if (!Object.hasOwn(models, trace.model)) throw new UsageError(`${file} names unknown model '${trace.model}'; known: ${modelNames().join(', ')} (give a model file with --model)`);
    return models[trace.model]!;
  }
  const given = looksLikePath(modelArg) ? modelPath(modelArg, cwd) : modelArg;
  if (given !== recorded) throw new UsageError(`${file} was recorded from '${trace.source ?? trace.model}', not from --model ${modelArg}; refusing to replay it against another model`);
  const def = await loadDefinition(modelArg, cwd);
  if (def.name !== trace.model) throw new UsageError(`${file} is a trace of model '${trace.model}', but --model ${modelArg} is '${def.name}'`);
  return def;
}

/**
 * The policies of the user's own the trace was recorded under, from the files given with
 * `--policy`: each file must hash as one the trace records (checked before its code runs) and
 * export the policy of that name, and every file the trace records must be given.
 */
async function policiesOf(trace: Trace, file: string, cwd: string, given: readonly string[]): Promise<Policy[]> {
  const recorded = trace.policyFiles ?? [];
  const loaded: Policy[] = [];
  for (const arg of given) {
    let hash: string;
    try {
      hash = sha256(readFileSync(modelPath(arg, cwd)));
    } catch (e) {
      throw new UsageError(`cannot read policy file '${arg}': ${e instanceof Error ? e.message.replace(/^[A-Z]+: /, '').split(',')[0] : String(e)}`);
    }
    const record = recorded.find((r) => r.sha256 === hash);
    if (record === undefined) {
      const files = recorded.map((r) => `${r.source} (policy ${r.name})`).join(', ');
      throw new UsageError(`--policy ${arg} is not a policy file ${file} was recorded under (its text hashes ${hash.slice(0, 12)}); ${files ? `it records ${files}, and a file that has changed since is not replayed` : 'it records none'}`);
    }
    const policy = await loadPolicyFile(arg, cwd);
    if (policy.name !== record.name) throw new UsageError(`--policy ${arg} exports policy '${policy.name}', but ${file} records '${record.name}' for that file`);
    loaded.push(policy);
  }
  const missing = recorded.find((r) => !loaded.some((p) => p.name === r.name));
  if (missing) throw new UsageError(`${file} was recorded under the policy file '${missing.source}' (policy '${missing.name}'); replay runs no code a trace names: give the file with --policy`);
  return loaded;
}

/** A parameter of the model the trace has no value for, or fairness for an actor it lacks: bad input. */
function checkTraceNames(trace: Trace, file: string, def: Definition, model: AllocModel): void {
  const missing = Object.keys(def.params).find((k) => !Object.hasOwn(trace.params, k));
  if (missing !== undefined) throw new UsageError(`${file} records no value for parameter '${missing}' of ${def.name}; a trace records every parameter`);
  const view = model.describe(model.initialStates()[0] as AllocState);
  const actors = view.actors.map((a) => a.name);
  const stranger = Object.keys(trace.fairness ?? {}).find((a) => !actors.includes(a));
  if (stranger !== undefined) throw new UsageError(`${file} gives fairness to '${stranger}', which is not an actor of ${def.name}; actors: ${actors.join(', ')}`);
}

/**
 * The model the trace was recorded from, built with its params, policy and fairness in force
 * (then `fairness`, by actor name, over it). A model that no longer accepts them is a stale
 * trace, not bad input: the result says so (`why`). `modelArg` is `replay --model`, and
 * `policyArgs` the files of `replay --policy`.
 */
export async function modelOfTrace(trace: Trace, file: string, cwd: string, fairness: Readonly<Record<string, Fairness>> = {}, modelArg?: string, policyArgs: readonly string[] = []): Promise<{ model: AllocModel } | { why: string }> {
  const def = withPolicies(await definitionOf(trace, file, cwd, modelArg), await policiesOf(trace, file, cwd, policyArgs));
  if (def.policies === undefined) throw new UsageError(`model '${trace.model}' is not an allocation model; traces are recorded only for those`);
  let model;
  try {
    const inForce = { ...trace.fairness, ...fairness };
    model = def.build(trace.params, trace.policy, Object.keys(inForce).length > 0 ? { fairness: inForce } : undefined);
  } catch (e) {
    if (e instanceof CheckError && e.code === 'bad-option') return { why: `the model no longer accepts the recorded parameters or policy: ${e.message}` };
    throw e;
  }
  if (!isAllocModel(model)) throw new UsageError(`model '${trace.model}' does not describe its states; traces are recorded only for allocation models`);
  checkTraceNames(trace, file, def, model);
  return { model };
}
