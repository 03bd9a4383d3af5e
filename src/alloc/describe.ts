/**
 * A state as a renderer needs it: the free-pages gauge and the watermark ladder, pages by owner,
 * what each actor is doing, and the wait-for edges whose cycle is the deadlock.
 */
import { floorOf } from './context.js';
import { ownMask, siteOf } from './allocate.js';
import { Exec } from './exec.js';
import { F_SLEEPING } from './mempool.js';
import { F_INFLIGHT, R_FLAGS, R_HELD, R_PC, R_REQ, R_WO, R_WODEV, WO_DROPPED, WO_INFLIGHT, WO_LOST, WO_START } from './layout.js';
import { atRest } from './machine.js';
import type { AllocState } from './state.js';
import type { ActorInfo, World } from './world.js';

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

function writeoutStatus(world: World, x: Exec, edges: Edge[]): string {
  const dev = world.devices[x.reg(R_WODEV)]!;
  const wo = x.reg(R_WO);
  const me = x.me.name;
  if (wo === WO_START) {
    if (dev.kind === 'daemon') edges.push({ from: me, to: world.actors[dev.daemonIndex!]!.name, why: `the ${dev.name} queue is full` });
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
  const to = wo === WO_DROPPED ? helperOf(world, 'server', dev.index) : helperOf(world, 'receiver', dev.index);
  if (wo === WO_LOST) return `waiting forever: the ACK for its ${dev.name} writeout was dropped and is not resent`;
  edges.push({ from: me, to: to ?? dev.name, why: wo === WO_INFLIGHT ? `waits for the ACK of its ${dev.name} writeout` : 'waits for a dropped ACK to be resent' });
  return wo === WO_INFLIGHT ? `waiting for the ACK of its ${dev.name} writeout` : 'waiting for a dropped ACK to be resent';
}

function status(world: World, x: Exec, s: AllocState, edges: Edge[]): string {
  if (x.reg(R_WO) !== 0) return writeoutStatus(world, x, edges);
  const step = x.me.program[x.reg(R_PC)]!.step;
  if (x.reg(R_FLAGS) & F_INFLIGHT) return step.doing?.(x) ?? 'waiting for its I/O';
  let moves = 0;
  step.run(x.at(s.bytes, x.me, () => moves++));
  if (moves > 0) return step.doing?.(x) ?? step.kind;
  if (atRest(new Exec(world), s, x.me)) return 'idle';
  if (x.reg(R_FLAGS) & F_SLEEPING && step.pool !== undefined) {
    edges.push({ from: x.me.name, to: `mempool ${step.pool}`, why: 'asleep until an element is returned' });
    return `asleep on the ${step.pool} mempool`;
  }
  if (['alloc', 'mempool-alloc', 'dirty', 'write-through'].includes(step.kind)) {
    const at = { purpose: step.kind === 'dirty' ? ('dirty' as const) : ('page' as const), what: '', then: () => {} };
    const floor = floorOf(world.hooks.context(siteOf(x, at), ownMask(x, at)), world.watermarks);
    edges.push({ from: x.me.name, to: 'memory', why: `blocked on memory (floor ${floor})` });
    return `blocked on memory (floor ${floor})`;
  }
  return `blocked ${step.doing?.(x) ?? step.kind}`;
}

function memoryEdges(world: World, s: AllocState, edges: Edge[]): void {
  for (const d of world.devices) {
    const pending = s.bytes[world.layout.dirty(d.index)]! + s.bytes[world.layout.writeout(d.index)]!;
    if (pending === 0 || d.kind === 'disk') continue;
    const to = d.kind === 'daemon' ? world.actors[d.daemonIndex!]!.name : helperOf(world, 'receiver', d.index) ?? d.name;
    edges.push({ from: 'memory', to, why: `${pending} page(s) of ${d.name} are freed only through ${to}` });
  }
  for (const p of world.pools) {
    if (s.bytes[world.layout.pool(p.index)] !== 0) continue;
    for (const a of world.actors) {
      if (a.kind === 'daemon' && s.register(a.index, R_HELD) > 0 && s.register(a.index, R_REQ) > 0) {
        edges.push({ from: `mempool ${p.name}`, to: a.name, why: `${a.name} holds pages taken for its request` });
      }
    }
  }
}

/** The view of `s` for renderers and stories. */
export function describeState(world: World, s: AllocState): StateView {
  const edges: Edge[] = [];
  const x = new Exec(world);
  const actors = world.actors.map((a: ActorInfo) => ({ name: a.name, kind: a.kind, status: status(world, x.at(s.bytes, a, () => {}), s, edges) }));
  memoryEdges(world, s, edges);
  return { free: s.free, watermarks: { min: world.watermarks.min, atomic: world.watermarks.atomic, memalloc: world.watermarks.memalloc }, owners: s.owners(), actors, waitsFor: edges };
}
