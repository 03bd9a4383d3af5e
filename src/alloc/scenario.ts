/**
 * `scenario()`: what a file under models/ exports. It declares the parameters once and builds
 * the world from their values; policies stay outside the model and are chosen at build time.
 */
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
  /** The world as declared at a parameter setting (defaults filled in), before it is validated. */
  spec(params?: ParamValues): WorldSpec;
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
    spec: (given = {}) => def.world(args(resolveParams(def.params, given))),
    build(given: ParamValues = {}, policy = 'none', options: BuildOptions = {}): AllocModel {
      const values = resolveParams(def.params, given);
      const world = def.world(args(values));
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
