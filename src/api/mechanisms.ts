/**
 * The kernel mechanisms of the domain notes (section 9), each with the shipped scenario that
 * shows it and the two settings to compare: without the mechanism and with it. `allocheck matrix
 * --mechanisms` checks both settings of every row and prints the table; the verdicts are the
 * explorer's, never written here. To add a mechanism: one more row.
 */
import type { ParamValues } from '../core/params.js';

/** One setting of a scenario: a policy and the parameters that differ from the defaults. */
export interface Setting {
  readonly policy: string;
  readonly params?: ParamValues;
}

export interface MechanismRow {
  /** The mechanism as the kernel names it. */
  readonly mechanism: string;
  /** Where it lives in the kernel tree, and the commit or release that brought it. */
  readonly source: string;
  /** A model from models/ and the parameters both settings share. */
  readonly model: string;
  readonly params?: ParamValues;
  readonly without: Setting;
  readonly with: Setting;
}

/**
 * Every mechanism with a scenario.
 *
 * @example mechanisms.find((m) => m.model === 'oom-lock')?.with.policy // 'oom-reaper'
 */
export const mechanisms: readonly MechanismRow[] = [
  {
    mechanism: 'bio_set rescuer (9.1)',
    source: 'block/bio.c punt_bios_to_rescuer, 3.7',
    model: 'bio-split',
    without: { policy: 'none' },
    with: { policy: 'bioset-rescuer' },
  },
  {
    mechanism: 'WQ_MEM_RECLAIM rescuer (9.2)',
    source: 'kernel/workqueue.c send_mayday, rescuer_thread',
    model: 'wq-completion',
    without: { policy: 'none' },
    with: { policy: 'wq-rescuer' },
  },
  {
    mechanism: 'direct-reclaim throttling (9.3)',
    source: 'mm/vmscan.c throttle_direct_reclaim, 5515061d22f0 (3.6)',
    model: 'swap-over-nfs',
    without: { policy: 'network-reserve' },
    with: { policy: 'network-reserve+reclaim-throttle' },
  },
  {
    mechanism: 'PR_SET_IO_FLUSHER, clean page cache (9.4, 9.5)',
    source: 'kernel/sys.c PR_SET_IO_FLUSHER, 5.6; mm/vmscan.c shrink_folio_list',
    model: 'io-flusher',
    without: { policy: 'dirty-limit' },
    with: { policy: 'dirty-limit+io-flusher' },
  },
  {
    mechanism: 'PF_LESS_THROTTLE (9.6)',
    source: 'mm/page-writeback.c domain_dirty_limits, before 5.8',
    model: 'loop-writeback',
    params: { pages: 8 },
    without: { policy: 'none', params: { throttle: 'normal' } },
    with: { policy: 'none', params: { throttle: 'less' } },
  },
  {
    mechanism: 'PF_LOCAL_THROTTLE (9.6)',
    source: 'mm/page-writeback.c balance_dirty_pages, a37b0715ddf3 (5.8)',
    model: 'loop-writeback',
    without: { policy: 'none', params: { throttle: 'normal' } },
    with: { policy: 'none', params: { throttle: 'local' } },
  },
  {
    mechanism: 'per-device dirty limit, strictlimit (9.6)',
    source: 'mm/page-writeback.c BDI_CAP_STRICTLIMIT; fs/fuse/inode.c',
    model: 'fuse-writeback',
    without: { policy: 'none' },
    with: { policy: 'dirty-limit' },
  },
  {
    mechanism: 'memcg v1 wait on writeback; FUSE temporary page (9.7)',
    source: 'mm/memcontrol.c try_charge, mm/vmscan.c e62e384e9da8 (3.6); fs/fuse/file.c fuse_writepage_locked, 3be5a52b30aa (2.6.26)',
    model: 'fuse-memcg',
    without: { policy: 'none' },
    with: { policy: 'fuse-tmp-page' },
  },
  {
    mechanism: 'AS_WRITEBACK_MAY_DEADLOCK_ON_RECLAIM (9.7)',
    source: 'mm/vmscan.c shrink_folio_list, 0c4f8ed498ce (6.16)',
    model: 'fuse-memcg',
    without: { policy: 'none' },
    with: { policy: 'writeback-may-deadlock' },
  },
  {
    mechanism: 'OOM killer (9.8)',
    source: 'mm/oom_kill.c out_of_memory, mark_oom_victim',
    model: 'oom-lock',
    params: { hog_sleeps: 'pause' },
    without: { policy: 'none' },
    with: { policy: 'oom-killer' },
  },
  {
    mechanism: 'oom_reaper (9.8)',
    source: 'mm/oom_kill.c oom_reap_task, aac453635549 (4.6)',
    model: 'oom-lock',
    without: { policy: 'oom-killer' },
    with: { policy: 'oom-reaper' },
  },
  {
    mechanism: 'asynchronous kmirrord, region pool it returns itself (9.9)',
    source: 'drivers/md/dm-raid1.c, dm-region-hash.c __rh_alloc, c06aad854fdb (2.6.18)',
    model: 'dm-raid1',
    params: { daemon_reclaim_io: 'no', pool: 2, regions: 1, inflight: 2 },
    without: { policy: 'mempool-only', params: { region_alloc: 'mempool' } },
    with: { policy: 'mempool-only', params: { region_alloc: 'kmalloc' } },
  },
];
