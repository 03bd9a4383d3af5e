/**
 * The catalogue's names as string literal types, so that a misspelt policy or property in a
 * user's test is a compile error. Policy names come from the catalogue itself; a test keeps the
 * property list equal to properties/.
 */
import { policies, type PolicyName } from '../alloc/policies/index.js';

export type { PolicyName };

/**
 * The shipped policies (src/alloc/policies), in catalogue order.
 *
 * @example
 * POLICY_NAMES.includes('reclaim-throttle') // true
 */
export const POLICY_NAMES: readonly PolicyName[] = policies.map((p) => p.name);

/**
 * A policy, or several combined with '+'.
 *
 * @example
 * const p: PolicySpec = 'mempool-only+memalloc-inheritance';
 */
export type PolicySpec = PolicyName | `${PolicyName}+${string}`;

/** The allocation models' properties (properties/), in catalogue order. */
export const PROPERTY_NAMES = ['no-deadlock', 'reserve-integrity', 'pages-conserved', 'writeout-progress', 'recoverable'] as const;

/** A property of the allocation models. */
export type PropertyName = (typeof PROPERTY_NAMES)[number];
