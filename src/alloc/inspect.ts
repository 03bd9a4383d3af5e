/**
 * The parts of a state that a story leaves out and an interactive explorer shows: each actor's
 * context and task flags as the kernel keeps them, the pages it holds and the request it
 * serves, each daemon's queue with the flags its requests carry, each mempool's fill, and the
 * pages charged to each memory cgroup against its limit.
 * `describeState` tells what actors are doing; this tells what they carry while doing it.
 */
import { contextName, PF_MEMALLOC } from './context.js';
import { F_FULLMASK, F_INFLIGHT, F_MEMALLOC, F_RECLAIM, F_ROUND2, R_FLAGS, R_HELD, R_REQ, R_REQF, RQ_MEMALLOC, RQ_NOIO } from './layout.js';
import { charged } from './memcg.js';
import { F_SLEEPING } from './mempool.js';
import { F_OOM_VICTIM } from './oom.js';
import type { AllocState } from './state.js';
import type { World } from './world.js';

export interface ActorDetail {
  readonly name: string;
  readonly kind: string;
  /** The context its own allocations use now, before any policy: mask plus task flags. */
  readonly context: string;
  /** Task flags and allocator stages set now, in the kernel's words where it has them. */
  readonly flags: readonly string[];
  /** Pages in its hand (buffers, bios, mirror legs, skbs). */
  readonly held: number;
  /** The request it serves, when it is a daemon at work: who submitted it and its flags. */
  readonly serving?: string;
}

export interface QueueDetail {
  readonly device: string;
  readonly daemon: string;
  readonly capacity: number;
  readonly entries: readonly { readonly from: string; readonly flags: readonly string[] }[];
}

export interface PoolDetail {
  readonly name: string;
  readonly elements: number;
  readonly minNr: number;
}

/** A memory cgroup: the pages charged to it (its members' hands, its page cache) against its limit. */
export interface GroupDetail {
  readonly name: string;
  readonly charged: number;
  readonly limit: number;
}

export interface StateDetail {
  readonly actors: readonly ActorDetail[];
  readonly queues: readonly QueueDetail[];
  readonly pools: readonly PoolDetail[];
  readonly groups: readonly GroupDetail[];
}

/** PF_MEMALLOC is left out: the context already shows it. */
const FLAG_NAMES: readonly [number, string][] = [
  [F_RECLAIM, 'in direct reclaim'],
  [F_FULLMASK, 'mempool: full-mask try'],
  [F_ROUND2, 'mempool: retried once'],
  [F_INFLIGHT, 'I/O in flight'],
  [F_SLEEPING, 'asleep in mempool_alloc'],
  [F_OOM_VICTIM, 'OOM victim'],
];

function requestFlags(flags: number): string[] {
  return [...(flags & RQ_MEMALLOC ? ['PF_MEMALLOC'] : []), ...(flags & RQ_NOIO ? ['NOIO'] : [])];
}

/**
 * The detail of `s` for an explorer's state panel.
 *
 * @example
 * inspectState(model.world, model.initialStates()[0]!).pools // [{ name: 'raid1', elements: 1, minNr: 1 }]
 */
export function inspectState(world: World, s: AllocState): StateDetail {
  const actors = world.actors.map((a): ActorDetail => {
    const flags = s.register(a.index, R_FLAGS);
    const own = a.flags | (flags & F_MEMALLOC ? PF_MEMALLOC : 0);
    const req = s.register(a.index, R_REQ);
    const names = FLAG_NAMES.filter(([bit]) => flags & bit).map(([, n]) => n);
    const base = { name: a.name, kind: a.kind, context: contextName(a.context | own), flags: names, held: s.register(a.index, R_HELD) };
    if (req === 0) return base;
    const rf = requestFlags(s.register(a.index, R_REQF));
    return { ...base, serving: `${world.actors[req - 1]!.name}'s request${rf.length ? ` (${rf.join(', ')})` : ''}` };
  });
  const queues = world.devices.flatMap((d): QueueDetail[] => d.kind !== 'daemon' ? [] : [{
    device: d.name, daemon: world.actors[d.daemonIndex!]!.name, capacity: d.queue,
    entries: s.queue(d.name).map((r) => ({ from: r.from, flags: requestFlags((r.memalloc ? RQ_MEMALLOC : 0) | (r.noio ? RQ_NOIO : 0)) })),
  }]);
  const pools = world.pools.map((p) => ({ name: p.name, elements: s.pool(p.name), minNr: p.minNr }));
  const groups = world.groups.map((g) => ({ name: g.name, charged: charged(world, s.bytes, g.index), limit: g.limit }));
  return { actors, queues, pools, groups };
}
