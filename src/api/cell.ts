/**
 * One cell of a matrix: a model, a policy and one setting of its parameters, checked. The CLI's
 * `check`, `matrix` and `synth` and the fast-check helpers all check through here, so they agree.
 */
import { checkAsync, check } from '../core/check.js';
import { checkOptionNames } from '../core/check-input.js';
import { CheckError } from '../core/errors.js';
import type { Action, Model } from '../core/model.js';
import { resolveParams, type ParamValues } from '../core/params.js';
import type { CheckResult } from '../core/result.js';
import type { Definition } from './definition.js';

/** How each cell's search is bounded. */
export interface CellLimits {
  /** Properties to check; all of the model's when absent. */
  readonly properties?: readonly string[];
  readonly maxStates?: number;
  readonly maxDepth?: number;
  readonly timeLimitSeconds?: number;
  /** Partial order reduction (see CheckOptions.por); the verdicts are the same. */
  readonly por?: boolean;
  /**
   * Decide no property after the first violated one (see CheckOptions.firstViolationOnly): the
   * {@link summarize}d cell is the same, the result's later properties are `unknown`.
   */
  readonly firstViolationOnly?: boolean;
}

/**
 * A cell's verdict in one word: 'holds', 'incomplete', or the failure class of the first
 * violated property ('deadlock', 'oom', 'invariant', 'livelock', ...).
 */
export type CellVerdict = string;

/** What a table shows of one check. */
export interface CellSummary {
  readonly verdict: CellVerdict;
  /** The property whose failure gave the verdict. */
  readonly property?: string;
  readonly states: number;
  readonly depth: number;
  readonly seconds: number;
  readonly incomplete?: string;
}

/**
 * Builds a definition's model for one policy and parameter setting (defaults filled in). A
 * policy for a model that is not an allocation scenario is a `bad-option` error.
 */
export function buildCell(def: Definition, policy: string | undefined, params: ParamValues = {}): Model<unknown, Action> {
  if (policy !== undefined && def.policies === undefined) {
    throw new CheckError('bad-option', `model '${def.name}' takes no policy (it is not an allocation model)`);
  }
  return def.build(resolveParams(def.params, params), policy);
}

const LIMIT_NAMES: readonly string[] = ['properties', 'maxStates', 'maxDepth', 'timeLimitSeconds', 'por', 'firstViolationOnly'];

function optionsOf(limits: CellLimits, signal?: AbortSignal) {
  // A misspelt limit would otherwise be dropped here without a word.
  checkOptionNames(limits, LIMIT_NAMES, 'cell limit');
  return {
    ...(limits.properties ? { properties: limits.properties } : {}),
    ...(limits.maxStates !== undefined ? { maxStates: limits.maxStates } : {}),
    ...(limits.maxDepth !== undefined ? { maxDepth: limits.maxDepth } : {}),
    ...(limits.timeLimitSeconds !== undefined ? { timeLimitSeconds: limits.timeLimitSeconds } : {}),
    ...(limits.por ? { por: true } : {}),
    ...(limits.firstViolationOnly ? { firstViolationOnly: true } : {}),
    ...(signal ? { signal } : {}),
  };
}

/**
 * Checks one cell.
 *
 * @example checkCell(models['dm-raid1'], 'mempool-only', { pages: 6 }, { properties: ['no-deadlock'] }).verdict // 'violated'
 */
export function checkCell(def: Definition, policy: string | undefined, params: ParamValues, limits: CellLimits = {}): CheckResult<unknown, Action> {
  return check(buildCell(def, policy, params), optionsOf(limits));
}

/** Like {@link checkCell}, yielding to the event loop so that `signal` can stop it. */
export function checkCellAsync(def: Definition, policy: string | undefined, params: ParamValues, limits: CellLimits = {}, signal?: AbortSignal): Promise<CheckResult<unknown, Action>> {
  return checkBuiltAsync(buildCell(def, policy, params), limits, signal);
}

/**
 * Like {@link checkCellAsync}, for a cell already built with {@link buildCell} (a caller that
 * tells the model's rejection of a point apart from a failure of its check).
 *
 * @example await checkBuiltAsync(buildCell(models['dm-raid1'], 'mempool-only', { pages: 6 }), { properties: ['no-deadlock'] })
 */
export function checkBuiltAsync(model: Model<unknown, Action>, limits: CellLimits = {}, signal?: AbortSignal): Promise<CheckResult<unknown, Action>> {
  return checkAsync(model, optionsOf(limits, signal));
}

/** The parts of a check result (or of its JSON) that a summary reads. */
export interface Checked {
  readonly verdict: string;
  readonly properties: readonly { readonly name: string; readonly status: string; readonly failure?: string }[];
  readonly stats: { readonly states: number; readonly depth: number; readonly seconds: number };
  readonly incomplete?: string;
}

/** The verdict word and numbers of a check, as a matrix shows them. */
export function summarize(result: Checked): CellSummary {
  const failed = result.properties.find((p) => p.status === 'violated');
  const verdict = result.verdict === 'violated' ? (failed?.failure ?? 'violated') : result.verdict;
  return {
    verdict,
    ...(failed ? { property: failed.name } : {}),
    states: result.stats.states,
    depth: result.stats.depth,
    seconds: result.stats.seconds,
    ...(result.incomplete ? { incomplete: result.incomplete } : {}),
  };
}
