/**
 * Sweeps over a parameterised model: the ordered domain of each parameter and the points of a
 * cartesian product of chosen values. Domain-free: it reads only parameter declarations.
 */
import { CheckError } from './errors.js';
import { parseParam, resolveParams, type ParamSpec, type ParamSpecs, type ParamValues } from './params.js';

/** Values a swept parameter takes, in the order the sweep visits them. */
export type Sweeps = Readonly<Record<string, readonly (number | string)[]>>;

/**
 * Every value a parameter may take, smallest first: its range, or its choices in declaration
 * order. Unbounded parameters have no finite domain.
 *
 * @example paramDomain(param(2, [1, 4], 'pool')) // [1, 2, 3, 4]
 */
export function paramDomain(name: string, spec: ParamSpec): (number | string)[] {
  if (spec.choices) return [...spec.choices];
  if (!spec.range || !Number.isFinite(spec.range[0]) || !Number.isFinite(spec.range[1])) {
    throw new CheckError('bad-option', `parameter ${name} has no finite range to sweep`);
  }
  const [lo, hi] = spec.range;
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/** Rejects a swept name the model does not declare, naming the ones it does. */
export function checkSweptNames(model: string, specs: ParamSpecs, names: readonly string[]): void {
  const known = Object.keys(specs);
  for (const name of names) {
    if (!known.includes(name)) {
      throw new CheckError('bad-option', `model '${model}' has no parameter '${name}'; its parameters: ${known.join(', ') || '(none)'}`);
    }
  }
}

/**
 * The points of a sweep: `base` (defaults filled in) with every combination of the swept
 * values, the first swept name varying slowest. Each value is checked against its declaration.
 *
 * @example sweepPoints('dm-raid1', specs, {}, { pages: [5, 6], kernel: ['2.6', 'modern'] }) // 4 points
 */
export function sweepPoints(model: string, specs: ParamSpecs, base: ParamValues, sweeps: Sweeps): ParamValues[] {
  checkSweptNames(model, specs, Object.keys(sweeps));
  let points: Record<string, number | string>[] = [{ ...resolveParams(specs, base) }];
  for (const [name, values] of Object.entries(sweeps)) {
    const parsed = values.map((v) => parseParam(name, specs[name]!, v));
    points = points.flatMap((p) => parsed.map((v) => ({ ...p, [name]: v })));
  }
  return points;
}
