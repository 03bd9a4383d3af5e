import type { Invariant } from '../src/core/model.js';
import type { AllocState } from '../src/alloc/state.js';

/**
 * Every page has exactly one owner (free, dirty, under writeout, a mempool, an actor's hand, a
 * memory cgroup's clean page cache, a temporary page under writeback).
 */
export const pagesConserved: Invariant<AllocState> = {
  kind: 'invariant',
  name: 'pages-conserved',
  description: 'the pages of all owners add up to the zone size in every state',
  holds: (s) => s.totalPages() === s.world.pages,
};
