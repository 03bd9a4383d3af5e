/**
 * Dirty throttling (mm/page-writeback.c: domain_dirty_limits, balance_dirty_pages; the flusher
 * threads of fs/fs-writeback.c, pdflush in 2.6).
 *
 * The thresholds are ratios of dirtyable memory (free pages and page cache, less the reserve):
 * thresh = dirty_ratio of it, bg_thresh = dirty_background_ratio of it, and bg_thresh = thresh/2
 * when it would not be below thresh. A task that dirties a page while pages dirty or under
 * writeback have reached thresh is throttled: it waits for writeback, not for free memory (in
 * 2.6 it first writes back the device's dirty pages itself, not as PF_MEMALLOC; since the
 * IO-less throttling of 3.2 it only sleeps). PF_LESS_THROTTLE (nfsd, loop before 5.8) raises
 * both thresholds by a quarter for the task. PF_LOCAL_THROTTLE (5.8, a37b0715ddf3) throttles the
 * task only when its own device is over its share as well ("dirty_exceeded"), so a server
 * writing to a backing device is not held back by the dirty pages of the device it serves. Over
 * bg_thresh the flusher writes existing dirty pages out in an ordinary context.
 */
import type { Exec } from './exec.js';
import { writeOutDirtyPage } from './writeout.js';
import type { ActorInfo, Step, World } from './world.js';

/** Pages dirty or under writeback, over every device (the kernel's nr_dirty). */
export function nrDirty(world: World, s: Uint8Array): number {
  let n = 0;
  for (const d of world.devices) n += s[world.layout.dirty(d.index)]! + s[world.layout.writeout(d.index)]!;
  return n;
}

/** Clean page-cache pages, the zone's and each memory cgroup's: file pages, dirtyable as global_dirtyable_memory counts them. */
function cleanPageCache(world: World, s: Uint8Array): number {
  if (!world.pageCache) return 0;
  let n = s[world.layout.clean]!;
  for (const g of world.groups) n += s[world.layout.groupClean(g.index)]!;
  return n;
}

/** domain_dirty_limits for `actor` in state `s`: [bg_thresh, thresh] in pages. */
export function dirtyLimits(world: World, s: Uint8Array, actor: ActorInfo): [number, number] {
  if (!world.dirty) return [Infinity, Infinity];
  const dirtyable = Math.max(0, s[0]! + nrDirty(world, s) + cleanPageCache(world, s) - world.watermarks.min);
  const thresh = Math.floor((dirtyable * world.dirty.ratio) / 100);
  let bg = Math.floor((dirtyable * world.dirty.background) / 100);
  if (bg >= thresh) bg = Math.floor(thresh / 2);
  return actor.throttle === 'less' ? [bg + Math.floor(bg / 4), thresh + Math.floor(thresh / 4)] : [bg, thresh];
}

/** Whether balance_dirty_pages holds `actor` back from dirtying a page of device `dev` now. */
export function overDirtyLimit(world: World, s: Uint8Array, actor: ActorInfo, dev: number): boolean {
  if (!world.dirty) return false; // no thresholds: nothing throttles (and no limits to work out per move)
  const [, thresh] = dirtyLimits(world, s, actor);
  if (nrDirty(world, s) < thresh) return false;
  if (actor.throttle !== 'local') return true;
  // The device's share of the limit: the devices with pages dirty or under writeback split it.
  const own = s[world.layout.dirty(dev)]! + s[world.layout.writeout(dev)]!;
  const busy = world.devices.filter((d) => s[world.layout.dirty(d.index)]! + s[world.layout.writeout(d.index)]! > 0).length;
  return own > 0 && own >= Math.ceil(thresh / Math.max(1, busy));
}

/**
 * Why a task stopped at a dirtying step waits, if balance_dirty_pages holds it: a status and
 * wait-for edges to whoever cleans the pages that count (a device's daemon or flusher).
 */
export function dirtyWait(world: World, s: Uint8Array, actor: ActorInfo, step: Step): { status: string; edges: { to: string; why: string }[] } | undefined {
  const dev = step.kind === 'dirty' && step.device !== undefined ? world.deviceNamed.get(step.device) : undefined;
  if (!dev || !overDirtyLimit(world, s, actor, dev.index)) return undefined;
  const [, thresh] = dirtyLimits(world, s, actor);
  const status = `throttled in balance_dirty_pages (${nrDirty(world, s)} pages dirty or under writeback, threshold ${thresh})`;
  const edges: { to: string; why: string }[] = [];
  for (const d of world.devices) {
    const n = s[world.layout.dirty(d.index)]! + s[world.layout.writeout(d.index)]!;
    const by = d.kind === 'daemon' ? world.actors[d.daemonIndex!]!.name : world.actors.find((a) => a.kind === 'flusher' && a.program[0]?.step.device === d.name)?.name;
    if (n > 0 && by !== undefined) edges.push({ to: by, why: `throttled in balance_dirty_pages until writeback of ${d.name}'s ${n} page(s), which ${by} cleans, brings the count under ${thresh}` });
  }
  return { status, edges };
}

/**
 * A throttled task: in 2.6 it writes back one of the device's dirty pages itself (writeback_inodes
 * from balance_dirty_pages) and waits for it; later kernels only sleep until writeback catches up.
 */
export function throttled(x: Exec, dev: number, why: string, writesBack = x.world.kernel === '2.6'): void {
  if (!writesBack || x.s[x.world.layout.dirty(dev)] === 0) return;
  writeOutDirtyPage(x, x.world.devices[dev]!, 'balance-dirty', `${x.me.name} is ${why} and writes back one of ${x.world.devices[dev]!.name}'s dirty pages itself (balance_dirty_pages)`);
}

/**
 * A device's flusher (per-bdi writeback since 2.6.32): over the background threshold it writes
 * out a dirty page of its device and waits for it.
 */
export function flush(device: string): Step {
  const over = (x: Exec): boolean => nrDirty(x.world, x.s) > dirtyLimits(x.world, x.s, x.me)[0];
  const dirty = (x: Exec): number => x.s[x.world.layout.dirty(x.world.deviceNamed.get(device)!.index)]!;
  return {
    kind: 'flush',
    device,
    doing: () => `writing back dirty pages of ${device}`,
    rest: (x) => !over(x) || dirty(x) === 0,
    run(x) {
      if (!over(x) || dirty(x) === 0) return;
      writeOutDirtyPage(x, x.world.deviceNamed.get(device)!, 'writeback', `${x.me.name} is over the background threshold and starts writing back a dirty page of ${device}`);
    },
  };
}
