/**
 * __rh_alloc after "dm: Fix deadlock under high i/o load in raid1 setup" (Daniel Kobras, Linux
 * 2.6.18, commit c06aad854fdb, drivers/md/dm-raid1.c, now dm-region-hash.c): kmirrord slept in
 * mempool_alloc(region_pool, GFP_NOIO) on a pool only it refills. The fix asks the pool with
 * GFP_ATOMIC, which never sleeps, and when that returns NULL falls back to kmalloc(GFP_NOIO),
 * which waits for memory (that the disk interrupt frees) instead of for the pool.
 */
import { allocate, ownMask, siteOf, type Attempt } from './allocate.js';
import { GFP_ATOMIC, GFP_NOIO, GFP_NOMEMALLOC, IO, WAIT, floorOf } from './context.js';
import type { Exec } from './exec.js';
import { takenTo } from './inflight.js';
import type { Step } from './world.js';

/** Whether mempool_alloc(pool, GFP_ATOMIC) would return an element or a page now. */
function atomicSucceeds(x: Exec, at: Attempt, level: number): boolean {
  if (level > 0) return true;
  let mask = x.world.hooks.context(siteOf(x, at), ownMask(x, at)) & ~(WAIT | IO);
  if (x.world.kernel === 'modern') mask |= GFP_NOMEMALLOC;
  return x.free - 1 >= floorOf(mask, x.world.watermarks);
}

/**
 * mempool_alloc(pool, GFP_ATOMIC), then kmalloc(GFP_NOIO) if it returns NULL: the element goes
 * where the pool's elements go (in use by the request, for a pool its daemon returns).
 */
export function mempoolAllocOrKmalloc(pool: string, what = 'an element for its request'): Step {
  return {
    kind: 'mempool-alloc',
    pool,
    doing: () => `allocating from the ${pool} mempool (GFP_ATOMIC, else kmalloc with GFP_NOIO)`,
    run(x) {
      const to = takenTo(x, pool);
      const base = { purpose: 'page' as const, then: x.goOn, ...(to === undefined ? {} : { to }) };
      const p = x.world.poolNamed.get(pool);
      if (!p) throw new Error(`no mempool '${pool}'`);
      const atomic: Attempt = { ...base, pool, mask: GFP_ATOMIC, what };
      if (atomicSucceeds(x, atomic, x.s[x.world.layout.pool(p.index)]!)) allocate(x, atomic);
      else allocate(x, { ...base, mask: GFP_NOIO, what: `${what} with kmalloc(GFP_NOIO), the ${pool} mempool being empty` });
    },
  };
}
