/** Device declarations: where a writeout goes and what completing it needs. */
import type { DaemonDeviceSpec, DiskSpec, NetworkSpec } from './world.js';

/**
 * A local disk: completion is an interrupt that needs no memory. With `bio: true` each writeout
 * allocates one bio (from `pool` under a mempool policy) and the interrupt frees it.
 */
export function localDisk(o: { bio?: boolean; pool?: string } = {}): DiskSpec {
  return { kind: 'disk', ...(o.bio || o.pool ? { bio: true } : {}), ...(o.pool === undefined ? {} : { pool: o.pool }) };
}

/**
 * A network block or file device: a send buffer per writeout, completed by a received ACK. With
 * `asyncReclaim`, direct reclaim does not wait for its writes; with `swap`, it is swap space,
 * which dirty limits do not cover (see NetworkSpec).
 */
export function networkDevice(o: { retransmit: boolean; asyncReclaim?: boolean; swap?: boolean }): NetworkSpec {
  return { kind: 'network', retransmit: o.retransmit, ...(o.asyncReclaim ? { asyncReclaim: true } : {}), ...(o.swap ? { swap: true } : {}) };
}

/** A device whose requests go to a daemon's queue of `queue` entries. */
export function daemonDevice(o: { daemon: string; queue: number }): DaemonDeviceSpec {
  return { kind: 'daemon', daemon: o.daemon, queue: o.queue };
}
