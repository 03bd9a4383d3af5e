import { FS, IO } from '../context.js';
import type { Policy } from '../policy.js';

/**
 * Direct reclaimers wait while free pages are at or below half the min watermark (the sum over
 * the one zone we model), so they cannot drain the reserve all at once.
 */
export const reclaimThrottle: Policy = {
  name: 'reclaim-throttle',
  summary: 'direct reclaimers wait while free pages are at or below M/2',
  doesNot: 'reserves nothing and exempts no one: every task that would enter direct reclaim waits alike',
  notApplicable: (spec) =>
    spec.actors.some((a) => a.count > 0 && a.context & IO && a.context & FS && a.kind !== 'kswapd') ? undefined : 'no actor can enter direct reclaim',
  hooks: { mayReclaim: (world, s) => s[0]! > Math.floor(world.watermarks.min / 2) },
};
