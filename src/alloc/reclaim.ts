/**
 * Direct reclaim (mm/vmscan.c: try_to_free_pages, shrink_page_list): the task becomes
 * PF_MEMALLOC and frees what its gfp mask allows. Today that is writeout of a dirty page of some
 * device (pageout, which needs __GFP_IO and __GFP_FS), one move per device that has one; the
 * task then waits for the write and retries its allocation. With nothing dirty it waits for
 * pages under writeout, or nothing ever frees memory.
 */
import type { Exec } from './exec.js';
import { F_MEMALLOC, F_RECLAIM, R_FLAGS, R_WO, R_WODEV, WO_START } from './layout.js';

/** try_to_free_pages for the current actor in `mask`; `setFlags` are set on the task as it enters. */
export function tryToFreePages(x: Exec, mask: number, setFlags: number): void {
  const { world } = x;
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
