/**
 * Where each part of a state lives in its byte encoding. One byte a counter: page counts stay
 * far below 256 at checkable sizes. The layout is fixed per compiled model, so equal states
 * have equal bytes (the encoding is canonical) and a state is as long as the model needs.
 */

/** Per-actor registers, in this order after the actor's base offset. */
export const R_PC = 0;
export const R_FLAGS = 1;
/** Writeout stage: 0 none, see WO_* */
export const R_WO = 2;
export const R_WODEV = 3;
/** Request being served: 0 none, else submitter index + 1. */
export const R_REQ = 4;
export const R_REQF = 5;
/** Repeat counter for `times(n, step)`; packet state for other traffic. */
export const R_N = 6;
/** Pages the actor holds (buffers, bios, legs, skbs). */
export const R_HELD = 7;
export const REGISTERS = 8;

/** Task flags kept in R_FLAGS, beyond the actor's fixed context. */
export const F_MEMALLOC = 1;
/** In direct reclaim: when the writeout completes, retry the allocation at pc. */
export const F_RECLAIM = 2;
/** 2.6.9 mempool: in the full-mask page allocation, which loops until it succeeds. */
export const F_FULLMASK = 4;
/** Modern mempool: the one full-mask retry has been made. */
export const F_ROUND2 = 8;
/** A `submit` step's I/O is at the disk, awaiting the interrupt. */
export const F_INFLIGHT = 16;
/** Asleep on pgdat->pfmemalloc_wait in throttle_direct_reclaim until kswapd wakes it. */
export const F_THROTTLED = 64;

/** Writeout stages. */
export const WO_START = 1;
export const WO_INFLIGHT = 2;
export const WO_DROPPED = 3;
export const WO_LOST = 4;
/** Not a writeout: asleep in wait_on_page_writeback on a page of device R_WODEV (memcg.ts). */
export const WO_WBWAIT = 5;
/** Queued to the daemon as a temporary copy (fuse's tmp_page): the page-cache page is no longer under writeback. */
export const WO_TEMP = 6;

/** Request flags carried in a queue entry. */
export const RQ_MEMALLOC = 1;
export const RQ_NOIO = 2;

export const FREE = 0;
/** Set (and kept) when an allocation not entitled to the reserve took free pages below M. */
export const LEAK = 1;

/** A request in flight on an asynchronous daemon: its submitter + 1 (0: a free slot), then its pages. */
export const SLOT_REQ = 0;
export const SLOT_HELD = 1;
export const SLOT = 2;

export interface Layout {
  readonly size: number;
  dirty(device: number): number;
  writeout(device: number): number;
  pool(pool: number): number;
  /** Clean page-cache pages (9.5): -1 when the world declares no page cache. */
  readonly clean: number;
  /** Objects (one page each) behind a shrinker. */
  shrinker(shrinker: number): number;
  /** Bios of a bio_set issued to its lower device, awaiting completion (bio_set = pool index). */
  issued(pool: number): number;
  /** An actor's current->bio_list: bios submitted inside make_request, not yet issued; -1 if none. */
  bioList(actor: number): number;
  /** An actor's bios punted to its bio_set's rescuer (bs->rescue_list), not yet issued. */
  rescued(actor: number): number;
  /** Offset of a daemon device's queue: the count, then `capacity` entries. */
  queue(device: number): number;
  /** For a pool its daemon returns: its elements in use by requests, then those awaiting the daemon; -1 otherwise. */
  returned(pool: number): number;
  /** Offset of an asynchronous daemon's in-flight slots (SLOT bytes each). */
  slots(actor: number): number;
  /**
   * For a network device whose direct reclaim does not wait (async-writeout.ts): writeouts sent
   * and awaiting their ACK, then those whose ACK was dropped, each holding its send buffer; -1 otherwise.
   */
  asyncWrites(device: number): number;
  /** A mutex's owner: actor index + 1, 0 when free. */
  lock(lock: number): number;
  /** Clean page-cache pages charged to a memory cgroup (memcg.ts); -1 without a page cache. */
  groupClean(group: number): number;
  /** Temporary pages under writeback on a daemon device (NR_WRITEBACK_TEMP); -1 when not laid out. */
  writebackTemp(device: number): number;
  actor(actor: number): number;
}

/** Owners beyond devices and pools, laid out only when a world declares them. */
export interface ReclaimableOwners {
  readonly pageCache: boolean;
  readonly shrinkers: number;
  /** Pool indices that are bio_sets, and actor indices that allocate from one. */
  readonly biosets?: readonly number[];
  readonly bioActors?: readonly number[];
  /** Pool indices whose elements their daemon returns (two counters each). */
  readonly daemonPools?: readonly number[];
  /** Requests each actor keeps in flight: slots only for those above 1. */
  readonly inflight?: readonly number[];
  /** Mutexes: one owner byte each. */
  readonly locks?: number;
  /** Network devices whose direct reclaim sends a page and goes on (two counters each). */
  readonly asyncNets?: readonly number[];
  /** Memory cgroups: a clean page-cache counter each (with a page cache), and a temporary-page counter per daemon device. */
  readonly groups?: number;
}

export function makeLayout(devices: number, queues: readonly (number | undefined)[], pools: number, actors: number, owners: ReclaimableOwners = { pageCache: false, shrinkers: 0 }): Layout {
  const deviceBase = 2;
  const poolBase = deviceBase + 2 * devices;
  const cleanAt = owners.pageCache ? poolBase + pools : -1;
  const shrinkerBase = poolBase + pools + (owners.pageCache ? 1 : 0);
  const queueAt: number[] = [];
  let at = shrinkerBase + owners.shrinkers;
  // Offsets by index in arrays, not maps: the conservation sum reads several in every state.
  const issuedAt: number[] = [];
  for (const p of owners.biosets ?? []) issuedAt[p] = at++;
  const bioListAt: number[] = [];
  for (const a of owners.bioActors ?? []) (bioListAt[a] = at), (at += 2);
  for (const cap of queues) {
    queueAt.push(at);
    if (cap !== undefined) at += 1 + cap;
  }
  const returnedAt: number[] = [];
  for (const p of owners.daemonPools ?? []) (returnedAt[p] = at), (at += 2);
  const slotsAt: number[] = [];
  (owners.inflight ?? []).forEach((n, a) => n > 1 && ((slotsAt[a] = at), (at += SLOT * n)));
  const asyncAt: number[] = [];
  for (const d of owners.asyncNets ?? []) (asyncAt[d] = at), (at += 2);
  const groups = owners.groups ?? 0;
  const groupCleanBase = owners.pageCache ? at : -1;
  if (groups > 0 && owners.pageCache) at += groups;
  const tempAt: number[] = [];
  if (groups > 0) queues.forEach((cap, dev) => cap !== undefined && (tempAt[dev] = at++));
  const lockBase = at;
  const actorBase = lockBase + (owners.locks ?? 0);
  return {
    size: actorBase + REGISTERS * actors,
    dirty: (d) => deviceBase + 2 * d,
    writeout: (d) => deviceBase + 2 * d + 1,
    pool: (p) => poolBase + p,
    clean: cleanAt,
    shrinker: (i) => shrinkerBase + i,
    issued: (p) => issuedAt[p] ?? -1,
    bioList: (a) => bioListAt[a] ?? -1,
    rescued: (a) => (bioListAt[a] ?? -2) + 1,
    queue: (d) => queueAt[d]!,
    returned: (p) => returnedAt[p] ?? -1,
    slots: (a) => slotsAt[a] ?? -1,
    asyncWrites: (d) => asyncAt[d] ?? -1,
    lock: (l) => lockBase + l,
    groupClean: (g) => (groupCleanBase < 0 || g >= groups ? -1 : groupCleanBase + g),
    writebackTemp: (d) => tempAt[d] ?? -1,
    actor: (a) => actorBase + REGISTERS * a,
  };
}
