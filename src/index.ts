/**
 * allocheck's library API: the engine, for models and checks from a user's own code.
 *
 * @example
 * import { check } from 'allocheck';
 * const result = check(myModel, { maxStates: 1e6 });
 * if (result.verdict === 'violated') console.log(result.properties);
 */
export { check, checkAsync, type CheckOptions } from './core/check.js';
export { CheckError } from './core/errors.js';
export type { Action, Emit, Fairness, Model, Property, PropertyKind } from './core/model.js';
export { choice, param, resolveParams, type ModelDefinition, type ParamSpec, type ParamSpecs, type ParamValues } from './core/params.js';
export { replay } from './core/path.js';
export { selfCheck, type ContractBreak, type ContractRule, type SelfCheckResult } from './core/self-check.js';
export type { CheckResult, Path, Progress, PropertyResult, Stats, Verdict } from './core/result.js';
export * from './language.js';
export { propertyList, allocProperties, safetyProperties } from '../properties/index.js';
export * from './api/index.js';
export { findThreshold, type Probe, type ThresholdQuery, type ThresholdResult } from './core/threshold.js';
export { paramDomain, sweepPoints, type Sweeps } from './core/sweep.js';
