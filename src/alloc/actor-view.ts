/**
 * Typed, read-only access to one actor's part of a state, for custom steps and users' policies
 * that look at another actor ("is the daemon serving a request?"), without the state's byte
 * layout: `x.actor('kmirrord').serving`, `actorView(world, s, 'kmirrord')` in a hook.
 */
import { PF_MEMALLOC } from './context.js';
import { F_INFLIGHT, F_MEMALLOC, F_RECLAIM, RQ_MEMALLOC, RQ_NOIO, R_FLAGS, R_HELD, R_N, R_PC, R_REQ, R_REQF, R_WO, R_WODEV, WO_DROPPED, WO_INFLIGHT, WO_LOST, WO_START, WO_TEMP, WO_WBWAIT } from './layout.js';
import type { ActorKind, World } from './world.js';

/** 'waiting on writeback': not a writeout of its own, asleep in memcg reclaim on one of the device's (memcg.ts). */
export type WriteoutStage = 'start' | 'in flight' | 'dropped' | 'lost' | 'waiting on writeback';

const stages: Readonly<Record<number, WriteoutStage>> = { [WO_START]: 'start', [WO_INFLIGHT]: 'in flight', [WO_DROPPED]: 'dropped', [WO_LOST]: 'lost', [WO_TEMP]: 'in flight', [WO_WBWAIT]: 'waiting on writeback' };

/** One actor in one state. */
export interface ActorView {
  readonly name: string;
  readonly kind: ActorKind;
  readonly index: number;
  /** Pages it holds (buffers, bios, mirror legs, skbs). */
  readonly held: number;
  /** The kind of step its program is at ('mempool-alloc', 'submit', 'serve'). */
  readonly step: string;
  /** How many times it has done that step already, under `times(n, step)`. */
  readonly repeated: number;
  /** For a daemon serving a request: whose request, and whether it carries PF_MEMALLOC or NOIO. */
  readonly serving: { readonly from: string; readonly memalloc: boolean; readonly noio: boolean } | undefined;
  /** PF_MEMALLOC now: always (kswapd), or while in direct reclaim. */
  readonly memalloc: boolean;
  /** In direct reclaim, waiting for the page it wrote out before it retries its allocation. */
  readonly inDirectReclaim: boolean;
  /** A `submit` step's I/O is at the disk. */
  readonly waitingForIo: boolean;
  /** The writeout it is doing, if any: the device and how far it is. */
  readonly writeout: { readonly device: string; readonly stage: WriteoutStage } | undefined;
}

function indexOf(world: World, actor: number | string): number {
  if (typeof actor === 'number' && world.actors[actor]) return actor;
  const found = world.actors.find((a) => a.name === actor);
  if (!found) throw new Error(`no actor named '${actor}'; actors: ${world.actors.map((a) => a.name).join(', ')}`);
  return found.index;
}

/**
 * The actor `actor` (a name or an index) in the state `bytes` of `world`.
 *
 * @example actorView(model.world, state.bytes, 'kmirrord').serving?.from // 'dirtier1'
 */
export function actorView(world: World, bytes: Uint8Array, actor: number | string): ActorView {
  const index = indexOf(world, actor);
  const info = world.actors[index]!;
  const at = (r: number): number => bytes[world.layout.actor(index) + r]!;
  const flags = at(R_FLAGS);
  const req = at(R_REQ);
  const wo = at(R_WO);
  return {
    name: info.name,
    kind: info.kind,
    index,
    held: at(R_HELD),
    step: info.program[at(R_PC)]?.step.kind ?? '',
    repeated: at(R_N),
    serving: req === 0 ? undefined : { from: world.actors[req - 1]!.name, memalloc: (at(R_REQF) & RQ_MEMALLOC) !== 0, noio: (at(R_REQF) & RQ_NOIO) !== 0 },
    memalloc: (info.flags & PF_MEMALLOC) !== 0 || (flags & F_MEMALLOC) !== 0,
    inDirectReclaim: (flags & F_RECLAIM) !== 0,
    waitingForIo: (flags & F_INFLIGHT) !== 0,
    writeout: wo === 0 ? undefined : { device: world.devices[at(R_WODEV)]!.name, stage: stages[wo] ?? 'start' },
  };
}
