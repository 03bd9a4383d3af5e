/**
 * Property tests of a policy over a model's parameter space, fast-check style: `checkPolicy`
 * returns data, `assertPolicy` throws fast-check's own report (seed, path, the shrunk
 * configuration) followed by the configuration's counterexample story. fast-check is a peer
 * dependency: the user's copy runs these, so `fc.configureGlobal` reaches them.
 */
import fc from 'fast-check';
import type { Action } from '../core/model.js';
import type { ParamValues } from '../core/params.js';
import type { CheckResult } from '../core/result.js';
import { params as paramsArbitrary } from './arbitraries.js';
import { summarize, type CellLimits } from './cell.js';
import type { Definition } from './definition.js';
import { checkMemo } from './memo.js';
import type { PolicySpec, PropertyName } from './names.js';
import { storyLines } from './story.js';

/** What a policy test checks: the properties, the configurations and the search's limits. */
export interface PolicyCheckOptions extends Omit<CellLimits, 'properties'> {
  /** The property or properties that must hold; all of the model's when absent. */
  readonly property?: PropertyName | readonly PropertyName[];
  /** Configurations to try; every accepted setting of the model's parameters when absent. */
  readonly arbitrary?: fc.Arbitrary<ParamValues>;
}

/**
 * The options of {@link checkPolicy} and {@link assertPolicy}: the check's, and any of
 * fast-check's run parameters (`seed`, `path`, `numRuns`, `verbose`, ...), which override
 * `fc.configureGlobal`.
 */
export type PolicyTestOptions = PolicyCheckOptions & fc.Parameters<[ParamValues]>;

/** The outcome of {@link checkPolicy}. A configuration whose check is incomplete counts as failing. */
export type PolicyTestResult =
  | { readonly ok: true; readonly runs: number }
  | {
      readonly ok: false;
      /** The shrunk configuration. */
      readonly params: ParamValues;
      /** 'deadlock', 'oom', 'invariant', ... or 'incomplete'. */
      readonly verdict: string;
      readonly property?: string;
      readonly result: CheckResult<unknown, Action>;
      /** The counterexample's steps, numbered. */
      readonly story: readonly string[];
      readonly seed: number;
      /** fast-check's replay path: pass `{ seed, path }` to reach this configuration at once. */
      readonly path: string;
      readonly shrinks: number;
      /** fast-check's report of the run, as `fc.assert` would throw it. */
      readonly report: string;
    };

function split(options: PolicyTestOptions): { limits: CellLimits; run: fc.Parameters<[ParamValues]> } {
  const { property, arbitrary: _a, maxStates, maxDepth, timeLimitSeconds, por, ...run } = options;
  const limits = { ...(maxStates === undefined ? {} : { maxStates }), ...(maxDepth === undefined ? {} : { maxDepth }), ...(timeLimitSeconds === undefined ? {} : { timeLimitSeconds }), ...(por === undefined ? {} : { por }) };
  return { limits: property === undefined ? limits : { ...limits, properties: typeof property === 'string' ? [property] : property }, run };
}

/**
 * Checks `policy` on `model` for configurations drawn from the arbitrary; on a failure,
 * fast-check shrinks it towards the smallest configuration.
 *
 * @example
 * const r = checkPolicy(models['fuse-writeback'], 'none', { property: 'no-deadlock', seed: 1 });
 * r.ok; // false, with r.params the smallest failing setting and r.seed, r.path to replay it
 */
export function checkPolicy(model: Definition, policy: PolicySpec, options: PolicyTestOptions = {}): PolicyTestResult {
  const { limits, run: parameters } = split(options);
  const arbitrary = options.arbitrary ?? paramsArbitrary(model);
  const property = fc.property(arbitrary, (p) => checkMemo(model, policy, p, limits).verdict === 'holds');
  const run = fc.check(property, parameters);
  if (!run.failed) return { ok: true, runs: run.numRuns };
  if (!run.counterexample) throw run.errorInstance ?? new Error(fc.defaultReportMessage(run) ?? 'fast-check failed without a counterexample');
  const [params] = run.counterexample;
  const result = checkMemo(model, policy, params, limits);
  const summary = summarize(result);
  const failed = result.properties.find((p) => p.status === 'violated');
  const path = failed?.counterexample ?? failed?.witness;
  return {
    ok: false, params, verdict: summary.verdict, result,
    ...(summary.property ? { property: summary.property } : {}),
    story: path ? storyLines(path) : [],
    seed: run.seed, path: run.counterexamplePath ?? '', shrinks: run.numShrinks,
    report: fc.defaultReportMessage(run) ?? '',
  };
}

/** What the failing configuration means: the property, its failure and the counterexample's steps. */
export function policyReport(model: Definition, policy: string, r: Exclude<PolicyTestResult, { ok: true }>): string {
  const setting = Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(' ');
  const what = r.property ? `${r.property} fails (${r.verdict})` : `the check is ${r.verdict}${r.result.incomplete ? ` (${r.result.incomplete})` : ''}`;
  const lines = [`${model.name} under ${policy}: ${what} at ${setting}`];
  if (r.story.length) lines.push('counterexample:', ...r.story);
  return lines.join('\n');
}

/**
 * Throws unless `policy` keeps the selected properties of `model` on every configuration tried.
 * The error's message is fast-check's report (seed, path, shrunk configuration), then the story.
 *
 * @example assertPolicy(models['bio-mempool'], 'mempool-only', { property: ['no-deadlock', 'reserve-integrity'] });
 */
export function assertPolicy(model: Definition, policy: PolicySpec, options: PolicyTestOptions = {}): void {
  const r = checkPolicy(model, policy, options);
  if (!r.ok) throw new Error(`${r.report}\n\n${policyReport(model, policy, r)}`);
}
