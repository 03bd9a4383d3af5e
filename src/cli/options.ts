import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

type Spec = NonNullable<ParseArgsConfig['options']>;
// Spelled out so that the declaration files can name it (util does not export its result type).
type Parsed<O extends Spec> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

/**
 * The options every checking command takes (check, matrix, synth): parameters, properties, the
 * search's limits, and how to report.
 */
export const CHECK_OPTIONS = {
  param: { type: 'string', multiple: true },
  property: { type: 'string', multiple: true },
  'max-states': { type: 'string' },
  'max-depth': { type: 'string' },
  'time-limit': { type: 'string' },
  por: { type: 'boolean' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** util.parseArgs, with its errors turned into one-line usage errors. */
export function parseOptions<O extends Spec>(argv: readonly string[], options: O, command: string): Parsed<O> {
  try {
    return parseArgs({ args: joinNegatives(argv, options), options, allowPositionals: true, strict: true });
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0]!.replace(/\. To specify.*$/, '') : String(e);
    throw new UsageError(`${why}; see 'allocheck ${command} --help'`);
  }
}

/**
 * `--workers -1` as `--workers=-1`: parseArgs takes a value that starts with '-' for an option
 * and calls it ambiguous; joined, the option's own check says what is wrong with the value.
 */
function joinNegatives(argv: readonly string[], options: Spec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!.startsWith('--') ? argv[i]!.slice(2) : undefined;
    const next = argv[i + 1];
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-[\d.]/.test(next)) out.push(`${argv[i]}=${next}`), i++;
    else out.push(argv[i]!);
  }
  return out;
}

/** A whole number >= `min`, or undefined when absent. */
export function count(name: string, raw: string | undefined, min = 0): number | undefined {
  if (raw === undefined) return undefined;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} takes a whole number >= ${min}, got '${raw}'`);
  return n;
}

/** A positive number of seconds, or undefined when absent. */
export function seconds(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!(n > 0) || !Number.isFinite(n)) throw new UsageError(`--${name} takes a number of seconds > 0, got '${raw}'`);
  return n;
}

/** A number of seconds >= 0. */
export function delay(name: string, raw: string): number {
  const n = raw.trim() === '' ? NaN : Number(raw);
  if (!(n >= 0) || !Number.isFinite(n)) throw new UsageError(`--${name} takes a number of seconds >= 0, got '${raw}'`);
  return n;
}

/**
 * `k=v` pairs of a repeated option, as a record without a prototype (so `__proto__=1` is a name
 * like any other, which the caller then rejects as unknown). A name given twice is an error:
 * the last one would otherwise win silently.
 */
export function pairs(name: string, raw: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const item of raw ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0 || eq === item.length - 1) throw new UsageError(`--${name} takes name=value, got '${item}'`);
    const key = item.slice(0, eq);
    if (Object.hasOwn(out, key)) throw new UsageError(`--${name} ${key} is given twice (${key}=${out[key]} and ${item}); give it once`);
    out[key] = item.slice(eq + 1);
  }
  return out;
}

/**
 * Names from a repeatable option that also takes comma-separated lists: `--property a,b --property c`.
 * Given but naming nothing (`--property ''`, `--property ,`) is an error: an empty selection
 * would check nothing.
 */
export function names(option: string, raw: readonly string[] | undefined): string[] | undefined {
  const out = raw?.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);
  if (out !== undefined && out.length === 0) throw new UsageError(`--${option} names nothing (got '${raw!.join(' ')}'); give at least one name`);
  return out;
}

/** The value of `--out`/`-o`, or undefined when absent; an empty path is an error, not "no output". */
export function outPath(option: string, raw: string | undefined): string | undefined {
  if (raw !== undefined && raw.trim() === '') throw new UsageError(`${option} needs a path, got ''`);
  return raw;
}

const UNITS: Record<string, number> = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/** A size in bytes: '8G', '512MiB', '1500000000'; binary units. Undefined when absent. */
export function byteSize(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(raw.trim());
  const n = m ? Math.floor(Number(m[1]) * UNITS[m[2]!.toLowerCase()]!) : NaN;
  if (!(n > 0) || !Number.isSafeInteger(n)) throw new UsageError(`--${name} takes a size such as 8G, 512M or a number of bytes, got '${raw}'`);
  return n;
}
