import type { Recoverable } from '../src/core/model.js';
import type { AllocState } from '../src/alloc/state.js';

/** From every reachable state some path brings free pages back above M. */
export const recoverable: Recoverable<AllocState> = {
  kind: 'recoverable',
  name: 'recoverable',
  description: 'from every reachable state, some path leads back to free pages above M',
  q: (s) => s.free > s.world.watermarks.min,
};
