import type { Policy } from '../policy.js';
import type { DeviceSpec } from '../world.js';

const isSwap = (d: DeviceSpec): boolean => d.kind === 'network' && d.swap === true;

/**
 * A per-device cap on pages dirty or under writeout (FUSE's strictlimit): a dirtier over it is
 * throttled until writeout catches up. The cap is the scenario's `dirtyLimit`, by default half
 * the pages above M. Swap devices are not capped: anonymous pages are not dirtied through the
 * page cache, and the policy does not apply to a world whose only devices are swap.
 */
export const dirtyLimit: Policy<'dirty-limit'> = {
  name: 'dirty-limit',
  summary: 'a per-device cap on dirty pages throttles dirtiers',
  doesNot: "does not limit allocations that dirty nothing (a daemon's, network buffers) nor reserve memory for writeout",
  notApplicable(spec) {
    if (!spec.actors.some((a) => a.kind === 'dirtier')) return 'no actor dirties pages';
    if (Object.values(spec.devices).every(isSwap)) return 'its only devices are swap, which dirty limits do not cover';
    return undefined;
  },
  hooks: {
    mayDirty: (world, s, device) => isSwap(world.devices[device]!) || s[world.layout.dirty(device)]! + s[world.layout.writeout(device)]! < world.dirtyLimit,
  },
};
