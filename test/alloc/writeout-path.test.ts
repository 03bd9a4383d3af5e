import { describe, expect, it } from 'vitest';
import { dirtier, localDisk, networkDevice, scenario } from '../../src/language.js';
import type { AllocState, DeviceSpec } from '../../src/alloc/index.js';
import { R_WO, R_WODEV } from '../../src/alloc/layout.js';
import { check } from '../../src/core/check.js';

// A dirtier over the dirty limit writes back a page itself (balance_dirty_pages), not as
// PF_MEMALLOC. The allocations of its writeout (a bio, a send buffer) are made in the I/O path,
// which the kernel does with GFP_NOIO (submit_bh, bio_alloc(GFP_NOIO); sunrpc and nbd sockets):
// they must not recurse into reclaim, whose writeout would replace the one under way.
function throttledWriter(device: DeviceSpec) {
  return scenario({
    name: 'throttled-writer',
    summary: 'one dirtier over its dirty limit with memory at M',
    description: 'A dirtier fills memory to M, then is throttled and writes back a page itself.',
    params: {},
    world: () => ({ kernel: '2.6', memory: { pages: 4, min: 2, dirtyLimit: 2 }, devices: { dev: device }, actors: [dirtier('dev')] }),
  }).build({}, 'dirty-limit');
}

/** Every page under writeout on a device belongs to the writeout some actor is doing there. */
function writeoutsTracked(s: AllocState): boolean {
  return s.world.devices.every((d) => {
    const owners = s.world.actors.filter((a) => s.register(a.index, R_WO) !== 0 && s.register(a.index, R_WODEV) === d.index).length;
    return s.bytes[s.world.layout.writeout(d.index)] === owners;
  });
}

describe('the writeout path allocates in GFP_NOIO', () => {
  it.each([
    ['a bio for a local disk', localDisk({ bio: true })],
    ['a send buffer for a network device', networkDevice({ retransmit: true })],
  ])('%s: a throttled writer never starts a second writeout from inside its first', (_what, device) => {
    const model = throttledWriter(device);
    const r = check({ ...model, properties: [{ kind: 'invariant', name: 'writeouts-tracked', holds: writeoutsTracked }] });
    expect(r.verdict).toBe('holds');
  });

});
