import { PF_MEMALLOC_NOIO } from '../context.js';
import type { Policy } from '../policy.js';

/**
 * PR_SET_IO_FLUSHER: a daemon in the writeout path runs with PF_MEMALLOC_NOIO, so its reclaim
 * never starts I/O (never queues work to itself). It gets no reserve.
 */
export const ioFlusher: Policy = {
  name: 'io-flusher',
  summary: 'daemons run with PF_MEMALLOC_NOIO: their reclaim never starts I/O',
  doesNot: 'gives the daemons no reserve: with nothing freeable without I/O they wait for memory',
  notApplicable: (spec) => (spec.actors.some((a) => a.kind === 'daemon') ? undefined : 'it has no daemon in the writeout path'),
  hooks: { context: (site, mask) => (site.actor.kind === 'daemon' ? mask | PF_MEMALLOC_NOIO : mask) },
};
