/**
 * What reclaim frees, by owner and gfp mask (mm/vmscan.c: shrink_page_list, shrink_slab; 9.5):
 * - clean, unmapped page-cache pages: freed at once, in any context that reclaims;
 * - objects behind a shrinker: freed unless the mask lacks the bit the shrinker needs, where it
 *   returns SHRINK_STOP;
 * - dirty pages: written out (pageout), which needs __GFP_IO and __GFP_FS; the reclaimer waits
 *   for the write and retries.
 * Reclaim may meet any of them first on the LRU, so each is a move of its own.
 */
import { effective, mayWritePage } from './context.js';
import type { Exec } from './exec.js';
import { F_MEMALLOC, F_RECLAIM, FREE, R_FLAGS, R_WO, R_WODEV, WO_START } from './layout.js';

/**
 * Frees, in `mask`, one page that needs no I/O: a clean page-cache page or a shrinker's object.
 * `setFlags` are set on the reclaiming task (a mempool's retry state); `how` tells who frees it.
 */
export function freeWithoutIo(x: Exec, mask: number, setFlags: number, how: string): void {
  const { world } = x;
  if (!world.pageCache && world.shrinkers.length === 0) return;
  if (world.pageCache) {
    freeClean(x, world.layout.clean, mask, setFlags, `${how} frees a clean page-cache page without I/O`);
    for (const g of world.groups) freeClean(x, world.layout.groupClean(g.index), mask, setFlags, `${how} frees a clean page-cache page of group ${g.name} without I/O`);
  }
  const m = effective(mask);
  for (const sh of world.shrinkers) {
    const at = world.layout.shrinker(sh.index);
    if (x.s[at] === 0 || (sh.needs !== 0 && !(m & sh.needs))) continue; // SHRINK_STOP
    const d = x.draft();
    if (setFlags) x.set(d, R_FLAGS, x.reg(R_FLAGS) | setFlags);
    x.move(d, at, FREE);
    x.emit(d, 'shrink-slab', x.quiet ? '' : `${how} frees an object through the ${sh.name} shrinker`, mask);
  }
}

/** Frees a clean page-cache page from the owner at `at`, if it has one. */
function freeClean(x: Exec, at: number, mask: number, setFlags: number, say: string): void {
  if (x.s[at]! === 0) return;
  const d = x.draft();
  if (setFlags) x.set(d, R_FLAGS, x.reg(R_FLAGS) | setFlags);
  x.move(d, at, FREE);
  x.emit(d, 'reclaim-clean', say, mask);
}

/** try_to_free_pages for the current actor in `mask`; `setFlags` are set on the task as it enters. */
export function tryToFreePages(x: Exec, mask: number, setFlags: number): void {
  const { world } = x;
  const who = x.me.name;
  freeWithoutIo(x, mask, setFlags, x.quiet ? '' : `${who} cannot get a page above its floor, enters direct reclaim and`);
  if (!mayWritePage(mask)) return;
  // By device index, not `for (const dev of devices)`: the device objects differ in shape by
  // kind, and this indexed loop measured about 8% faster over dm-raid1's whole successor generation.
  const devices = world.devices;
  for (let i = 0; i < devices.length; i++) {
    const dirty = world.layout.dirty(i);
    if (x.s[dirty] === 0) continue;
    const d = x.draft();
    x.set(d, R_FLAGS, x.reg(R_FLAGS) | F_RECLAIM | F_MEMALLOC | setFlags);
    x.set(d, R_WO, WO_START);
    x.set(d, R_WODEV, i);
    x.move(d, dirty, world.layout.writeout(i));
    x.emit(d, 'direct-reclaim', x.quiet ? '' : `${who} cannot get a page above its floor, enters direct reclaim as PF_MEMALLOC and writes out a dirty page of ${devices[i]!.name}`, mask);
  }
}

/** Whether anything is left that reclaim could free without I/O. */
export function anyCleanOrSlab(x: Exec): boolean {
  const { world } = x;
  if (world.pageCache && (x.s[world.layout.clean]! > 0 || world.groups.some((g) => x.s[world.layout.groupClean(g.index)]! > 0))) return true;
  return world.shrinkers.some((sh) => x.s[world.layout.shrinker(sh.index)]! > 0);
}
