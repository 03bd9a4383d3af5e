/**
 * Direct-reclaim throttling (mm/vmscan.c: throttle_direct_reclaim, pfmemalloc_watermark_ok;
 * Linux 3.6, "mm: throttle direct reclaimers if PF_MEMALLOC reserves are low and swap is backed
 * by network storage"; allow_direct_reclaim since 4.12). At the entry to direct reclaim a task
 * compares free pages with pfmemalloc_reserve, the sum of the min watermarks (here M): at or
 * below half of it, it wakes kswapd and sleeps on pgdat->pfmemalloc_wait, and kswapd wakes the
 * sleepers once free pages are above that half again. Not throttled: kernel threads
 * (PF_KTHREAD), PF_MEMALLOC tasks (they never enter reclaim), and callers without __GFP_FS,
 * which wait at most HZ and then reclaim anyway (a bounded wait adds no reachable state). Since
 * 4.12 (the `modern` era) a node whose kswapd has given up (kswapd_failures >=
 * MAX_RECLAIM_RETRIES: here, kswapd has nothing left to reclaim) lets reclaim through, and
 * kswapd wakes the sleepers before it sleeps.
 */
import { FS, PF_MEMALLOC, effective } from '../context.js';
import type { Exec } from '../exec.js';
import { FREE, F_THROTTLED, R_FLAGS } from '../layout.js';
import type { Policy } from '../policy.js';

/** pfmemalloc_reserve / 2: throttled while free pages are at or below it. */
function threshold(x: Exec): number {
  return Math.floor(x.world.watermarks.min / 2);
}

/** allow_direct_reclaim (4.12) / pfmemalloc_watermark_ok (3.6) for the world's era. */
function allowDirectReclaim(x: Exec, s: Uint8Array): boolean {
  if (s[FREE]! > threshold(x)) return true;
  return x.world.kernel === 'modern' && kswapdHopeless(x, s);
}

/** kswapd has failed MAX_RECLAIM_RETRIES times: there is nothing it could reclaim. */
function kswapdHopeless(x: Exec, s: Uint8Array): boolean {
  const { world } = x;
  if (world.devices.some((d) => s[world.layout.dirty(d.index)]! > 0)) return false;
  if (world.pageCache && s[world.layout.clean]! > 0) return false;
  return world.shrinkers.every((sh) => s[world.layout.shrinker(sh.index)] === 0);
}

function throttle(x: Exec, _site: unknown, mask: number): boolean {
  if (x.me.kthread || !(effective(mask) & FS) || allowDirectReclaim(x, x.s)) return false;
  const d = x.draft();
  x.set(d, R_FLAGS, x.reg(R_FLAGS) | F_THROTTLED);
  const n = threshold(x);
  x.emit(d, 'throttle', x.quiet ? '' : `${x.me.name} would enter direct reclaim with ${x.free} free, at or below half the min watermark (${n}): it is throttled until kswapd raises free pages above ${n}`, mask);
  return true;
}

/** kswapd wakes every task asleep on pfmemalloc_wait once reclaim is allowed again. */
function wakeThrottled(x: Exec): boolean {
  const { world, s } = x;
  if (!world.actors.some((a) => s[world.layout.actor(a.index) + R_FLAGS]! & F_THROTTLED) || !allowDirectReclaim(x, s)) return false;
  const woken = world.actors.filter((a) => s[world.layout.actor(a.index) + R_FLAGS]! & F_THROTTLED);
  const d = x.draft();
  for (const a of woken) d[world.layout.actor(a.index) + R_FLAGS] = d[world.layout.actor(a.index) + R_FLAGS]! & ~F_THROTTLED;
  const why = s[FREE]! > threshold(x) ? `free pages are above ${threshold(x)} (${s[FREE]})` : 'it has nothing left to reclaim and gives up';
  x.emit(d, 'wake-throttled', x.quiet ? '' : `${x.me.name} wakes ${woken.map((a) => a.name).join(', ')} throttled in direct reclaim: ${why}`);
  return true;
}

export const reclaimThrottle: Policy<'reclaim-throttle'> = {
  name: 'reclaim-throttle',
  summary: 'user tasks entering direct reclaim at free <= M/2 sleep until kswapd wakes them (throttle_direct_reclaim); kthreads and NOFS callers pass',
  doesNot: 'does not stop reclaimers already past the check, nor reserve anything',
  notApplicable(spec) {
    if (!spec.actors.some((a) => a.kind === 'kswapd' && a.count > 0)) return 'it has no kswapd to wake throttled tasks';
    return spec.actors.some((a) => a.count > 0 && a.context & FS && !a.kthread && !(a.flags & PF_MEMALLOC)) ? undefined : 'no user task can enter direct reclaim with __GFP_FS';
  },
  hooks: {},
  stages: { throttleDirectReclaim: throttle, balancePgdat: wakeThrottled },
};
