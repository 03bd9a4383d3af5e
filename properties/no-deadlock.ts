import type { DeadlockFree } from '../src/core/model.js';
import { stoppedAtCharge } from '../src/alloc/describe.js';
import { liveVictim } from '../src/alloc/oom.js';
import type { AllocState } from '../src/alloc/state.js';

/**
 * No state where some actor wants to move and none can. A dead state whose memory is held by
 * actors and pools with nothing dirty or under writeout is out of memory ('oom'): no protocol
 * could free it, only the OOM killer. A dead state where the OOM killer has a victim that cannot
 * exit, and so kills nobody else, is 'oom-victim-stuck'. A dead state where a task is stopped at
 * its memory cgroup's limit with nothing in the group to reclaim or wait on is 'memcg-oom': the
 * kernel's memcg OOM killer, which the model lacks, would act there (describe.ts,
 * stoppedAtCharge). Anything else is a protocol deadlock.
 */
export const noDeadlock: DeadlockFree<AllocState> = {
  kind: 'deadlock-free',
  name: 'no-deadlock',
  description: 'some actor can always move, unless every actor is idle',
  classify: (s) => {
    if (liveVictim(s.world, s.bytes)) return 'oom-victim-stuck';
    if (s.reclaimable() === 0 && s.free <= s.world.watermarks.min) return 'oom';
    return stoppedAtCharge(s.world, s) ? 'memcg-oom' : 'deadlock';
  },
};
