/**
 * Taking one page: the page allocator's decision for a context, and what a context does when it
 * cannot have the page (fail, wait and retry, or enter direct reclaim). Mempool allocations go
 * through mempool.ts, which calls back into these.
 */
import { GFP_MEMALLOC, PF_MEMALLOC, floorOf, onFailure } from './context.js';
import type { Exec } from './exec.js';
import { FREE, F_MEMALLOC, F_RECLAIM, RQ_MEMALLOC, R_FLAGS, R_HELD, R_REQ, R_REQF, R_WO, R_WODEV, WO_START } from './layout.js';
import { mempoolAlloc } from './mempool.js';
import type { Purpose, Site } from './policy.js';

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
}

/** The site an attempt is at, as policies see it. */
export function siteOf(x: Exec, at: Attempt): Site {
  return { actor: x.me, purpose: at.purpose, serving: x.reg(R_REQ) !== 0, request: x.reg(R_REQF), pool: at.pool };
}

/** The context without any policy: the actor's mask and the flags it has now. */
export function ownMask(x: Exec, at: Attempt): number {
  const flags = x.me.flags | (x.reg(R_FLAGS) & F_MEMALLOC ? PF_MEMALLOC : 0);
  return (at.mask ?? x.me.context) | flags;
}

/**
 * What the allocation is entitled to, independent of policies: the reserve belongs to reclaim
 * (a PF_MEMALLOC task or a request it submitted) and to the ACKs that complete its writeout.
 */
function rightsMask(x: Exec, site: Site, own: number): number {
  let m = own;
  if (site.request & RQ_MEMALLOC) m |= PF_MEMALLOC;
  if (site.purpose === 'ack') m |= GFP_MEMALLOC;
  return m;
}

/** Takes a page from the free list into `at.to` (or the actor's hand); records a reserve leak. */
export function takePage(x: Exec, d: Uint8Array, at: Attempt, site: Site): void {
  x.move(d, FREE, at.to ?? x.a + R_HELD);
  if (d[FREE]! < x.world.watermarks.min && d[FREE]! < floorOf(rightsMask(x, site, ownMask(x, at)), x.world.watermarks)) x.leak(d);
}

/** Emits the moves of one page allocation in the context the policies give it. */
export function allocate(x: Exec, at: Attempt): void {
  const site = siteOf(x, at);
  const mask = x.world.hooks.context(site, ownMask(x, at));
  if (at.pool !== undefined && x.world.hooks.usePool(site)) return mempoolAlloc(x, at, site, mask);
  pageAlloc(x, at, site, mask, 0);
}

/** The page allocator: take the page if the floor allows, else fail, wait or reclaim. */
export function pageAlloc(x: Exec, at: Attempt, site: Site, mask: number, setOnReclaim: number): boolean {
  if (x.free - 1 >= floorOf(mask, x.world.watermarks)) {
    const d = x.draft();
    takePage(x, d, at, site);
    at.then(d);
    x.emit(d, 'alloc', (n, who) => `${who} takes ${at.what} (${n.free} free)`, mask);
    return true;
  }
  const outcome = onFailure(mask);
  if (outcome === 'fail' && at.failed) {
    const d = x.draft();
    at.failed.apply(d);
    x.emit(d, at.failed.name, at.failed.say, mask);
  } else if (outcome === 'reclaim') directReclaim(x, mask, setOnReclaim);
  return false;
}

/**
 * A failed allocation with I/O rights: the task becomes PF_MEMALLOC and writes out a dirty
 * page of some device (one move per device that has one), then waits for it and retries.
 * With nothing dirty it waits for pages under writeout, or nothing ever frees memory (OOM).
 */
export function directReclaim(x: Exec, mask: number, setFlags: number): void {
  const { world } = x;
  if (!world.hooks.mayReclaim(world, x.s)) return;
  for (const dev of world.devices) {
    const dirty = world.layout.dirty(dev.index);
    if (x.s[dirty] === 0) continue;
    const d = x.draft();
    x.set(d, R_FLAGS, x.reg(R_FLAGS) | F_RECLAIM | F_MEMALLOC | setFlags);
    x.set(d, R_WO, WO_START);
    x.set(d, R_WODEV, dev.index);
    x.move(d, dirty, world.layout.writeout(dev.index));
    x.emit(d, 'direct-reclaim', `${x.me.name} cannot get a page above its floor, enters direct reclaim as PF_MEMALLOC and writes out a dirty page of ${dev.name}`, mask);
  }
}
