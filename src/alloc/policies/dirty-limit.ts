import type { Policy } from '../policy.js';

/**
 * A per-device cap on pages dirty or under writeout (FUSE's strictlimit): a dirtier over it is
 * throttled until writeout catches up. The cap is the scenario's `dirtyLimit`, by default half
 * the pages above M.
 */
export const dirtyLimit: Policy<'dirty-limit'> = {
  name: 'dirty-limit',
  summary: 'a per-device cap on dirty pages throttles dirtiers',
  doesNot: "does not limit allocations that dirty nothing (a daemon's, network buffers) nor reserve memory for writeout",
  notApplicable: (spec) => (spec.actors.some((a) => a.kind === 'dirtier') ? undefined : 'no actor dirties pages'),
  hooks: {
    mayDirty: (world, s, device) => s[world.layout.dirty(device)]! + s[world.layout.writeout(device)]! < world.dirtyLimit,
  },
};
