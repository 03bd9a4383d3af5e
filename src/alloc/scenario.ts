/**
 * `scenario()`: what a file under models/ exports. It declares the parameters once and builds
 * the world from their values; policies stay outside the model and are chosen at build time.
 */
import { CheckError } from '../core/errors.js';
import type { Fairness } from '../core/model.js';
import { resolveParams, type ModelDefinition, type ParamSpecs, type ParamValues } from '../core/params.js';
import { compile, type AllocModel } from './compile.js';
import { applicablePolicies } from './policies/index.js';
import type { Policy } from './policy.js';
import type { WorldSpec } from './world.js';

/** Typed access to resolved parameter values inside `world()`. */
export interface Args {
  readonly values: ParamValues;
  num(name: string): number;
  str(name: string): string;
  /** A 'yes'/'no' choice as a boolean. */
  yes(name: string): boolean;
}

export interface ScenarioDef {
  readonly name: string;
  /** One line for `list`. */
  readonly summary: string;
  /** The scenario told in prose (the model file's header). */
  readonly description: string;
  readonly params: ParamSpecs;
  /** The world for one setting of the parameters. No policy appears here. */
  world(p: Args): WorldSpec;
}

export interface BuildOptions {
  /** Fairness by actor name or kind, overriding the defaults (kswapd, daemons, receiver weak; other traffic none). */
  readonly fairness?: Record<string, Fairness>;
  /** Policies beyond the catalogue, selectable by name: a new mechanism under trial. */
  readonly policies?: readonly Policy[];
}

export interface Scenario extends ModelDefinition<AllocModel> {
  readonly kind: 'scenario';
  readonly description: string;
  /** The policies that apply to this scenario. */
  readonly policies: readonly string[];
  build(params: ParamValues, policy?: string, options?: BuildOptions): AllocModel;
}

function args(values: ParamValues): Args {
  const get = (name: string): number | string => {
    const v = values[name];
    if (v === undefined) throw new Error(`the model reads parameter '${name}', which it does not declare`);
    return v;
  };
  return {
    values,
    num: (name) => Number(get(name)),
    str: (name) => String(get(name)),
    yes: (name) => get(name) === 'yes',
  };
}

/** A count a world declares: a whole number in range, or a one-line error naming the field. */
function count(name: string, field: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min || v > 200) throw new CheckError('bad-option', `${name}: ${field} must be a whole number in ${min}..200, got ${v}`);
}

/** The reclaimable owners and bio_sets a world declares (section 9.5, 9.1). */
function checkOwners(name: string, w: WorldSpec): void {
  if (w.memory.clean !== undefined) count(name, 'memory.clean', w.memory.clean, 0);
  for (const [s, sh] of Object.entries(w.shrinkers ?? {})) {
    count(name, `shrinker ${s}: objects`, sh.objects, 0);
    if (sh.stopsWithout !== undefined && sh.stopsWithout !== 'IO' && sh.stopsWithout !== 'FS') throw new CheckError('bad-option', `${name}: shrinker ${s}: stopsWithout must be 'IO' or 'FS', got '${String(sh.stopsWithout)}'`);
  }
  for (const [b, bs] of Object.entries(w.biosets ?? {})) {
    count(name, `bio_set ${b}: minNr`, bs.minNr, 1);
    if (!Object.hasOwn(w.devices, bs.device)) throw new CheckError('bad-option', `${name}: bio_set ${b}: no device '${bs.device}'; devices: ${Object.keys(w.devices).join(', ')}`);
  }
}

function checkWorld(name: string, w: WorldSpec): void {
  const { pages, min } = w.memory;
  if (!(pages >= 1 && pages <= 200)) throw new CheckError('bad-option', `${name}: pages=${pages} must be within 1..200`);
  if (!(min >= 0 && min < pages)) throw new CheckError('bad-option', `${name}: the min watermark ${min} must be below pages=${pages}`);
  const pooled = Object.values(w.pools ?? {}).reduce<number>((a, b) => a + (typeof b === 'number' ? b : b.minNr), 0);
  if (pooled > pages) throw new CheckError('bad-option', `${name}: the mempools (${pooled} pages) do not fit in ${pages} pages`);
  checkOwners(name, w);
  const cached = (w.memory.clean ?? 0) + Object.values(w.shrinkers ?? {}).reduce((a, s) => a + s.objects, 0) + Object.values(w.biosets ?? {}).reduce((a, b) => a + b.minNr, 0);
  if (pooled + cached > pages) throw new CheckError('bad-option', `${name}: the mempools, clean pages and shrinker objects (${pooled + cached} pages) do not fit in ${pages} pages`);
}

/**
 * Declares a scenario.
 *
 * @example
 * export default scenario({
 *   name: 'bio-mempool', summary: '...', description: '...',
 *   params: { pages: param(6, [3, 8], 'pages in the zone') },
 *   world: (p) => ({ kernel: '2.6', memory: { pages: p.num('pages'), min: 2 }, devices: { disk: localDisk() }, actors: [kswapd()] }),
 * });
 */
export function scenario(def: ScenarioDef): Scenario {
  const defaults = resolveParams(def.params);
  const policies = applicablePolicies(def.world(args(defaults)));
  return {
    kind: 'scenario',
    name: def.name,
    summary: def.summary,
    description: def.description,
    params: def.params,
    policies,
    build(given: ParamValues = {}, policy = 'none', options: BuildOptions = {}): AllocModel {
      const values = resolveParams(def.params, given);
      const world = def.world(args(values));
      checkWorld(def.name, world);
      const assumptions: Record<string, string | number> = {};
      for (const [k, spec] of Object.entries(def.params)) if (spec.assumption) assumptions[k] = values[k]!;
      return compile(world, {
        name: def.name, params: values, policy, assumptions,
        ...(options.fairness ? { fairness: options.fairness } : {}),
        ...(options.policies ? { extraPolicies: options.policies } : {}),
      });
    },
  };
}
