/**
 * The counts of asynchronous daemons and daemon-returned pools (inflight.ts) read from a state:
 * plain reads of the state's bytes, apart from the moves, so that the state's views and the
 * conservation sum need not import the moves (which import the Exec, which imports the state).
 */
import { SLOT, SLOT_HELD, SLOT_REQ } from './layout.js';
import type { ActorInfo, PoolInfo, World } from './world.js';

/** Offsets of a daemon-returned pool's counters, from Layout.returned. */
export const POOL_IN_USE = 0;
export const POOL_AWAITING = 1;

/** Requests in flight on an asynchronous daemon now. */
export function inFlight(world: World, s: Uint8Array, daemon: ActorInfo): number {
  if (daemon.inflight < 2) return 0;
  const at = world.layout.slots(daemon.index);
  let n = 0;
  for (let i = 0; i < daemon.inflight; i++) if (s[at + SLOT * i + SLOT_REQ] !== 0) n++;
  return n;
}

/** Pages an asynchronous daemon's requests hold in flight (for the conservation sum). */
export function heldInFlight(world: World, s: Uint8Array, daemon: ActorInfo): number {
  if (daemon.inflight < 2) return 0;
  const at = world.layout.slots(daemon.index);
  let n = 0;
  for (let i = 0; i < daemon.inflight; i++) n += s[at + SLOT * i + SLOT_HELD]!;
  return n;
}

/** Pages of a daemon-returned pool in use by requests or awaiting their daemon. */
export function poolOutstanding(world: World, s: Uint8Array, pool: PoolInfo): number {
  if (pool.returnedBy !== 'daemon') return 0;
  const at = world.layout.returned(pool.index);
  return s[at + POOL_IN_USE]! + s[at + POOL_AWAITING]!;
}
