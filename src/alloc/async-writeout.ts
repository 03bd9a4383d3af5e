/**
 * Direct reclaim that does not wait for its writes (mm/vmscan.c: pageout starts writeback and
 * shrink_page_list goes on; swap_writepage to a swap file on NFS, or an NBD device, sends the
 * page and returns). The task leaves direct reclaim with the page under writeback, retries its
 * allocation, fails, and enters direct reclaim again, through throttle_direct_reclaim each time,
 * for the next page: so several reclaimers can each have several writes in flight, every one
 * holding a send buffer taken as PF_MEMALLOC from the reserve. That is the load Linux 3.6's
 * throttle was written for ("a large number of reclaimers can hang the system by consuming all
 * PF_MEMALLOC reserves", 5515061d22f0).
 *
 * The writes belong to the device, not to the task (the task waits for none of them): a network
 * device declared `asyncReclaim` counts its writes awaiting an ACK and those whose ACK was
 * dropped (Layout.asyncWrites), each one page under writeout plus its send buffer. The receiver
 * takes an skb for an ACK as for any writeout; a drop is resent by the server or, without
 * retransmission, lost with its page and buffer. kswapd (one page at a time) and a task writing
 * its own page still wait for their writes (writeout.ts).
 */
import { allocate } from './allocate.js';
import { GFP_ATOMIC } from './context.js';
import type { Exec } from './exec.js';
import { F_MEMALLOC, F_RECLAIM, FREE, R_FLAGS, R_WO, R_WODEV } from './layout.js';
import type { DeviceInfo, World } from './world.js';

/** Offsets within Layout.asyncWrites. */
const AWAITING = 0;
const DROPPED = 1;

/** Whether the current actor's writeout on `dev` is sent without waiting: direct reclaim to an asyncReclaim device. */
export function sendsAsync(x: Exec, dev: DeviceInfo): boolean {
  return dev.kind === 'network' && dev.asyncReclaim === true && (x.reg(R_FLAGS) & F_RECLAIM) !== 0;
}

/** Where the send buffer of an asynchronous write goes: the device's writes awaiting an ACK. */
export function sendBufferTo(world: World, dev: DeviceInfo): number {
  return world.layout.asyncWrites(dev.index) + AWAITING;
}

/**
 * The continuation once the send buffer is taken (into {@link sendBufferTo}): the task leaves
 * direct reclaim, and its PF_MEMALLOC, and goes back to retry its allocation.
 */
export function leaveReclaim(x: Exec): (d: Uint8Array) => void {
  return (d) => {
    x.set(d, R_WO, 0);
    x.set(d, R_WODEV, 0);
    x.set(d, R_FLAGS, x.reg(R_FLAGS) & ~(F_RECLAIM | F_MEMALLOC));
  };
}

/** Writes on `device` whose ACK the receiver may take now (0 for a device without asynchronous writes). */
export function awaitingAck(world: World, s: Uint8Array, device: number): number {
  const at = world.layout.asyncWrites(device);
  return at < 0 ? 0 : s[at + AWAITING]!;
}

/** Writes on `device` whose ACK was dropped: resent later, or lost without retransmission. */
export function droppedAcks(world: World, s: Uint8Array, device: number): number {
  const at = world.layout.asyncWrites(device);
  return at < 0 ? 0 : s[at + DROPPED]!;
}

/**
 * The receiver's move for the asynchronous writes on `device`: an skb for the next ACK at
 * GFP_ATOMIC (or the reserve, under network-reserve), or a drop when there is no memory for it.
 */
export function receiveAsyncAck(x: Exec, device: number, retransmit: boolean): void {
  const { world } = x;
  const n = awaitingAck(world, x.s, device);
  if (n === 0) return;
  const dev = world.devices[device]!;
  x.serving = `${dev.name} writes of direct reclaim`;
  allocate(x, {
    purpose: 'ack',
    mask: GFP_ATOMIC,
    what: `an skb for the ACK of one of the ${n} ${dev.name} write(s) direct reclaim left in flight, which completes`,
    then: acked(x, device),
    failed: {
      name: 'drop',
      say: `the receiver has no memory at its floor for the ACK of a ${dev.name} write direct reclaim left in flight and drops it${retransmit ? '' : '; it is lost, with its page and send buffer'}`,
      apply: dropped(world, device),
    },
  });
}

// Continuations are made by functions, not written inline in the attempts: see Exec.goOn.

/** Frees the skb that carried the ACK, and completes one asynchronous write. */
function acked(x: Exec, device: number): (d: Uint8Array) => void {
  return (d) => {
    x.move(d, x.heldAt, FREE);
    ackAsync(x.world, d, device);
  };
}

function dropped(world: World, device: number): (d: Uint8Array) => void {
  return (d) => dropAsync(world, d, device);
}

/** The server's move: it resends one dropped ACK of an asynchronous write. */
export function resendAsyncAck(x: Exec, device: number): void {
  if (droppedAcks(x.world, x.s, device) === 0) return;
  const dev = x.world.devices[device]!;
  x.serving = `${dev.name} writes of direct reclaim`;
  const d = x.draft();
  resendAsync(x.world, d, device);
  x.emit(d, 'retransmit', x.quiet ? '' : `the ${dev.name} server resends a dropped ACK of a write direct reclaim left in flight`);
}

/** The ACK of one asynchronous write is in: its send buffer and its page are free (the page clean, with a page cache). */
function ackAsync(world: World, d: Uint8Array, device: number): void {
  const at = world.layout.asyncWrites(device);
  d[at + AWAITING] = d[at + AWAITING]! - 1;
  d[FREE] = d[FREE]! + 1;
  const wo = world.layout.writeout(device);
  d[wo] = d[wo]! - 1;
  if (world.pageCache) d[world.layout.clean] = d[world.layout.clean]! + 1;
  else d[FREE] = d[FREE]! + 1;
}

/** The receiver had no memory for the ACK of one asynchronous write: it is dropped. */
function dropAsync(world: World, d: Uint8Array, device: number): void {
  const at = world.layout.asyncWrites(device);
  d[at + AWAITING] = d[at + AWAITING]! - 1;
  d[at + DROPPED] = d[at + DROPPED]! + 1;
}

/** The server resends one dropped ACK. */
function resendAsync(world: World, d: Uint8Array, device: number): void {
  const at = world.layout.asyncWrites(device);
  d[at + DROPPED] = d[at + DROPPED]! - 1;
  d[at + AWAITING] = d[at + AWAITING]! + 1;
}

/** Asynchronous writes on `dev` whose ACK was dropped and will not be resent: lost for good. */
export function lostAsyncWrites(world: World, s: Uint8Array, dev: DeviceInfo): number {
  return dev.kind === 'network' && !dev.retransmit ? droppedAcks(world, s, dev.index) : 0;
}

/** Offsets of the send buffers the asynchronous writes hold (awaiting an ACK, or dropped), for the conservation sum. */
export function sendBufferOffsets(world: World): number[] {
  return world.devices.flatMap((d) => {
    const at = world.layout.asyncWrites(d.index);
    return at < 0 ? [] : [at + AWAITING, at + DROPPED];
  });
}
