/**
 * A state as a renderer needs it: the free-pages gauge and the watermark ladder, pages by owner,
 * what each actor is doing, and the wait-for edges whose cycle is the deadlock.
 */
import { GFP_ATOMIC, GFP_NOIO, GFP_NOMEMALLOC, floorOf } from './context.js';
import { ownMask, siteOf } from './allocate.js';
import { Exec } from './exec.js';
import { F_SLEEPING } from './mempool.js';
import { F_INFLIGHT, F_THROTTLED, R_FLAGS, R_HELD, R_PC, R_REQ, R_WO, R_WODEV, WO_INFLIGHT, WO_LOST, WO_START, WO_WBWAIT } from './layout.js';
import { chargeWait, writebackWait } from './memcg-waits.js';
import { dirtyWait } from './dirty-throttle.js';
import { lockWait } from './locks.js';
import { F_OOM_VICTIM, victimEdge } from './oom.js';
import { atRest } from './machine.js';
import type { Purpose } from './policy.js';
import type { AllocState } from './state.js';
import { runWriteout } from './writeout.js';
import { POOL_AWAITING, POOL_IN_USE, ownPools } from './inflight.js';
import { lostAsyncWrites } from './async-writeout.js';
import type { ActorInfo, DeviceInfo, PoolInfo, World } from './world.js';

export interface StateView {
  readonly free: number;
  readonly watermarks: { readonly min: number; readonly atomic: number; readonly memalloc: number };
  readonly owners: Record<string, number>;
  readonly actors: { name: string; kind: string; status: string }[];
  /** Wait-for edges; 'memory' and 'mempool <name>' may be nodes. */
  readonly waitsFor: { from: string; to: string; why: string }[];
}

type Edge = StateView['waitsFor'][number];

function helperOf(world: World, kind: string, device: number): string | undefined {
  return world.actors.find((a) => a.kind === kind && a.device === device)?.name;
}

/** The floor an allocation of `x`'s actor would be held to now, policies and mempool included. */
function floorFor(world: World, x: Exec, purpose: Purpose, pool: string | undefined, mask?: number): number {
  const at = { purpose, pool, what: '', then: () => {}, ...(mask === undefined ? {} : { mask }) };
  const site = siteOf(x, at);
  let m = world.hooks.context(site, ownMask(x, at));
  if (pool !== undefined && world.hooks.usePool(site) && world.kernel === 'modern') m |= GFP_NOMEMALLOC;
  return floorOf(m, world.watermarks);
}

/** An ACK in flight waits on the receiver; the receiver waits on memory while its floor is not met. */
function ackEdges(world: World, x: Exec, dev: DeviceInfo, edges: Edge[]): void {
  const rx = world.actors.find((a) => a.kind === 'receiver' && a.device === dev.index);
  edges.push({ from: x.me.name, to: rx?.name ?? dev.name, why: `waits for the ACK of its ${dev.name} writeout` });
  if (!rx || edges.some((e) => e.from === rx.name && e.to === 'memory')) return;
  const floor = floorFor(world, new Exec(world).at(x.s, rx, () => {}), 'ack', undefined, GFP_ATOMIC);
  if (x.free - 1 < floor) edges.push({ from: rx.name, to: 'memory', why: `needs a page above its floor (${floor}) to receive an ACK` });
}

/** A writeout that cannot get its bio or send buffer: asleep on the pool, or blocked on memory. */
function startStatus(world: World, x: Exec, dev: DeviceInfo, edges: Edge[]): string {
  const pool = dev.kind === 'disk' ? dev.pool : undefined;
  let moves = 0;
  runWriteout(x.at(x.s, x.me, () => moves++));
  if (moves > 0 || (dev.kind === 'disk' && !dev.bio)) return `writing out a page of ${dev.name}`;
  const what = dev.kind === 'disk' ? 'a bio' : 'a send buffer';
  if (x.reg(R_FLAGS) & F_SLEEPING && pool !== undefined) {
    edges.push({ from: x.me.name, to: `mempool ${pool}`, why: `asleep until an element is returned (${what})` });
    return `asleep on the ${pool} mempool, writing out a page of ${dev.name}`;
  }
  const floor = floorFor(world, x, dev.kind === 'disk' ? 'bio' : 'send', pool, GFP_NOIO);
  edges.push({ from: x.me.name, to: 'memory', why: `blocked on memory (floor ${floor}) for ${what}` });
  return `blocked on memory (floor ${floor}) for ${what} to write out a page of ${dev.name}`;
}

function writeoutStatus(world: World, x: Exec, edges: Edge[]): string {
  const dev = world.devices[x.reg(R_WODEV)]!;
  const wo = x.reg(R_WO);
  const me = x.me.name;
  if (wo === WO_WBWAIT) return told(writebackWait(x), edges);
  if (wo === WO_START) {
    if (dev.kind !== 'daemon') return startStatus(world, x, dev, edges);
    edges.push({ from: me, to: world.actors[dev.daemonIndex!]!.name, why: `the ${dev.name} queue is full` });
    return `writing out a page of ${dev.name}`;
  }
  if (dev.kind === 'daemon') {
    const daemon = world.actors[dev.daemonIndex!]!.name;
    edges.push({ from: me, to: daemon, why: `its ${dev.name} writeout is queued to ${daemon}` });
    return `waiting for ${daemon} to write its ${dev.name} page`;
  }
  if (dev.kind === 'disk') {
    edges.push({ from: me, to: helperOf(world, 'irq', dev.index) ?? dev.name, why: `its ${dev.name} write is in flight` });
    return `waiting for ${dev.name} to complete its writeout`;
  }
  if (wo === WO_LOST) return `waiting forever: the ACK for its ${dev.name} writeout was dropped and is not resent`;
  if (wo === WO_INFLIGHT) {
    ackEdges(world, x, dev, edges);
    return `waiting for the ACK of its ${dev.name} writeout`;
  }
  edges.push({ from: me, to: helperOf(world, 'server', dev.index) ?? dev.name, why: 'waits for a dropped ACK to be resent' });
  return 'waiting for a dropped ACK to be resent';
}

/**
 * `atCharge` is told when the actor is stopped at its memory cgroup's charge with nothing in the
 * group to free or wait on (and nothing before the charge stops it).
 */
function status(world: World, x: Exec, s: AllocState, edges: Edge[], atCharge?: () => void): string {
  if (x.reg(R_FLAGS) & F_THROTTLED) {
    const n = Math.floor(world.watermarks.min / 2);
    const kswapd = world.actors.find((a) => a.kind === 'kswapd')?.name ?? 'kswapd';
    edges.push({ from: x.me.name, to: kswapd, why: `throttled in direct reclaim until ${kswapd} raises free pages above ${n}` });
    return `throttled in direct reclaim until ${kswapd} raises free pages above ${n}`;
  }
  if (x.reg(R_WO) !== 0) return writeoutStatus(world, x, edges);
  const step = x.me.program[x.reg(R_PC)]?.step;
  if (!step) return 'exited, killed by the OOM killer';
  const victim = x.reg(R_FLAGS) & F_OOM_VICTIM ? lockWait(x, step) : undefined;
  if (victim) {
    edges.push({ from: x.me.name, ...victim });
    return `an OOM victim that cannot exit: ${victim.why}`;
  }
  if (x.reg(R_FLAGS) & F_INFLIGHT) return step.doing?.(x) ?? 'waiting for its I/O';
  let moves = 0;
  step.run(x.at(s.bytes, x.me, () => moves++));
  if (moves > 0) return step.doing?.(x) ?? step.kind;
  if (atRest(new Exec(world), s, x.me)) return 'idle';
  if (step.kind === 'bio-alloc') {
    const pending = s.bytes[world.layout.bioList(x.me.index)]!;
    edges.push({ from: x.me.name, to: `mempool ${step.pool}`, why: 'asleep in mempool_alloc until a bio returns to the bio_set' });
    return `asleep on the empty ${step.pool} bio_set with ${pending} bio(s) on its own bio_list`;
  }
  if (x.reg(R_FLAGS) & F_SLEEPING && step.pool !== undefined) {
    edges.push({ from: x.me.name, to: `mempool ${step.pool}`, why: 'asleep until an element is returned' });
    return `asleep on the ${step.pool} mempool`;
  }
  const throttled = dirtyWait(world, s.bytes, x.me, step);
  if (throttled) {
    for (const e of throttled.edges) edges.push({ from: x.me.name, ...e });
    return throttled.status;
  }
  const charge = chargeWait(x, step);
  if (charge) {
    atCharge?.();
    return told(charge, edges);
  }
  const onLock = lockWait(x, step);
  if (onLock) {
    edges.push({ from: x.me.name, ...onLock });
    return `asleep on mutex ${step.lock} held by ${onLock.to}`;
  }
  if (['alloc', 'mempool-alloc', 'dirty', 'write-through', 'create-worker'].includes(step.kind)) {
    const floor = floorFor(world, x, step.kind === 'alloc' || step.kind === 'mempool-alloc' ? 'page' : 'dirty', step.pool);
    edges.push({ from: x.me.name, to: 'memory', why: `blocked on memory (floor ${floor})` });
    return `blocked on memory (floor ${floor})`;
  }
  return `blocked ${step.doing?.(x) ?? step.kind}`;
}

/** Adds a wait's edges and returns its status. */
function told(wait: { status: string; edges: Edge[] }, edges: Edge[]): string {
  edges.push(...wait.edges);
  return wait.status;
}

/** An empty bio_set waits for the bios on tasks' bio_lists: they return only once issued. */
function biosetEdges(world: World, s: AllocState, edges: Edge[]): void {
  for (const p of world.pools) {
    if (p.device === undefined || s.bytes[world.layout.pool(p.index)] !== 0) continue;
    for (const a of world.actors) {
      const list = world.layout.bioList(a.index);
      if (list >= 0 && s.bytes[list]! > 0) edges.push({ from: `mempool ${p.name}`, to: a.name, why: `${a.name}'s bios on its bio_list are issued only when its make_request returns` });
    }
  }
}

function memoryEdges(world: World, s: AllocState, edges: Edge[]): void {
  biosetEdges(world, s, edges);
  for (const d of world.devices) {
    const lost = lostAsyncWrites(world, s.bytes, d);
    if (lost > 0) edges.push({ from: 'memory', to: `${d.name} server`, why: `${lost} ${d.name} write(s) that direct reclaim left in flight lost their ACK (dropped, not resent): their pages and send buffers are never freed` });
    const pending = s.bytes[world.layout.dirty(d.index)]! + s.bytes[world.layout.writeout(d.index)]! - lost;
    if (pending === 0 || d.kind === 'disk') continue;
    const to = d.kind === 'daemon' ? world.actors[d.daemonIndex!]!.name : helperOf(world, 'receiver', d.index) ?? d.name;
    edges.push({ from: 'memory', to, why: `${pending} page(s) of ${d.name} are freed only through ${to}` });
  }
  for (const p of world.pools) {
    if (s.bytes[world.layout.pool(p.index)] !== 0) continue;
    if (p.returnedBy === 'daemon') daemonPoolEdges(world, s, p, edges);
    for (const a of world.actors) {
      if (a.kind === 'daemon' && s.register(a.index, R_HELD) > 0 && s.register(a.index, R_REQ) > 0) {
        edges.push({ from: `mempool ${p.name}`, to: a.name, why: `${a.name} holds pages taken for its request` });
      }
    }
  }
}

/** A pool only its daemon refills waits for that daemon's next pass (dm's region pool). */
function daemonPoolEdges(world: World, s: AllocState, p: PoolInfo, edges: Edge[]): void {
  const at = world.layout.returned(p.index);
  for (const a of world.actors) {
    if (a.kind !== 'daemon' || !ownPools(world, a).includes(p)) continue;
    const why = `only ${a.name} returns its elements, on its next pass (${s.bytes[at + POOL_IN_USE]} in use by requests, ${s.bytes[at + POOL_AWAITING]} awaiting it)`;
    edges.push({ from: `mempool ${p.name}`, to: a.name, why });
  }
}

/**
 * Whether some actor of `s` is stopped at its memory cgroup's limit with nothing in the group to
 * reclaim or wait on, as its status in a state view says. A kernel does not hang there: the
 * charging task calls the memcg OOM killer (mem_cgroup_oom, from the charge since 4.19,
 * 29ef680ae7c2), which kills a task of the group, or its charge fails with -ENOMEM; the model
 * has no memcg OOM killer, so a dead state with such an actor is told apart from a deadlock.
 */
export function stoppedAtCharge(world: World, s: AllocState): boolean {
  if (world.groups.length === 0) return false;
  const x = new Exec(world);
  let found = false;
  for (const a of world.actors) status(world, x.at(s.bytes, a, () => {}), s, [], () => (found = true));
  return found;
}

/** The view of `s` for renderers and stories. */
export function describeState(world: World, s: AllocState): StateView {
  const edges: Edge[] = [];
  const x = new Exec(world);
  const actors = world.actors.map((a: ActorInfo) => ({ name: a.name, kind: a.kind, status: status(world, x.at(s.bytes, a, () => {}), s, edges) }));
  memoryEdges(world, s, edges);
  const oom = victimEdge(world, s.bytes);
  if (oom) edges.push(oom);
  return { free: s.free, watermarks: { min: world.watermarks.min, atomic: world.watermarks.atomic, memalloc: world.watermarks.memalloc }, owners: s.owners(), actors, waitsFor: edges };
}
