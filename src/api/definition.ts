/**
 * What a model file exports, seen from outside the engine: an engine-level definition (like
 * models/counter.ts) or an allocation scenario, which also takes a policy.
 */
import type { Action, Fairness, Model } from '../core/model.js';
import type { ParamSpecs, ParamValues } from '../core/params.js';
import type { Policy } from '../alloc/policy.js';

export interface Definition {
  readonly name: string;
  readonly summary: string;
  readonly params: ParamSpecs;
  readonly kind?: string;
  readonly description?: string;
  /** The policies that apply; absent for models that are not allocation scenarios. */
  readonly policies?: readonly string[];
  build(params: ParamValues, policy?: string, options?: { fairness?: Record<string, Fairness>; policies?: readonly Policy[] }): Model<unknown, Action>;
}

/** True for a value shaped like a {@link Definition} (a model file's default export). */
export function isDefinition(value: unknown): value is Definition {
  const v = value as Partial<Definition> | undefined;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.build === 'function' && typeof v.params === 'object';
}
