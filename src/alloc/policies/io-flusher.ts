import { PF_MEMALLOC_NOIO } from '../context.js';
import type { Policy } from '../policy.js';

/**
 * PR_SET_IO_FLUSHER (kernel/sys.c, include/linux/sched/mm.h; Linux 5.6): a daemon in the
 * writeout path runs with PF_MEMALLOC_NOIO, so its reclaim never starts I/O (never queues work
 * to itself) and frees only what needs none: clean page cache and shrinkers that do not stop
 * without __GFP_IO (reclaim.ts). It gets no reserve.
 */
export const ioFlusher: Policy<'io-flusher'> = {
  name: 'io-flusher',
  summary: 'daemons run with PF_MEMALLOC_NOIO (PR_SET_IO_FLUSHER): their reclaim frees only clean page cache and slab, never starts I/O',
  doesNot: 'grants no reserve: with nothing freeable without I/O they wait for memory',
  notApplicable: (spec) => (spec.actors.some((a) => a.kind === 'daemon') ? undefined : 'it has no daemon in the writeout path'),
  hooks: { context: (site, mask) => (site.actor.kind === 'daemon' ? mask | PF_MEMALLOC_NOIO : mask) },
};
