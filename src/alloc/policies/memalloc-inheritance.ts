import { PF_MEMALLOC, PF_MEMALLOC_NOIO } from '../context.js';
import { RQ_MEMALLOC, RQ_NOIO } from '../layout.js';
import type { Policy } from '../policy.js';

/**
 * The seed's proposal: a request carries its submitter's PF_MEMALLOC state and the daemon
 * allocates in it while serving that request. NOIO travels too unless the daemon says
 * `inheritNoio: false` (the half the seed marks "probably").
 */
export const memallocInheritance: Policy<'memalloc-inheritance'> = {
  name: 'memalloc-inheritance',
  summary: "a daemon serves each request in its submitter's PF_MEMALLOC (and NOIO) state",
  doesNot: 'does not bound how much of the reserve a daemon takes, nor help requests submitted without PF_MEMALLOC; the modern mempool masks it (__GFP_NOMEMALLOC)',
  notApplicable: (spec) => (spec.actors.some((a) => a.kind === 'daemon') ? undefined : 'it has no daemon: the task that starts a writeout does it itself'),
  hooks: {
    context(site, mask) {
      if (site.actor.kind !== 'daemon' || !site.serving) return mask;
      let m = mask;
      if (site.request & RQ_MEMALLOC) m |= PF_MEMALLOC;
      if (site.actor.inheritNoio || site.request & RQ_NOIO) m |= PF_MEMALLOC_NOIO;
      return m;
    },
  },
};
