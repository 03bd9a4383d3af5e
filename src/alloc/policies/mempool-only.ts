import type { Policy } from '../policy.js';

/**
 * Steps that name a mempool allocate from it (mempool_alloc of the kernel era), and the pool is
 * filled with min_nr pages when the model starts; without this policy they use the page
 * allocator and the pool does not exist.
 */
export const mempoolOnly: Policy<'mempool-only'> = {
  name: 'mempool-only',
  summary: 'per-request allocations come from a mempool (2.6.9 or modern mempool_alloc)',
  doesNot: 'gives the daemon no reserve: the pool refills only when its own elements come back, and its reclaim may still queue I/O to itself',
  notApplicable: (spec) => (Object.keys(spec.pools ?? {}).length === 0 ? 'it declares no mempool' : undefined),
  hooks: { usePool: (site) => site.pool !== undefined },
};
