/**
 * The allocation-aware library API: shipped models by name, one-cell checks, and fast-check
 * helpers for testing a policy over a model's parameter space.
 *
 * @example
 * import { arbitraries, assertPolicy, models } from 'allocheck';
 * assertPolicy(models['bio-mempool'], 'mempool-only', { property: 'no-deadlock', arbitrary: arbitraries.params(models['bio-mempool']) });
 */
import { buildable, params } from './arbitraries.js';

export { isDefinition, type Definition } from './definition.js';
export { models, modelNames, modelNamed, type ModelName } from './models.js';
export { POLICY_NAMES, PROPERTY_NAMES, type PolicyName, type PolicySpec, type PropertyName } from './names.js';
export { withPolicies } from './with-policies.js';
export { buildCell, checkCell, checkCellAsync, summarize, type CellLimits, type CellSummary, type CellVerdict, type Checked } from './cell.js';
export { checkMemo } from './memo.js';
export { assertPolicy, checkPolicy, policyReport, type PolicyCheckOptions, type PolicyTestOptions, type PolicyTestResult } from './assert-policy.js';
export { actionText, storyLines } from './story.js';
export type { ParamOverride } from './arbitraries.js';

/** fast-check arbitraries over models' declared parameters. */
export const arbitraries = { params, buildable } as const;
