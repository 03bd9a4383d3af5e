import { CheckError } from './errors.js';

/**
 * A model parameter, declared once: the CLI, `list`, sweeps, synthesis and fast-check
 * arbitraries all read this declaration. Numeric parameters have an inclusive `range`;
 * enumerated ones list their `choices`.
 */
export interface ParamSpec {
  readonly default: number | string;
  readonly doc: string;
  readonly range?: readonly [number, number];
  readonly choices?: readonly string[];
  /** The direction in which raising the value can only help: synthesis may bisect it. */
  readonly monotone?: 'safer-up' | 'safer-down';
  /** An assumption of the scenario (not a size): stories and legends name it. */
  readonly assumption?: boolean;
}

export type ParamSpecs = Readonly<Record<string, ParamSpec>>;
export type ParamValues = Readonly<Record<string, number | string>>;

/** A parameterised model: what a file under models/ exports. */
export interface ModelDefinition<M> {
  readonly name: string;
  /** One line for `list`. */
  readonly summary: string;
  readonly params: ParamSpecs;
  build(params: ParamValues): M;
}

/** Declares a numeric parameter. @example param(3, [1, 8], 'min watermark M') */
export function param(value: number, range: readonly [number, number], doc: string, extra: Partial<ParamSpec> = {}): ParamSpec {
  return { default: value, range, doc, ...extra };
}

/** Declares an enumerated parameter. @example choice('2.6', ['2.6', 'modern'], 'kernel era') */
export function choice(value: string, choices: readonly string[], doc: string, extra: Partial<ParamSpec> = {}): ParamSpec {
  return { default: value, choices, doc, ...extra };
}

function badParam(message: string): CheckError {
  return new CheckError('bad-option', message);
}

/** Checks one value against its declaration, parsing numbers given as text. */
export function parseParam(name: string, spec: ParamSpec, raw: number | string): number | string {
  if (spec.choices) {
    const text = String(raw);
    if (!spec.choices.includes(text)) throw badParam(`parameter ${name}=${text} is not one of: ${spec.choices.join(', ')}`);
    return text;
  }
  const value = typeof raw === 'number' ? raw : /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isInteger(value)) throw badParam(`parameter ${name}=${raw} is not a whole number`);
  const [lo, hi] = spec.range ?? [-Infinity, Infinity];
  if (value < lo || value > hi) throw badParam(`parameter ${name}=${value} is out of range ${lo}..${hi}`);
  return value;
}

/**
 * Defaults overridden by `given`, every value checked. Unknown names are an error listing the
 * known ones.
 */
export function resolveParams(specs: ParamSpecs, given: Readonly<Record<string, number | string>> = {}): ParamValues {
  const known = Object.keys(specs);
  for (const name of Object.keys(given)) {
    if (!known.includes(name)) throw badParam(`unknown parameter '${name}'; known: ${known.join(', ') || '(none)'}`);
  }
  const out: Record<string, number | string> = {};
  for (const [name, spec] of Object.entries(specs)) out[name] = parseParam(name, spec, given[name] ?? spec.default);
  return out;
}
