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

/** How many points a sweep has, computed without listing them. */
export function sweepSize(sweeps: Sweeps): number {
  return Object.values(sweeps).reduce((n, values) => n * values.length, 1);
}

/**
 * The points of a sweep, one at a time: `base` (defaults filled in) with every combination of
 * the swept values, the first swept name varying slowest. Each value is checked against its
 * declaration before the first point; a sweep of millions of points holds one at a time.
 *
 * @example [...eachSweepPoint('dm-raid1', specs, {}, { pages: [5, 6], kernel: ['2.6', 'modern'] })] // 4 points
 */
export function eachSweepPoint(model: string, specs: ParamSpecs, base: ParamValues, sweeps: Sweeps): Iterable<ParamValues> {
  checkSweptNames(model, specs, Object.keys(sweeps));
  const start = resolveParams(specs, base);
  const axes = Object.entries(sweeps).map(([name, values]) => ({ name, values: values.map((v) => parseParam(name, specs[name]!, v)) }));
  return {
    *[Symbol.iterator]() {
      if (axes.some((a) => a.values.length === 0)) return;
      // An odometer: the last axis turns fastest.
      const digits = axes.map(() => 0);
      for (;;) {
        yield { ...start, ...Object.fromEntries(axes.map((a, i) => [a.name, a.values[digits[i]!]!])) };
        let i = axes.length - 1;
        while (i >= 0 && ++digits[i]! === axes[i]!.values.length) digits[i--] = 0;
        if (i < 0) return;
      }
    },
  };
}

/**
 * The points of a sweep as a list (see {@link eachSweepPoint}).
 *
 * @example sweepPoints('dm-raid1', specs, {}, { pages: [5, 6], kernel: ['2.6', 'modern'] }) // 4 points
 */
export function sweepPoints(model: string, specs: ParamSpecs, base: ParamValues, sweeps: Sweeps): ParamValues[] {
  return [...eachSweepPoint(model, specs, base, sweeps)];
}
