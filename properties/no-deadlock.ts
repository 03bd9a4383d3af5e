import type { DeadlockFree } from '../src/core/model.js';
import type { AllocState } from '../src/alloc/state.js';

/**
 * No state where some actor wants to move and none can. A dead state whose memory is held by
 * actors and pools with nothing dirty or under writeout is out of memory ('oom'): no protocol
 * could free it, only the OOM killer. Anything else is a protocol deadlock.
 */
export const noDeadlock: DeadlockFree<AllocState> = {
  kind: 'deadlock-free',
  name: 'no-deadlock',
  description: 'some actor can always move, unless every actor is idle',
  classify: (s) => (s.reclaimable() === 0 && s.free <= s.world.watermarks.min ? 'oom' : 'deadlock'),
};
