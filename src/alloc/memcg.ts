/**
 * Memory cgroups, v1 (mm/memcontrol.c: try_charge, try_charge_memcg since 5.17; mm/vmscan.c:
 * try_to_free_mem_cgroup_pages, shrink_page_list, shrink_folio_list since 5.16).
 *
 * A page is charged to the memory cgroup of the task that takes it (its held pages, the page
 * cache it dirties); page cache stays charged to the group while dirty, under writeback and
 * clean, until it is freed. Charges are not a counter of their own: a group's charge is the sum
 * of the owners charged to it (its members' hands, the page cache of the devices they dirty,
 * its clean page cache), so a page is uncharged exactly when it is freed.
 *
 * try_charge: at the group's limit the charging task reclaims inside the group, whatever global
 * free memory is. That reclaim frees the group's clean page-cache pages; dirty file pages it
 * leaves to the flusher (direct reclaim has not written file pages since 3.2, ee72886d8ed5).
 * A page under writeback is where cgroup v1 differs: without per-group dirty throttling, reclaim
 * that meets one already marked PG_reclaim, with __GFP_FS, waits for its writeback to end
 * (wait_on_page_writeback, "memcg: prevent OOM with too many dirty pages", e62e384e9da8, 3.6;
 * !sane_reclaim, later !writeback_throttling_sane). Reclaim retries its passes, so the model lets
 * a page met once be met again marked. When the page's writeback needs the waiter itself (a
 * FUSE server charged to the group), the group deadlocks. Linux 6.16 skips such mappings
 * (AS_WRITEBACK_MAY_DEADLOCK_ON_RECLAIM, 0c4f8ed498ce): the policies' writebackMayDeadlock stage.
 *
 * The waiter records the device in R_WODEV with R_WO = WO_WBWAIT; pages are counts, so it waits
 * for the next page of that device whose writeback ends (reclaim scans from the LRU's tail, the
 * oldest page). With nothing in the group to free or wait on, the charge waits for the group's
 * charge to drop: the memcg OOM killer is not modelled, so a dead state with such a task is
 * reported as 'memcg-oom', not as a deadlock (describe.ts, stoppedAtCharge). A
 * PF_MEMALLOC task or an OOM victim is charged past the limit instead ("goto force"), so a
 * group's charge may exceed its limit while one of them allocates.
 */
import { FS, PF_MEMALLOC, effective } from './context.js';
import type { Exec } from './exec.js';
import { FREE, R_FLAGS, R_HELD, R_WO, R_WODEV, WO_WBWAIT } from './layout.js';
import { F_OOM_VICTIM } from './oom.js';
import type { Attempt } from './page-alloc.js';
import type { DeviceInfo, GroupInfo, World } from './world.js';

/** Pages charged to group `g` in state `s`. */
export function charged(world: World, s: Uint8Array, g: number): number {
  const { layout } = world;
  let n = 0;
  for (const a of world.actors) if (a.group === g) n += s[layout.actor(a.index) + R_HELD]!;
  for (const d of world.devices) if (d.group === g) n += s[layout.dirty(d.index)]! + s[layout.writeout(d.index)]!;
  const clean = layout.groupClean(g);
  return clean < 0 ? n : n + s[clean]!;
}

/** The group the page of an attempt is charged to, or undefined: the taker's hand or a device's page cache. */
function chargedTo(x: Exec, at: Attempt): GroupInfo | undefined {
  const { world } = x;
  if (at.to === undefined) return x.me.group === undefined ? undefined : world.groups[x.me.group];
  const dev = world.devices.find((d) => d.group !== undefined && (at.to === world.layout.dirty(d.index) || at.to === world.layout.writeout(d.index)));
  return dev === undefined ? undefined : world.groups[dev.group!];
}

/** How a story names the charge at the limit. */
function atLimit(who: string, g: GroupInfo): string {
  return `${who} is charged to group ${g.name} at its limit of ${g.limit}: reclaim in the group`;
}

/**
 * try_charge, before the page is taken: the group whose limit stops the charge, or undefined when
 * the page is charged to none, the group is under its limit, or the charge is forced past it.
 * The page allocator then reclaims in the group ({@link reclaimInGroup}) or, for a context that
 * may not sleep, ends as its slow path does (fail at once if the step can, else wait).
 */
export function chargeStoppedBy(x: Exec, at: Attempt, mask: number): GroupInfo | undefined {
  const g = chargedTo(x, at);
  if (g === undefined || charged(x.world, x.s, g.index) < g.limit) return undefined;
  // goto force: reclaim's own allocations (PF_MEMALLOC) and OOM victims may exceed the limit.
  if (mask & PF_MEMALLOC || x.reg(R_FLAGS) & F_OOM_VICTIM) return undefined;
  return g;
}

/** Whether reclaim in a group with `mask` waits on writeback of `dev`'s pages (the v1 wait). */
function waitsOn(world: World, s: Uint8Array, dev: DeviceInfo, g: GroupInfo, mask: number): boolean {
  return dev.group === g.index && s[world.layout.writeout(dev.index)]! > 0 && (effective(mask) & FS) !== 0 && !world.stages.writebackMayDeadlock(world, dev);
}

/** try_to_free_mem_cgroup_pages: each thing reclaim may meet in the group is a move of its own. */
export function reclaimInGroup(x: Exec, g: GroupInfo, mask: number): void {
  const { world } = x;
  const clean = world.layout.groupClean(g.index);
  if (clean >= 0 && x.s[clean]! > 0) {
    const d = x.draft();
    x.move(d, clean, FREE);
    x.emit(d, 'memcg-reclaim', x.quiet ? '' : `${atLimit(x.me.name, g)} frees a clean page-cache page`, mask);
  }
  if (x.reg(R_WO) !== 0) return; // a writeout's own allocation: it cannot sleep on another page here
  for (const dev of world.devices) {
    if (!waitsOn(world, x.s, dev, g, mask)) continue;
    const d = x.draft();
    x.set(d, R_WO, WO_WBWAIT);
    x.set(d, R_WODEV, dev.index);
    x.emit(d, 'memcg-writeback-wait', x.quiet ? '' : `${atLimit(x.me.name, g)} waits on writeback of a ${dev.name} page (wait_on_page_writeback, cgroup v1)`, mask);
  }
}

/** end_page_writeback on a page of `dev`: the tasks asleep on writeback of `dev` wake and retry. */
export function endPageWriteback(world: World, d: Uint8Array, dev: number): void {
  for (const a of world.actors) {
    const at = world.layout.actor(a.index);
    if (d[at + R_WO] === WO_WBWAIT && d[at + R_WODEV] === dev) (d[at + R_WO] = 0), (d[at + R_WODEV] = 0);
  }
}

/** Where a page whose writeback ended goes: the group's clean page cache, the zone's, or free. */
export function cleanOwner(world: World, dev: number): number {
  if (!world.pageCache) return FREE;
  const g = world.devices[dev]!.group;
  return g === undefined ? world.layout.clean : world.layout.groupClean(g);
}
