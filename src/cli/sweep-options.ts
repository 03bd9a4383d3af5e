/** `--sweep name=lo..hi`, `--sweep name=a,b,c` and `--over ...`: parsed once, per model. */
import { CheckError } from '../core/errors.js';
import type { ParamSpecs } from '../core/params.js';
import { checkSweptNames, paramDomain, type Sweeps } from '../core/sweep.js';
import { UsageError } from './usage-error.js';

export interface SweepArg {
  readonly name: string;
  /** The text after '=': 'lo..hi', 'a,b,c', a single value, or absent for the whole domain. */
  readonly text: string | undefined;
}

/** Splits repeated `name=values` options; a name given twice is an error. */
export function parseSweepArgs(option: string, raw: readonly string[] | undefined): SweepArg[] {
  const out: SweepArg[] = [];
  for (const item of raw ?? []) {
    const eq = item.indexOf('=');
    const name = eq < 0 ? item : item.slice(0, eq);
    const text = eq < 0 ? undefined : item.slice(eq + 1);
    if (!/^[A-Za-z_][\w-]*$/.test(name) || text === '') throw new UsageError(`--${option} takes name=lo..hi or name=a,b,c, got '${item}'`);
    if (out.some((a) => a.name === name)) throw new UsageError(`--${option} names '${name}' twice`);
    out.push({ name, text });
  }
  return out;
}

function expand(model: string, specs: ParamSpecs, arg: SweepArg): (number | string)[] {
  const spec = specs[arg.name]!;
  if (arg.text === undefined) return paramDomain(arg.name, spec);
  const range = /^(-?\d+)\.\.(-?\d+)$/.exec(arg.text);
  if (!range) return arg.text.split(',').map((v) => v.trim());
  if (spec.choices) throw new CheckError('bad-option', `${model}: ${arg.name} is a choice, sweep it as ${arg.name}=${spec.choices.join(',')}`);
  const lo = Number(range[1]);
  const hi = Number(range[2]);
  if (lo > hi) throw new CheckError('bad-option', `--sweep ${arg.name}=${arg.text}: ${lo} is above ${hi}`);
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/** The sweeps for one model; a name it does not declare is an error listing the ones it does. */
export function sweepsFor(model: string, specs: ParamSpecs, args: readonly SweepArg[]): Sweeps {
  checkSweptNames(model, specs, args.map((a) => a.name));
  return Object.fromEntries(args.map((a) => [a.name, expand(model, specs, a)]));
}

/**
 * Rejects a parameter both fixed (`--param`) and swept or solved for: the sweep would override
 * the fixed value without a word.
 */
export function checkNotFixed(option: string, args: readonly SweepArg[], fixed: Readonly<Record<string, string>>): void {
  const both = args.find((a) => Object.hasOwn(fixed, a.name));
  if (both) throw new UsageError(`--param ${both.name}=${fixed[both.name]} and --${option} ${both.name} name the same parameter; give one of them`);
}
