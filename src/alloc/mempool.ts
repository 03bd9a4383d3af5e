/**
 * mempool_alloc and mempool_free, in the two versions that matter (mm/mempool.c):
 * - 2.6.9: try the allocator without WAIT/IO (a PF_MEMALLOC caller dips into the reserve
 *   here, any other caller a quarter of M: can_try_harder); if the pool is at most half full and __GFP_FS is set, allocate with the full mask,
 *   which for a task that may reclaim loops through direct reclaim until it succeeds; else take
 *   an element; else sleep until mempool_free returns one, and start over.
 * - modern: __GFP_NOMEMALLOC on every try (no reserve even for PF_MEMALLOC); try without
 *   reclaim, then an element, then once the full mask (one round of direct reclaim), then sleep
 *   with a timeout and start over.
 */
import { FS, GFP_NOMEMALLOC, IO, WAIT, floorOf, mayWritePage, onFailure } from './context.js';
import type { Exec, Say } from './exec.js';
import { allocPages, type Attempt } from './page-alloc.js';
import { FREE, F_FULLMASK, F_ROUND2, R_FLAGS, R_HELD } from './layout.js';
import type { Site } from './policy.js';
import type { PoolInfo } from './world.js';

/** The 2.6.9 sleeper waits for an element; the flag lives in R_FLAGS. */
export const F_SLEEPING = 32;

function poolOf(x: Exec, name: string): PoolInfo {
  const p = x.world.poolNamed.get(name);
  if (!p) throw new Error(`no mempool '${name}'`);
  return p;
}

function takeElement(x: Exec, at: Attempt, pool: PoolInfo, mask: number): void {
  const d = x.draft();
  x.move(d, x.world.layout.pool(pool.index), at.to ?? x.a + R_HELD);
  x.set(d, R_FLAGS, x.reg(R_FLAGS) & ~(F_ROUND2 | F_FULLMASK));
  at.then(d);
  x.emit(d, 'mempool-alloc', x.quiet ? '' : takesSay(at, pool), mask);
}

/** The sentence of an element taken (not inline: see page-alloc.ts, takesSay). */
function takesSay(at: Attempt, pool: PoolInfo): Say {
  return (n, who) => `${who} takes ${at.what} from the ${pool.name} mempool (${n.pool(pool.name)} left)`;
}

function sleep(x: Exec, pool: PoolInfo, mask: number): void {
  const d = x.draft();
  x.set(d, R_FLAGS, x.reg(R_FLAGS) | F_SLEEPING);
  x.emit(d, 'mempool-sleep', x.quiet ? '' : `${x.me.name} finds the ${pool.name} mempool empty and sleeps until an element is returned`, mask);
}

/** Emits the moves of mempool_alloc for the kernel era of the world. */
export function mempoolAlloc(x: Exec, at: Attempt, site: Site, mask: number): void {
  const pool = poolOf(x, at.pool!);
  const level = x.s[x.world.layout.pool(pool.index)]!;
  const flags = x.reg(R_FLAGS);
  if (flags & F_SLEEPING) {
    if (level === 0) return;
    const d = x.draft();
    x.set(d, R_FLAGS, flags & ~F_SLEEPING);
    x.emit(d, 'mempool-wake', x.quiet ? '' : `${x.me.name} is woken: an element is back in the ${pool.name} mempool`);
    return;
  }
  if (x.world.kernel === '2.6') alloc2004(x, at, site, mask, pool, level);
  else allocModern(x, at, site, mask, pool, level);
}

/** `at`'s continuation, clearing a retry flag first (made by a function: see Exec.goOn). */
function clearing(x: Exec, flag: number, at: Attempt): (d: Uint8Array) => void {
  return (d) => {
    d[x.a + R_FLAGS] = d[x.a + R_FLAGS]! & ~flag;
    at.then(d);
  };
}

function alloc2004(x: Exec, at: Attempt, site: Site, mask: number, pool: PoolInfo, level: number): void {
  const w = x.world.watermarks;
  if (x.reg(R_FLAGS) & F_FULLMASK) {
    allocPages(x, { ...at, then: clearing(x, F_FULLMASK, at) }, site, mask, 0);
    return;
  }
  const nowait = mask & ~(WAIT | IO);
  if (x.free - 1 >= floorOf(nowait, w)) {
    // Entitled to what a caller that cannot sleep may take (can_try_harder), policy aside.
    allocPages(x, { ...at, mask: (at.mask ?? x.me.context) & ~(WAIT | IO) }, site, nowait, 0);
    return;
  }
  if (mask & FS && mayWritePage(mask) && onFailure(mask) === 'reclaim' && level <= Math.floor(pool.minNr / 2)) {
    allocPages(x, at, site, mask, F_FULLMASK);
    return;
  }
  if (level > 0) takeElement(x, at, pool, mask);
  else if (mask & WAIT) sleep(x, pool, mask);
  else if (at.failed) allocPages(x, at, site, nowait, 0);
}

function allocModern(x: Exec, at: Attempt, site: Site, mask: number, pool: PoolInfo, level: number): void {
  const full = mask | GFP_NOMEMALLOC;
  const first = full & ~(WAIT | IO);
  if (x.free - 1 >= floorOf(first, x.world.watermarks)) {
    allocPages(x, { ...at, then: clearing(x, F_ROUND2, at) }, site, first, 0);
    return;
  }
  if (level > 0) return takeElement(x, at, pool, full);
  if (!(x.reg(R_FLAGS) & F_ROUND2) && onFailure(full) === 'reclaim') {
    allocPages(x, at, site, full, F_ROUND2);
    return;
  }
  // Sleeps with a timeout and retries: enabled again as soon as an element or memory appears.
  if (!(mask & WAIT) && at.failed) allocPages(x, at, site, first, 0);
}

/**
 * mempool_free of `n` pages held at `heldAt`: each refills the pool while it is below min_nr,
 * the rest go back to the page allocator. Called by whoever frees (often the disk interrupt).
 */
export function mempoolFree(x: Exec, d: Uint8Array, heldAt: number, pool: PoolInfo | undefined, n: number): void {
  for (let i = 0; i < n; i++) {
    const at = pool ? x.world.layout.pool(pool.index) : -1;
    x.move(d, heldAt, pool && d[at]! < pool.minNr ? at : FREE);
  }
}

/** The pool a step's pages return to under the world's policies, if any. */
export function returnPool(x: Exec, site: Site): PoolInfo | undefined {
  return site.pool !== undefined && x.world.hooks.usePool(site) ? poolOf(x, site.pool) : undefined;
}
