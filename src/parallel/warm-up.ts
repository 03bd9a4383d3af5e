/**
 * A worker's code is cold when it joins a search: V8 has yet to optimise the model's successor
 * code and the expander in this thread, and once every core searches, its compiler threads wait
 * for a core. So before it says it is ready, a worker runs a throwaway search of its own model
 * with the expander it will search with: it then runs while the single-threaded probe still
 * searches and this core would otherwise idle (check-parallel.ts hands the search over only once
 * every worker is ready), and the hand-over loses nothing.
 */
import type { Action, Model } from '../core/model.js';
import type { Expander } from './expander.js';
import { ChunkWriter } from './shared-chunks.js';
import { SEGMENTS, SharedTable } from './shared-table.js';

/** States the throwaway search may store: enough for V8 to optimise, few enough to stay small. */
const WARM_STATES = 1 << 17;

/**
 * Searches `model` breadth first into a table of its own, for at most `ms` milliseconds or
 * {@link WARM_STATES} states, with `expander`; everything it found is forgotten (the search's
 * first level starts the expander afresh).
 */
export function warmUp(expander: Expander, model: Model<unknown, Action>, ms: number): void {
  const end = performance.now() + ms;
  const table = SharedTable.create(WARM_STATES * 2);
  const roots = new ChunkWriter();
  for (const s of model.initialStates()) roots.push(model.encode(s));
  // No segment grows: past its room, a segment's new states are handed back and dropped.
  const room = new Int32Array(SEGMENTS).fill(Math.floor((table.capacity(0) * 3) / 4));
  let level = roots.take();
  for (let depth = 0; level.buffers.length > 0 && performance.now() < end; depth++) {
    expander.begin({ type: 'level', depth, table: table.shape, budget: room, level, cursor: new SharedArrayBuffer(4), release: false, first: true });
    const stopped = !expander.work(end);
    const done = expander.finish();
    if (stopped || done.stopped) return;
    done.perSegment.forEach((n, k) => (room[k]! -= n));
    level = done.next;
  }
}
