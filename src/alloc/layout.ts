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

/** Writeout stages. */
export const WO_START = 1;
export const WO_INFLIGHT = 2;
export const WO_DROPPED = 3;
export const WO_LOST = 4;

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
  /** A mempool's level; for a pool its daemon returns, then its elements in use and those awaiting return. */
  pool(pool: number): number;
  /** Offset of an asynchronous daemon's in-flight slots (SLOT bytes each). */
  slots(actor: number): number;
  /** A mutex's owner: actor index + 1, 0 when free. */
  lock(lock: number): number;
  /** Offset of a daemon device's queue: the count, then `capacity` entries. */
  queue(device: number): number;
  actor(actor: number): number;
}

/** Where one part of each kind starts, given how many bytes each one takes. */
function offsets(start: number, sizes: readonly number[]): { at: number[]; end: number } {
  const at: number[] = [];
  let end = start;
  for (const n of sizes) {
    at.push(end);
    end += n;
  }
  return { at, end };
}

/**
 * @param poolSizes bytes a pool takes: 1, or 3 for a pool its daemon returns (level, in use, awaiting return)
 * @param inflight requests each actor keeps in flight: slots only for those above 1
 * @param locks mutexes, one owner byte each
 */
export function makeLayout(devices: number, queues: readonly (number | undefined)[], poolSizes: readonly number[], actors: number, inflight: readonly number[] = [], locks = 0): Layout {
  const deviceBase = 2;
  const pools = offsets(deviceBase + 2 * devices, poolSizes);
  const queueAt = offsets(pools.end, queues.map((cap) => (cap === undefined ? 0 : 1 + cap)));
  const slotAt = offsets(queueAt.end, Array.from({ length: actors }, (_, a) => ((inflight[a] ?? 1) > 1 ? SLOT * inflight[a]! : 0)));
  const lockBase = slotAt.end;
  const actorBase = lockBase + locks;
  return {
    size: actorBase + REGISTERS * actors,
    lock: (l) => lockBase + l,
    dirty: (d) => deviceBase + 2 * d,
    writeout: (d) => deviceBase + 2 * d + 1,
    pool: (p) => pools.at[p]!,
    slots: (a) => slotAt.at[a]!,
    queue: (d) => queueAt.at[d]!,
    actor: (a) => actorBase + REGISTERS * a,
  };
}
