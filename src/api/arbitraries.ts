/**
 * fast-check arbitraries over a model's declared parameters. They shrink towards the smallest
 * configuration: the bottom of each range and the first declared choice.
 */
import fc from 'fast-check';
import { CheckError } from '../core/errors.js';
import { parseParam, type ParamSpec, type ParamValues } from '../core/params.js';
import { checkSweptNames, paramDomain } from '../core/sweep.js';
import type { Definition } from './definition.js';

type Value = number | string;

/**
 * How to narrow one parameter: a fixed value, a list of values (shrinking towards the first),
 * a sub-range `{ min, max }`, or an arbitrary of your own.
 */
export type ParamOverride = Value | readonly Value[] | { readonly min?: number; readonly max?: number } | fc.Arbitrary<Value>;

function overridden(name: string, spec: ParamSpec, o: ParamOverride): fc.Arbitrary<Value> {
  if (o instanceof fc.Arbitrary) return o;
  if (typeof o === 'number' || typeof o === 'string') return fc.constant(parseParam(name, spec, o));
  if (Array.isArray(o)) {
    const list = (o as readonly Value[]).map((v) => parseParam(name, spec, v));
    if (list.length === 0) throw new CheckError('bad-option', `override for ${name} lists no values`);
    return fc.constantFrom(...list);
  }
  const { min, max } = o as { min?: number; max?: number };
  if (!spec.range) throw new CheckError('bad-option', `parameter ${name} is a choice of ${spec.choices?.join(', ')}: give a value or a list, not a range`);
  const lo = parseParam(name, spec, min ?? spec.range[0]) as number;
  const hi = parseParam(name, spec, max ?? spec.range[1]) as number;
  if (lo > hi) throw new CheckError('bad-option', `override for ${name}: min ${lo} is above max ${hi}`);
  return fc.integer({ min: lo, max: hi });
}

function declared(name: string, spec: ParamSpec): fc.Arbitrary<Value> {
  if (spec.choices) return fc.constantFrom(...spec.choices);
  const domain = paramDomain(name, spec) as number[];
  return fc.integer({ min: domain[0]!, max: domain[domain.length - 1]! });
}

/** True when the model accepts the setting (e.g. the min watermark lies below the zone size). */
export function buildable(def: Definition, values: ParamValues): boolean {
  try {
    def.build(values);
    return true;
  } catch (e) {
    if (e instanceof CheckError && e.code === 'bad-option') return false;
    throw e;
  }
}

/**
 * An arbitrary over every setting of `model`'s parameters that it accepts, narrowed by
 * `overrides`.
 *
 * @example
 * fc.assert(fc.property(arbitraries.params(models['bio-mempool'], { kernel: 'modern' }), (p) => p.kernel === 'modern'));
 */
export function params(model: Definition, overrides: Readonly<Record<string, ParamOverride>> = {}): fc.Arbitrary<ParamValues> {
  checkSweptNames(model.name, model.params, Object.keys(overrides));
  const fields: Record<string, fc.Arbitrary<Value>> = {};
  for (const [name, spec] of Object.entries(model.params)) {
    const o = overrides[name];
    fields[name] = o === undefined ? declared(name, spec) : overridden(name, spec, o);
  }
  return fc.record(fields).filter((values) => buildable(model, values));
}
