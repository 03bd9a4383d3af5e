/**
 * Property tests of a policy over a model's parameter space, fast-check style: `checkPolicy`
 * returns data, `assertPolicy` throws a report with the shrunk configuration and its story.
 */
import fc from 'fast-check';
import type { Action } from '../core/model.js';
import type { ParamValues } from '../core/params.js';
import type { CheckResult } from '../core/result.js';
import { params as paramsArbitrary } from './arbitraries.js';
import { summarize, type CellLimits } from './cell.js';
import type { Definition } from './definition.js';
import { checkMemo } from './memo.js';
import { storyLines } from './story.js';

export interface PolicyTestOptions extends Omit<CellLimits, 'properties'> {
  /** The property or properties that must hold; all of the model's when absent. */
  readonly property?: string | readonly string[];
  /** Configurations to try; every accepted setting of the model's parameters when absent. */
  readonly arbitrary?: fc.Arbitrary<ParamValues>;
  readonly numRuns?: number;
  readonly seed?: number;
}

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
      readonly shrinks: number;
    };

function limitsOf(options: PolicyTestOptions): CellLimits {
  const { property, arbitrary: _a, numRuns: _n, seed: _s, ...rest } = options;
  return property === undefined ? rest : { ...rest, properties: typeof property === 'string' ? [property] : property };
}

/**
 * Checks `policy` on `model` for configurations drawn from the arbitrary; on a failure,
 * fast-check shrinks it towards the smallest configuration.
 *
 * @example
 * const r = checkPolicy(models['fuse-writeback'], 'none', { property: 'no-deadlock' });
 * r.ok; // false, with r.params the smallest failing setting
 */
export function checkPolicy(model: Definition, policy: string, options: PolicyTestOptions = {}): PolicyTestResult {
  const limits = limitsOf(options);
  const arbitrary = options.arbitrary ?? paramsArbitrary(model);
  const property = fc.property(arbitrary, (p) => checkMemo(model, policy, p, limits).verdict === 'holds');
  const run = fc.check(property, { ...(options.numRuns ? { numRuns: options.numRuns } : {}), ...(options.seed !== undefined ? { seed: options.seed } : {}) });
  if (!run.failed) return { ok: true, runs: run.numRuns };
  if (!run.counterexample) throw run.errorInstance ?? new Error('fast-check failed without a counterexample');
  const [params] = run.counterexample;
  const result = checkMemo(model, policy, params, limits);
  const summary = summarize(result);
  const failed = result.properties.find((p) => p.status === 'violated');
  const path = failed?.counterexample ?? failed?.witness;
  return {
    ok: false, params, verdict: summary.verdict, result,
    ...(summary.property ? { property: summary.property } : {}),
    story: path ? storyLines(path) : [],
    seed: run.seed, shrinks: run.numShrinks,
  };
}

/** The report {@link assertPolicy} throws. */
export function policyReport(model: Definition, policy: string, r: Exclude<PolicyTestResult, { ok: true }>): string {
  const setting = Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(' ');
  const what = r.property ? `${r.property} fails (${r.verdict})` : `the check is ${r.verdict}${r.result.incomplete ? ` (${r.result.incomplete})` : ''}`;
  const lines = [`${model.name} under ${policy}: ${what} at ${setting}`, `(shrunk ${r.shrinks} times; replay with seed ${r.seed})`];
  if (r.story.length) lines.push('counterexample:', ...r.story);
  return lines.join('\n');
}

/**
 * Throws unless `policy` keeps the selected properties of `model` on every configuration tried.
 *
 * @example assertPolicy(models['bio-mempool'], 'mempool-only', { property: ['no-deadlock', 'reserve-integrity'] });
 */
export function assertPolicy(model: Definition, policy: string, options: PolicyTestOptions = {}): void {
  const r = checkPolicy(model, policy, options);
  if (!r.ok) throw new Error(policyReport(model, policy, r));
}
