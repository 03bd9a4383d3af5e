/**
 * A model definition that also knows policies of the user's own, so that every path that builds
 * a model from a definition (check, matrix cells, synthesis probes, fast-check helpers) can name
 * them as it names the catalogue's.
 */
import type { Policy } from '../alloc/policy.js';
import type { WorldSpec } from '../alloc/world.js';
import { CheckError } from '../core/errors.js';
import { policyList } from '../alloc/policies/index.js';
import type { Definition } from './definition.js';

function checkNames(extra: readonly Policy[]): void {
  const seen = new Set(policyList.map((p) => p.name));
  for (const p of extra) {
    if (seen.has(p.name)) throw new CheckError('bad-option', `policy '${p.name}' is named twice: rename the policy of your own`);
    seen.add(p.name);
  }
}

/**
 * `def` with the policies `extra` selectable by name, listed in `policies` where they apply to
 * the model's default world. A definition that takes no policy is returned as it is.
 *
 * @example
 * const dm = withPolicies(models['dm-raid1'], [myPolicy]);
 * checkCell(dm, 'mempool-only+my-policy', {}).verdict;
 */
export function withPolicies(def: Definition, extra: readonly Policy[]): Definition {
  if (extra.length === 0 || def.policies === undefined) return def;
  checkNames(extra);
  const spec = (def as { spec?: () => WorldSpec }).spec?.();
  const applies = extra.filter((p) => spec === undefined || p.notApplicable(spec) === undefined).map((p) => p.name);
  return {
    ...def,
    policies: [...def.policies, ...applies],
    build: (params, policy, options = {}) => def.build(params, policy, { ...options, policies: [...(options.policies ?? []), ...extra] }),
  };
}
