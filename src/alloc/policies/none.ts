import type { Policy } from '../policy.js';

/** Every actor allocates in its own context: the kernel of the seed mail, unprotected. */
export const none: Policy<'none'> = {
  name: 'none',
  summary: 'every actor allocates in its own context',
  doesNot: 'adds no mempool, reserve, throttle or inherited flag: the unprotected baseline',
  notApplicable: () => undefined,
  hooks: {},
};
