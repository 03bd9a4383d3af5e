/**
 * A worker's warm-up before it joins a parallel search. V8 compiles each thread's code for that
 * thread alone, so a worker that joins cold expands its first states many times slower than the
 * calling thread (on dm-raid1, 1,227 states in 80 to 90 ms where the calling thread, warm, did
 * 20,000), and a level ends only when its slowest chunk is done: the first levels after the
 * workers joined took two to three times their warm time. Before it reports ready, a worker
 * therefore runs the very code of a level (expander.ts) on a private search of the model, from its
 * initial states, into a table and frontier of its own; nothing it finds leaves the thread. The
 * calling thread searches alone meanwhile, with the same code, so the time is not lost.
 */
import { fingerprint, fp } from '../core/hash.js';
import type { Action, Model } from '../core/model.js';
import type { Expander } from './expander.js';
import { ChunkWriter } from './shared-chunks.js';
import { SEGMENTS, SharedTable } from './shared-table.js';

/** Slots of the private table: the warm-up stops well before it fills (2 MB). */
const SLOTS = 1 << 18;

/**
 * Searches `model` privately with `expander` until the clock passes `until` (ms) or the private
 * table is three quarters full. Returns the states expanded. The expander is then the thread's
 * own for the real search (its optimised code is what the warm-up is for), whose first level
 * must be marked `first`, so that it forgets the fingerprints and findings of the warm-up.
 *
 * @example warmUp(model, expander, key, performance.now() + 150); // then expander.begin({ ...order, first: true })
 */
export function warmUp(model: Model<unknown, Action>, expander: Expander, key: ((s: unknown) => Uint8Array) | undefined, until: number): number {
  const table = SharedTable.create(SLOTS);
  const counts = new Int32Array(SEGMENTS);
  const start = new ChunkWriter();
  for (const s of model.initialStates()) {
    const bytes = model.encode(s);
    fingerprint(key ? key(s) : bytes);
    const k = table.insert(fp.hi, fp.lo);
    if (k >= 0) counts[k]!++, start.push(bytes);
  }
  let level = start.take();
  let expanded = 0;
  for (let depth = 0; level.buffers.length > 0 && performance.now() < until; depth++) {
    // What is past a segment's budget is dropped (the expander packs it aside): it is no search.
    const budget = Int32Array.from(counts, (c, k) => Math.max(0, Math.floor(table.capacity(k) * 0.75) - c));
    expander.begin({ type: 'level', depth, table: table.shape, budget, level, cursor: new SharedArrayBuffer(4), release: false, first: depth === 0 });
    expander.work(until);
    const done = expander.finish();
    done.perSegment.forEach((n, k) => (counts[k]! += n));
    expanded += done.expanded;
    if (done.overflow.length > 0 || done.stopped) break;
    level = done.next;
  }
  return expanded;
}

/**
 * An expander made by `make` and warmed up for `ms` milliseconds: the one a worker searches
 * with. Its first level must be marked `first` (see {@link warmUp}).
 *
 * @example const expander = warmExpander(model, key, () => new Expander(model, safety, key, control), 150);
 */
export function warmExpander(model: Model<unknown, Action>, key: ((s: unknown) => Uint8Array) | undefined, make: () => Expander, ms: number): Expander {
  const expander = make();
  try {
    warmUp(model, expander, key, performance.now() + ms);
    return expander;
  } catch {
    // The model threw on a state the search may never reach (under a depth or state limit): that
    // is for the search to meet. This expander stopped inside an expansion: a fresh one searches.
    return make();
  }
}
