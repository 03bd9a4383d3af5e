import type { Invariant } from '../src/core/model.js';
import type { AllocState } from '../src/alloc/state.js';

/**
 * Every page has exactly one owner (free, dirty, under writeout, a mempool, an actor's hand), and
 * no memory cgroup is charged beyond its limit (its charge is the sum of the owners charged to it).
 */
export const pagesConserved: Invariant<AllocState> = {
  kind: 'invariant',
  name: 'pages-conserved',
  description: 'the pages of all owners add up to the zone size in every state',
  holds: (s) => s.totalPages() === s.world.pages && s.chargesWithinLimits(),
};
