/**
 * FUSE's temporary page (fs/fuse/file.c: fuse_writepage_locked, "fuse: support writable mmap",
 * 3be5a52b30aa, Linux 2.6.26, until 6.16). Writing back a page of a FUSE mapping allocates a temporary page
 * (GFP_NOFS, not charged to any memory cgroup, counted in NR_WRITEBACK_TEMP), copies the data
 * into it, queues the copy to the server and ends writeback on the page-cache page at once: the
 * page is clean, and no reclaim ever waits on the server for it. The temporary page is freed
 * when the server completes the request.
 *
 * In the state the copy lives in the device's writebackTemp owner and the writer's R_WO is
 * WO_TEMP, so its completion frees the copy instead of cleaning a page (writeout.ts).
 */
import { allocate } from './allocate.js';
import { GFP_NOFS } from './context.js';
import type { Exec } from './exec.js';
import { R_WO, WO_TEMP } from './layout.js';
import { cleanOwner, endPageWriteback } from './memcg.js';
import { queueRequest } from './writeout.js';
import type { DeviceInfo, World } from './world.js';

/** A mapping whose writeback a userspace server does (a FUSE mount): a daemon device served by no kernel thread. */
export function fuseMapping(world: World, dev: DeviceInfo): boolean {
  return dev.kind === 'daemon' && !world.actors[dev.daemonIndex!]!.kthread;
}

/** fuse_writepage_locked with a temporary page: true for a FUSE mapping (its moves are emitted, or it waits). */
export function writepageWithTmpPage(x: Exec, dev: DeviceInfo): boolean {
  if (dev.kind !== 'daemon' || !fuseMapping(x.world, dev)) return false;
  if (x.s[x.world.layout.queue(dev.index)]! >= dev.queue) return true; // the queue is full: wait
  const daemon = x.world.actors[dev.daemonIndex!]!.name;
  const what = `a temporary page, copies the ${dev.name} page into it, queues the copy to ${daemon} and ends writeback on the page-cache page at once`;
  allocate(x, { purpose: 'bio', mask: GFP_NOFS, to: x.world.layout.writebackTemp(dev.index), what, then: queueCopy(x, dev) });
  return true;
}

/** The continuation of the temporary page's allocation (made by a function: see Exec.goOn). */
function queueCopy(x: Exec, dev: DeviceInfo & { kind: 'daemon' }): (d: Uint8Array) => void {
  return (d) => {
    x.move(d, x.world.layout.writeout(dev.index), cleanOwner(x.world, dev.index));
    endPageWriteback(x.world, d, dev.index);
    queueRequest(x, d, dev);
    x.set(d, R_WO, WO_TEMP);
  };
}
