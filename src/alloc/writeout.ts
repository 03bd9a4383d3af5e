/**
 * Writing out one page, by whoever does it (kswapd, a task in direct reclaim, a writer): the
 * page leaves `dirty` for `under writeout`, the device's path runs, and the page is free again
 * only when the write completes. A local disk completes by interrupt without memory; a network
 * write completes when its ACK is received; a daemon device completes when its daemon has
 * served the request.
 */
import { allocate, type Attempt } from './allocate.js';
import { memoized } from './context-memo.js';
import { leaveReclaim, sendBufferTo, sendsAsync } from './async-writeout.js';
import { GFP_NOIO, PF_MEMALLOC, PF_MEMALLOC_NOIO } from './context.js';
import { advance, type Exec } from './exec.js';
import { FREE, F_MEMALLOC, F_RECLAIM, RQ_MEMALLOC, RQ_NOIO, R_FLAGS, R_HELD, R_WO, R_WODEV, WO_INFLIGHT, WO_START, WO_TEMP } from './layout.js';
import { cleanOwner, endPageWriteback } from './memcg.js';
import { mempoolFree, returnPool } from './mempool.js';
import { perExec } from './per-exec.js';
import type { DeviceInfo, World } from './world.js';

const inflight = perExec((x) => (d: Uint8Array): void => x.set(d, R_WO, WO_INFLIGHT));

/**
 * Emits the moves of the writeout the current actor is doing (R_WO != 0). Its allocations are
 * made in the I/O path, which the kernel does in GFP_NOIO (submit_bh and bio_alloc, the sunrpc
 * and nbd sockets): a writer that is not PF_MEMALLOC waits for memory there rather than recurse
 * into reclaim, whose writeout would replace the one under way.
 */
export function runWriteout(x: Exec): void {
  if (x.reg(R_WO) !== WO_START) return; // in flight: someone else completes it
  starts(x)[x.reg(R_WODEV)]!(x);
}

/**
 * Per device, by index, what starting a writeout on it does, made once per Exec: device objects
 * differ in shape by kind, and reading their fields in every move was a megamorphic load.
 */
const starts = perExec((x) =>
  x.world.devices.map((dev): ((x: Exec) => void) => {
    if (dev.kind === 'disk') {
      if (dev.bio) {
        const bio = memoized<Attempt>(x, { purpose: 'bio', pool: dev.pool, mask: GFP_NOIO, what: `a bio for its ${dev.name} writeout`, then: inflight(x) });
        return (x) => allocate(x, bio);
      }
      return (x) => {
        const d = x.draft();
        inflight(x)(d);
        x.emit(d, 'submit', x.quiet ? '' : `${x.me.name} submits the page to ${dev.name}`);
      };
    }
    if (dev.kind === 'network') return send(x, dev);
    return enqueue(x, dev);
  }),
);

/**
 * Sending the page to `dev`'s server: a send buffer, then the write waits for its ACK, or (a
 * task in direct reclaim on a device that does not wait, async-writeout.ts) goes back to its
 * allocation. Both attempts are made once per Exec, not an object, a sentence and a closure
 * per move.
 */
function send(x: Exec, dev: DeviceInfo & { kind: 'network' }): (x: Exec) => void {
  const to = `a send buffer and sends the page to the ${dev.name} server`;
  const waits = memoized<Attempt>(x, { purpose: 'send', mask: GFP_NOIO, what: to, then: inflight(x) });
  const goesBack = memoized<Attempt>(x, { purpose: 'send', mask: GFP_NOIO, what: `${to}, and goes back to its allocation without waiting for the ACK`, to: sendBufferTo(x.world, dev), then: leaveReclaim(x) });
  return (x) => allocate(x, sendsAsync(x, dev) ? goesBack : waits);
}

/** The actor takes one dirty page of `dev` and starts writing it out (it waits for the write). */
export function writeOutDirtyPage(x: Exec, dev: DeviceInfo, name: string, say: string): void {
  const d = x.draft();
  x.move(d, x.world.layout.dirty(dev.index), x.world.layout.writeout(dev.index));
  x.set(d, R_WO, WO_START);
  x.set(d, R_WODEV, dev.index);
  x.emit(d, name, say);
}

/** The flags a request carries: the submitter's PF_MEMALLOC and NOIO state. */
function requestFlags(x: Exec): number {
  const mask = x.me.context | x.me.flags;
  const memalloc = mask & PF_MEMALLOC || x.reg(R_FLAGS) & F_MEMALLOC;
  return (memalloc ? RQ_MEMALLOC : 0) | (mask & PF_MEMALLOC_NOIO ? RQ_NOIO : 0);
}

/** Queueing a writeout to `dev`'s daemon (its queue's offset and capacity read once). */
function enqueue(x: Exec, dev: DeviceInfo & { kind: 'daemon' }): (x: Exec) => void {
  const at = x.world.layout.queue(dev.index);
  const capacity = dev.queue;
  return (x) => {
    if (x.world.stages.writepage(x, dev)) return;
    if (x.s[at]! >= capacity) return; // the queue is full: wait
    const d = x.draft();
    const said = queueRequest(x, d, dev);
    inflight(x)(d);
    x.emit(d, 'queue-writeout', x.quiet ? '' : `${x.me.name} queues the writeout of a ${dev.name} page to ${said}`);
  };
}

/**
 * Puts the current actor's request at the tail of `dev`'s queue in `d` (the caller checked there
 * is room); returns '<daemon> (<its kind>; <n> queued)' for the story.
 */
export function queueRequest(x: Exec, d: Uint8Array, dev: DeviceInfo & { kind: 'daemon' }): string {
  const at = x.world.layout.queue(dev.index);
  const n = x.s[at]!;
  const flags = requestFlags(x);
  d[at + 1 + n] = (x.me.index << 2) | flags;
  d[at] = n + 1;
  const kind = flags & RQ_MEMALLOC ? 'a PF_MEMALLOC request' : 'a request that is not PF_MEMALLOC';
  return x.quiet ? '' : `${x.world.actors[dev.daemonIndex!]!.name} (${kind}; ${n + 1} queued)`;
}

/**
 * Completes actor `writer`'s writeout in `d`: the page is free, the writer resumes (a task in
 * direct reclaim goes back to retry its allocation as itself).
 */
export function finishWriteout(world: World, d: Uint8Array, writer: number): void {
  const a = world.layout.actor(writer);
  const dev = d[a + R_WODEV]!;
  if (d[a + R_WO] === WO_TEMP) {
    // A temporary copy (fuse's tmp_page): the page-cache page was clean already; the copy is freed.
    const temp = world.layout.writebackTemp(dev);
    d[temp] = d[temp]! - 1;
    d[FREE] = d[FREE]! + 1;
  } else {
    const wo = world.layout.writeout(dev);
    d[wo] = d[wo]! - 1;
    // With a page cache, the written page stays cached and clean until reclaim frees it.
    const to = cleanOwner(world, dev);
    d[to] = d[to]! + 1;
    if (world.groups.length > 0) endPageWriteback(world, d, dev);
  }
  d[a + R_WO] = 0;
  d[a + R_WODEV] = 0;
  const flags = d[a + R_FLAGS]!;
  if (flags & F_RECLAIM) d[a + R_FLAGS] = flags & ~(F_RECLAIM | F_MEMALLOC);
  else advance(world, d, writer);
}

/** Completes a disk writeout: the interrupt frees the bio (mempool_free) and the page. */
export function completeDiskWrite(x: Exec, d: Uint8Array, writer: number, dev: DeviceInfo): void {
  if (dev.kind === 'disk' && dev.bio) {
    const actor = x.world.actors[writer]!;
    const pool = returnPool(x, { actor, purpose: 'bio', serving: false, request: 0, pool: dev.pool });
    mempoolFree(x, d, x.world.layout.actor(writer) + R_HELD, pool, 1);
  }
  finishWriteout(x.world, d, writer);
}

/** Completes a network writeout once its ACK is in: the send buffer and the page are free. */
export function completeNetWrite(x: Exec, d: Uint8Array, writer: number): void {
  x.move(d, x.world.layout.actor(writer) + R_HELD, FREE);
  finishWriteout(x.world, d, writer);
}
