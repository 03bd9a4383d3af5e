import type { Policy } from '../policy.js';
import { fuseMapping } from '../tmp-page.js';
import { fuseMemcgApplies } from './fuse-tmp-page.js';

/**
 * AS_WRITEBACK_MAY_DEADLOCK_ON_RECLAIM ("mm: skip folio reclaim in legacy memcg contexts for
 * deadlockable mappings", 0c4f8ed498ce, Linux 6.16, with the removal of FUSE's temporary pages;
 * include/linux/pagemap.h mapping_set_writeback_may_deadlock_on_reclaim, set by fs/fuse/file.c):
 * shrink_folio_list does not wait on writeback of a FUSE mapping's folios in legacy memcg reclaim.
 */
export const writebackMayDeadlock: Policy<'writeback-may-deadlock'> = {
  name: 'writeback-may-deadlock',
  summary: "FUSE mappings are marked so that memcg reclaim does not wait on their writeback (6.16)",
  doesNot: 'frees nothing itself: a group with nothing else to reclaim still waits, where the kernel would call the memcg OOM killer',
  notApplicable: fuseMemcgApplies,
  hooks: {},
  stages: { writebackMayDeadlock: fuseMapping },
};
