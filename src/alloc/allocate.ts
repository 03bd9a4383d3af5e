/**
 * Where every allocation of a step enters: the context the allocation runs in (the actor's mask,
 * its task flags, and what the policies make of them, as current_gfp_context does for scoped
 * NOIO/NOFS), then mempool_alloc when the step names a pool that a policy turns on, else the page
 * allocator. Calls go one way: allocate -> mempool -> page allocator -> reclaim.
 */
import type { Exec } from './exec.js';
import { mempoolAlloc } from './mempool.js';
import { USES_POOL, packedContext } from './context-memo.js';
import { allocPages, allocPagesSlowpath, takePage, type Attempt } from './page-alloc.js';
import { ownMask, siteAt } from './site.js';

export type { Attempt } from './page-alloc.js';
export { ownMask, siteOf } from './site.js';

/** Emits the moves of one page allocation in the context the policies give it. */
export function allocate(x: Exec, at: Attempt): void {
  const c = packedContext(x, at);
  if (c >= 0 && x.world.groups.length === 0) {
    const mask = c & 255;
    if (c & USES_POOL) return mempoolAlloc(x, at, siteAt(x, at), mask);
    if (x.free - 1 >= ((c >> 8) & 255)) return takePage(x, at, mask, (c >> 16) & 255);
    return allocPagesSlowpath(x, at, siteAt(x, at), mask, 0);
  }
  const site = siteAt(x, at);
  const mask = x.world.hooks.context(site, ownMask(x, at));
  if (at.pool !== undefined && x.world.hooks.usePool(site)) return mempoolAlloc(x, at, site, mask);
  allocPages(x, at, site, mask, 0);
}
