/**
 * Asynchronous daemons and pools their daemon returns (drivers/md/dm-raid1.c do_writes/do_write,
 * dm-io.c dm_io with a notify callback, dm-region-hash.c __rh_alloc/dm_rh_update_states).
 *
 * kmirrord issues a request's leg writes with dm_io and a completion callback and goes on to
 * its next request; the original bio ends (the page is written) when every leg has completed.
 * A daemon declared with `inflight: n` (n >= 2) does the same: its `submit` moves the request and
 * the legs in hand into one of n in-flight slots, and the disk interrupt completes the slot.
 *
 * Some pools are not refilled by the interrupt: a region taken from dm's region pool for a write
 * stays attached to the region while the write is pending; when it completes (dm_rh_dec) the
 * region is clean, and only kmirrord frees it, in dm_rh_update_states at the start of its next
 * pass. A pool declared `returnedBy: 'daemon'` keeps the elements its requests took as "in use",
 * then "awaiting return" once the request completes; the daemon returns them (mempool_free) as
 * its first move when it next looks for work, and takes no request before that.
 */
import type { Exec } from './exec.js';
import { inFlight, POOL_AWAITING, POOL_IN_USE } from './inflight-counts.js';
import { R_HELD, R_N, R_PC, R_REQ, R_REQF, SLOT, SLOT_HELD, SLOT_REQ } from './layout.js';
import { mempoolFree, returnPool } from './mempool.js';
import { perWorld } from './per-world.js';
import { finishWriteout } from './writeout.js';
import type { ActorInfo, PoolInfo, World } from './world.js';

export { POOL_AWAITING, POOL_IN_USE } from './inflight-counts.js';

/** Elements of `pool` one request of `daemon` takes: the repeats of its steps that name the pool. */
function perRequest(daemon: ActorInfo, pool: PoolInfo): number {
  return daemon.program.reduce((n, i) => n + (i.step.pool === pool.name ? i.repeat : 0), 0);
}

/** The pools this daemon returns itself: daemon-returned pools its program allocates from. */
export function ownPools(world: World, daemon: ActorInfo): readonly PoolInfo[] {
  return ownPoolsByActor(world)[daemon.index]!;
}

/** {@link ownPools} by actor index: asked at every move of a daemon, fixed when the world is built. */
const ownPoolsByActor = perWorld((world) => world.actors.map((a) => world.pools.filter((p) => p.returnedBy === 'daemon' && perRequest(a, p) > 0)));

/** Where an element of `pool` taken by the current step goes: "in use" for a daemon-returned pool. */
export function takenTo(x: Exec, pool: string | undefined): number | undefined {
  const p = pool === undefined ? undefined : x.world.poolNamed.get(pool);
  return p?.returnedBy === 'daemon' ? x.world.layout.returned(p.index) + POOL_IN_USE : undefined;
}

/** A request of `daemon` has completed: its elements of daemon-returned pools await the daemon. */
export function requestDone(world: World, d: Uint8Array, daemon: ActorInfo): void {
  for (const p of ownPools(world, daemon)) {
    const at = world.layout.returned(p.index);
    const n = Math.min(perRequest(daemon, p), d[at + POOL_IN_USE]!);
    d[at + POOL_IN_USE] = d[at + POOL_IN_USE]! - n;
    d[at + POOL_AWAITING] = d[at + POOL_AWAITING]! + n;
  }
}

/**
 * dm_rh_update_states: the daemon returns the elements awaiting it (mempool_free: to the pool up
 * to min_nr, the rest to the free list). True when it moved, so it takes no request this time.
 */
export function returnAwaiting(x: Exec): boolean {
  let moved = false;
  for (const p of ownPools(x.world, x.me)) {
    const at = x.world.layout.returned(p.index);
    const n = x.s[at + POOL_AWAITING]!;
    if (n === 0) continue;
    const d = x.draft();
    mempoolFree(x, d, at + POOL_AWAITING, p, n);
    x.emit(d, 'return-elements', x.quiet ? '' : (s) => `${x.me.name} returns ${n} element(s) of the ${p.name} mempool that only it frees, now their I/O is done (${s.pool(p.name)} in the pool)`);
    moved = true;
  }
  return moved;
}

/**
 * The daemon issues the request it serves and the pages in hand to `disk` asynchronously and goes
 * back for its next request; with every slot taken it waits for a completion.
 */
export function issueAsync(x: Exec, disk: string): void {
  const at = x.world.layout.slots(x.me.index);
  const used = inFlight(x.world, x.s, x.me);
  if (used >= x.me.inflight) return;
  const d = x.draft();
  const slot = at + SLOT * used;
  d[slot + SLOT_REQ] = x.reg(R_REQ);
  d[slot + SLOT_HELD] = x.reg(R_HELD);
  for (const r of [R_REQ, R_REQF, R_HELD, R_N, R_PC]) x.set(d, r, 0);
  const from = x.world.actors[x.reg(R_REQ) - 1]!.name;
  x.emit(d, 'submit-async', x.quiet ? '' : `${x.me.name} issues the ${x.reg(R_HELD)} page(s) of ${from}'s request to ${disk} asynchronously (dm_io with a callback) and goes on; ${used + 1} request(s) in flight`);
}

/** The disk interrupt's moves for the asynchronous `daemons` whose I/O goes to `disk`. */
export function completeAsync(x: Exec, disk: string, daemons: readonly ActorInfo[]): void {
  for (const a of daemons) {
    const at = x.world.layout.slots(a.index);
    const used = inFlight(x.world, x.s, a);
    for (let i = 0; i < used; i++) {
      const writer = x.s[at + SLOT * i + SLOT_REQ]! - 1;
      x.serving = x.world.actors[writer]!.name;
      const d = x.draft();
      completeSlot(x, d, a, i, used);
      x.emit(d, 'complete', x.quiet ? '' : `${disk} completes the I/O ${a.name} issued for ${x.serving}'s request (the dm_io callback ends it); ${x.serving}'s page is written and free`);
    }
  }
}

function completeSlot(x: Exec, d: Uint8Array, daemon: ActorInfo, i: number, used: number): void {
  const { world } = x;
  const at = world.layout.slots(daemon.index);
  const slot = at + SLOT * i;
  const submit = daemon.program.find((s) => s.step.kind === 'submit')!.step;
  const pool = returnPool(x, { actor: daemon, purpose: 'page', serving: false, request: 0, pool: submit.pool });
  mempoolFree(x, d, slot + SLOT_HELD, pool, d[slot + SLOT_HELD]!);
  finishWriteout(world, d, d[slot + SLOT_REQ]! - 1);
  requestDone(world, d, daemon);
  // Slots stay packed in issue order, and a free one is all zero: equal states, equal bytes.
  d.copyWithin(slot, slot + SLOT, at + SLOT * used);
  d.fill(0, at + SLOT * (used - 1), at + SLOT * used);
}
