/**
 * How the shared visited table grows between levels (the threads wait meanwhile): which
 * segments, to what capacity, and on which threads.
 */
import { collect, worthCollecting } from './collect.js';
import type { Grower } from './crew.js';
import type { IncompleteReason } from '../core/result.js';
import { SEGMENTS, type SharedTable } from './shared-table.js';

/** A segment grows when the next level's estimate would load it past this. */
const MAX_LOAD = 0.85;
/**
 * It grows to hold the estimate at this load, and by at least a factor: sized to what is coming,
 * so the table ends dense (an underestimate is safe: the threads' budgets hand the surplus back
 * to be inserted after a further growth). The threads wait while it grows, so a small table
 * grows by a larger factor (fewer rehashes: dm-raid1 at 1.5M states, 2 threads, 3.1 s against
 * 3.5-4.1 s with 1.1; up to 32 MB it doubles, as the single-threaded table does, which halves
 * the rehashing again: growth was the largest part of the time between levels, 0.2-0.6 s of
 * dm-raid1's 1.4 M states with 1.3) and a large one by a small factor (memory: 10^8 states in
 * 1.84 GB).
 */
const TARGET_LOAD = 0.75;
const SMALL_GROWTH = 2;
const MID_GROWTH = 1.3;
const SMALL_TABLE = 32 * 2 ** 20;
const LARGE_GROWTH = 1.1;
/**
 * From this size on, every thread collects after each level, so that the next growth frees old
 * segments as it goes (no thread still holds them) instead of needing a second table.
 */
export const LARGE_TABLE = 256 * 2 ** 20;

/** The segments to grow, their new capacities, and the table's bytes after. */
export interface GrowthPlan {
  readonly segments: readonly number[];
  readonly capacities: readonly number[];
  readonly bytes: number;
}

/** The segments whose `want` would pass the load limit, with their new capacities; past `limit` bytes, LimitHit. */
export function planGrowth(table: SharedTable, want: (k: number) => number, limit: number): GrowthPlan {
  const segments: number[] = [];
  const capacities: number[] = [];
  let bytes = table.bytes;
  for (let k = 0; k < SEGMENTS; k++) {
    const c = table.capacity(k);
    const w = want(k);
    if (w <= c * MAX_LOAD) continue;
    const capacity = Math.max(Math.ceil(c * growthFactor(bytes)), Math.ceil(w / TARGET_LOAD));
    if (capacity * 8 + bytes > limit) throw new LimitHit('memory-limit');
    bytes += (capacity - c) * 8;
    segments.push(k);
    capacities.push(capacity);
  }
  return { segments, capacities, bytes };
}

/** Grows the plan's segments one at a time on this thread. Returns the bytes let go of since the last collection. */
export function growEach(table: SharedTable, plan: GrowthPlan): number {
  let dropped = 0;
  plan.segments.forEach((k, i) => {
    dropped += table.capacity(k) * 8;
    table.grow(k, plan.capacities[i]!);
    // Free the old buffers as we go, so a growth needs a few segments beside the table.
    if (worthCollecting(dropped, table.bytes)) collect(dropped, table.bytes), (dropped = 0);
  });
  return dropped;
}

/**
 * Grows the segments `want` asks for, the rehashing shared with the threads `growers`: each
 * rehashes every (n+1)-th segment, this thread too. The old segments are let go of only at the
 * end, so only a small table grows so; a large one, or one whose old and new segments would pass
 * `limit` together, grows one segment at a time. Fresh memory is faulted in at about 4 ms a MB
 * on a 2-core VM, one thread at a time whichever thread asks (measured: two threads faulting
 * 10 MB each took as long as one faulting 20 MB), so only the rehashing itself is shared.
 * Returns the bytes let go of.
 */
export async function growShared(table: SharedTable, want: (k: number) => number, growers: readonly Grower[], limit: number): Promise<number> {
  const plan = planGrowth(table, want, limit);
  const { segments, capacities } = plan;
  const old = segments.reduce((sum, k) => sum + table.capacity(k) * 8, 0);
  if (growers.length === 0 || table.bytes >= SMALL_TABLE || plan.bytes + old > limit) return growEach(table, plan);
  const share = (i: number): number[] => segments.flatMap((_, j) => (j % (growers.length + 1) === i ? [j] : []));
  const theirs = growers.map(async (grower, i) => {
    const js = share(i);
    const buffers = await grower(js.map((j) => table.buffer(segments[j]!)), js.map((j) => capacities[j]!));
    return js.map((j, n) => [j, buffers[n]!] as const);
  });
  for (const j of share(growers.length)) table.grow(segments[j]!, capacities[j]!);
  for (const part of await Promise.all(theirs)) for (const [j, buffer] of part) table.adopt(segments[j]!, buffer, capacities[j]!);
  return old;
}

function growthFactor(bytes: number): number {
  return bytes < SMALL_TABLE ? SMALL_GROWTH : bytes < LARGE_TABLE ? MID_GROWTH : LARGE_GROWTH;
}

/** A limit stopped the search: it ends incomplete for this reason. */
export class LimitHit extends Error {
  constructor(readonly reason: IncompleteReason) {
    super(reason);
  }
}
