/**
 * The page allocator, stage by stage as mm/page_alloc.c runs it (__alloc_pages and
 * __alloc_pages_slowpath): the fast path against the watermark (get_page_from_freelist); then
 * wake kswapd; then, for a context that may reclaim, throttle_direct_reclaim and direct reclaim
 * (try_to_free_pages, reclaim.ts); then the OOM decision; then retry, wait or fail. The memcg
 * charge (try_charge, memcg.ts) comes first here: the kernel charges a page just after taking it
 * and frees it if the charge fails, which is the same in one atomic move. Each stage is a function here, and a mechanism acts at a named stage (policy.ts,
 * Stages), so a story can say where an allocation stopped.
 */
import { floorOf, onFailure, type OnFailure } from './context.js';
import { rightsMask } from './context-memo.js';
import type { Exec, Say } from './exec.js';
import { FREE, R_HELD } from './layout.js';
import type { Purpose, Site } from './policy.js';
import { chargeStoppedBy, reclaimInGroup } from './memcg.js';
import { tryToFreePages } from './reclaim.js';
import { ownMask } from './site.js';

/** One allocation a step asks for. */
export interface Attempt {
  readonly purpose: Purpose;
  /** The mempool the step names; used only when a policy turns mempools on. */
  readonly pool?: string;
  /** Base gfp mask when not the actor's own (the receiver's GFP_ATOMIC). */
  readonly mask?: number;
  /** Owner offset the page goes to; the actor's held register when absent. */
  readonly to?: number;
  /** What the page is for, in a story: 'a page for its request'. */
  readonly what: string;
  /** Continues the step after the page is taken. */
  then(d: Uint8Array): void;
  /** For contexts that fail at once: the step's failure path (the packet is dropped). */
  failed?: { readonly name: string; readonly say: string; apply(d: Uint8Array): void };
  /** Its contexts by actor and registers (context-memo.ts), for an attempt made once per Exec. */
  readonly memo?: Int32Array;
}

/**
 * Takes a page from the free list into `at.to` (or the actor's hand) and emits the move; below
 * M and `leakFloor` (the floor of what the allocation is entitled to) it is a reserve leak.
 */
export function takePage(x: Exec, at: Attempt, mask: number, leakFloor: number): void {
  const d = x.draft();
  x.move(d, FREE, at.to ?? x.a + R_HELD);
  if (d[FREE]! < x.world.watermarks.min && d[FREE]! < leakFloor) x.leak(d);
  at.then(d);
  x.emit(d, 'alloc', x.quiet ? '' : takesSay(at), mask);
}

/**
 * __alloc_pages: the fast path, else the slow path. `setOnReclaim` are flags a caller (mempool
 * retry state) wants set on the task if this allocation enters direct reclaim.
 */
export function allocPages(x: Exec, at: Attempt, site: Site, mask: number, setOnReclaim: number): void {
  if (x.world.groups.length > 0 && tryCharge(x, at, mask)) return;
  if (getPageFromFreelist(x, at, site, mask)) return;
  allocPagesSlowpath(x, at, site, mask, setOnReclaim);
}

/**
 * try_charge (memcg.ts): true when the group's limit stops the allocation, after reclaiming in
 * the group, or ending as the slow path does for a context that may not reclaim.
 */
function tryCharge(x: Exec, at: Attempt, mask: number): boolean {
  const g = chargeStoppedBy(x, at, mask);
  if (g === undefined) return false;
  const outcome = onFailure(mask);
  if (outcome === 'reclaim') reclaimInGroup(x, g, mask);
  else retryWaitOrFail(x, at, mask, outcome);
  return true;
}

/** get_page_from_freelist: the page is taken iff free pages stay at or above the context's floor. */
export function getPageFromFreelist(x: Exec, at: Attempt, site: Site, mask: number): boolean {
  const w = x.world.watermarks;
  if (x.free - 1 < floorOf(mask, w)) return false;
  takePage(x, at, mask, floorOf(rightsMask(site, ownMask(x, at)), w));
  return true;
}

/**
 * The sentence of a page taken, made in a function of its own: a closure written inline makes
 * the caller allocate its captured variables at every call, quiet or not.
 */
function takesSay(at: Attempt): Say {
  return (n, who) => `${who} takes ${at.what} (${n.free} free)`;
}

export function allocPagesSlowpath(x: Exec, at: Attempt, site: Site, mask: number, setOnReclaim: number): void {
  wakeAllKswapds();
  const outcome = onFailure(mask);
  if (outcome === 'reclaim') {
    if (throttleDirectReclaim(x, site, mask)) return;
    tryToFreePages(x, mask, setOnReclaim);
    chargeAndOom(x, site, mask);
    return;
  }
  retryWaitOrFail(x, at, mask, outcome);
}

/**
 * wake_all_kswapds: kswapd is an actor of its own that works whenever free pages are at or
 * below M, which every failed fast path implies, so waking it needs no move.
 */
function wakeAllKswapds(): void {}

/**
 * throttle_direct_reclaim, at the entry to direct reclaim: true when the task is stopped here,
 * by the policies' mayReclaim hook or a mechanism acting at this stage (which emits its moves).
 */
function throttleDirectReclaim(x: Exec, site: Site, mask: number): boolean {
  const { world } = x;
  if (!world.hooks.mayReclaim(world, x.s)) return true;
  return world.stages.throttleDirectReclaim(x, site, mask);
}

/**
 * The OOM decision (out_of_memory): a mechanism at this stage (the oom-killer policy, oom.ts)
 * may kill a task; otherwise a failed reclaim waits for memory and retries.
 */
function chargeAndOom(x: Exec, site: Site, mask: number): void {
  x.world.stages.outOfMemory(x, site, mask);
}

/** The end of the slow path for a context that may not reclaim: fail at once, or wait and retry. */
function retryWaitOrFail(x: Exec, at: Attempt, mask: number, outcome: OnFailure): void {
  if (outcome !== 'fail' || !at.failed) return; // waits: enabled again when free pages rise
  const d = x.draft();
  at.failed.apply(d);
  x.emit(d, at.failed.name, at.failed.say, mask);
}
