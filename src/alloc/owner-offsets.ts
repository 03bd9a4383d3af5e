/**
 * Where the page counts of a world's plain owners lie in a state: free, dirty and under writeout
 * per device, each mempool, each actor's hand, the send buffers of asynchronous writes. The
 * conservation invariant sums them in every stored state, so their offsets are found once per
 * world, not by walking devices, pools and actors through the layout each time; the owners that
 * need more than a byte (a daemon-returned pool, an asynchronous daemon's slots) are listed
 * beside them.
 */
import { sendBufferOffsets } from './async-writeout.js';
import { heldInFlight, poolOutstanding } from './inflight-counts.js';
import { FREE, R_HELD } from './layout.js';
import { perWorld } from './per-world.js';
import type { ActorInfo, PoolInfo, World } from './world.js';

export interface OwnerOffsets {
  readonly plain: Int32Array;
  readonly returnedPools: readonly PoolInfo[];
  readonly asyncActors: readonly ActorInfo[];
  /**
   * Whether the world has any owner beyond these: clean page cache, shrinkers, bios, memory
   * cgroups (AllocState.cleanAndSlab). Most have none, and the sum then skips walking for them.
   */
  readonly others: boolean;
}

/** The owners of `world`, found on first use. @example ownerOffsets(world).plain[0] === FREE */
export const ownerOffsets = perWorld((world): OwnerOffsets => {
  const { layout } = world;
  const plain = [FREE, ...world.devices.flatMap((d) => [layout.dirty(d.index), layout.writeout(d.index)]), ...world.pools.map((p) => layout.pool(p.index)), ...world.actors.map((a) => layout.actor(a.index) + R_HELD), ...sendBufferOffsets(world)];
  const others = world.pageCache || world.shrinkers.length > 0 || world.groups.length > 0 || world.pools.some((p) => p.device !== undefined) || world.actors.some((a) => layout.bioList(a.index) >= 0);
  return { plain: Int32Array.from(plain), returnedPools: world.pools.filter((p) => p.returnedBy === 'daemon'), asyncActors: world.actors.filter((a) => a.inflight > 1), others };
});

/** The pages of every owner {@link ownerOffsets} lists, in state `bytes`. */
export function ownedPages(world: World, bytes: Uint8Array): number {
  const { plain, returnedPools, asyncActors } = ownerOffsets(world);
  let sum = 0;
  for (let i = 0; i < plain.length; i++) sum += bytes[plain[i]!]!;
  for (const p of returnedPools) sum += poolOutstanding(world, bytes, p);
  for (const a of asyncActors) sum += heldInFlight(world, bytes, a);
  return sum;
}
