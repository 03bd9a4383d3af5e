/**
 * The catalogue's names as string literal types, so that a misspelt policy or property in a
 * user's test is a compile error. A test keeps these lists equal to the catalogue itself.
 */

/** The shipped policies (src/alloc/policies), in catalogue order. */
export const POLICY_NAMES = ['none', 'mempool-only', 'memalloc-inheritance', 'network-reserve', 'dirty-limit', 'io-flusher', 'reclaim-throttle', 'bioset-rescuer', 'wq-rescuer', 'oom-killer', 'oom-reaper', 'fuse-tmp-page', 'writeback-may-deadlock'] as const;

/** A shipped policy's name. */
export type PolicyName = (typeof POLICY_NAMES)[number];

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
