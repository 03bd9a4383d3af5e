/**
 * A policy of the user's own: the same shape as the catalogue's (policy.ts), declared with
 * `definePolicy` in a file of its own and named on the command line by its path
 * (`--policy mempool-only+./my-policy.ts`); see docs/writing-policies.md.
 */
import { CheckError } from '../core/errors.js';
import type { Policy } from './policy.js';

/** What a policy file declares; whatever it leaves out does nothing. */
export type PolicyDef = Pick<Policy, 'name' | 'summary'> & Partial<Omit<Policy, 'name' | 'summary'>>;

const NAME = /^[a-z][a-z0-9-]*$/;

/**
 * Declares a policy: by default it applies to every world and changes nothing.
 *
 * @example
 * export default definePolicy({
 *   name: 'daemon-reserve',
 *   summary: 'a daemon serving a request may use the reserve (__GFP_MEMALLOC)',
 *   hooks: { context: (site, mask) => (site.serving ? mask | GFP_MEMALLOC : mask) },
 * });
 */
export function definePolicy(def: PolicyDef): Policy {
  if (typeof def.name !== 'string' || !NAME.test(def.name)) {
    throw new CheckError('bad-option', `a policy's name is lower-case letters, digits and '-', starting with a letter; got '${String(def.name)}'`);
  }
  return { notApplicable: () => undefined, hooks: {}, ...def };
}

/** True for a value shaped like a {@link Policy} (a policy file's export). */
export function isPolicy(value: unknown): value is Policy {
  const p = value as Partial<Policy> | undefined;
  return typeof p === 'object' && p !== null && typeof p.name === 'string' && NAME.test(p.name) && typeof p.summary === 'string' &&
    typeof p.notApplicable === 'function' && typeof p.hooks === 'object' && p.hooks !== null;
}
