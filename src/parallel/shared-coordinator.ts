/**
 * Runs a parallel safety search over one shared visited table (shared-table.ts): each level,
 * every worker expands the states it discovered in the level before, probing and inserting into
 * the same table; between levels the coordinator grows the table, takes in the candidates a
 * worker could not insert within its budget, and decides whether to go on. Levels end together,
 * so depths and state counts are the single-threaded search's.
 */
import type { PausedSearch } from '../core/bfs.js';
import type { LevelQueue } from '../core/level-queue.js';
import { isSafety, type Action, type Model, type SafetyProperty } from '../core/model.js';
import type { IncompleteReason } from '../core/result.js';
import { symmetryKey } from '../core/symmetry.js';
import { collect, worthCollecting } from './collect.js';
import type { Crew, Hand, Team } from './crew.js';
import { Expander } from './expander.js';
import { Ledger } from './ledger.js';
import { LARGE_TABLE, LimitHit } from './table-growth.js';
import { ChunkWriter, pool, SPARE_BYTES, type Chunks } from './shared-chunks.js';
import type { LevelDone, LevelOrder, SharedOptions } from './shared-protocol.js';
import { SEGMENTS } from './shared-table.js';

type Key = ((s: unknown) => Uint8Array) | undefined;

/** What a parallel search found, before counterexamples are rebuilt on one thread. */
export interface RunSummary {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly tableBytes: number;
  readonly frontierBytes: number;
  /** Property index (in the selected list) to the least depth at which it was decided. */
  readonly found: ReadonlyMap<number, number>;
  readonly stopped: IncompleteReason | undefined;
  /** Seconds from the start of the check until the workers took their first level (all of it when they never did). */
  readonly startup: number;
}

/** Goes on with a search paused on one thread (`from`), on a crew (which the caller terminates). */
export async function runShared<S, A extends Action>(model: Model<S, A>, crew: Crew, names: readonly string[], options: SharedOptions, from: PausedSearch): Promise<RunSummary> {
  const started = performance.now();
  const deadline = options.timeLimitSeconds === undefined ? Infinity : started + options.timeLimitSeconds * 1000;
  let stopped: IncompleteReason | undefined;
  const watch = setInterval(() => {
    const reason = options.signal?.aborted ? 'interrupted' : performance.now() >= deadline ? 'time-limit' : undefined;
    if (reason && stopped === undefined) (stopped = reason), Atomics.store(crew.control, 0, 1);
  }, 50);
  try {
    const safety = model.properties.filter((p) => names.includes(p.name)).filter(isSafety);
    const own = new Expander(model as Model<unknown, Action>, safety as SafetyProperty<unknown>[], symmetryKey(model, options.symmetry ?? true) as Key, crew.control);
    const result = await levels(model, safety, options, from, crew.team(ownShare(own)), () => stopped);
    return { ...result, startup: ((crew.joinedAt ?? performance.now()) - (options.since ?? started)) / 1000 };
  } finally {
    clearInterval(watch);
  }
}

async function levels<S, A extends Action>(
  model: Model<S, A>,
  safety: readonly SafetyProperty<S>[],
  options: SharedOptions,
  from: PausedSearch,
  team: () => Promise<Team>,
  interrupted: () => IncompleteReason | undefined,
): Promise<Omit<RunSummary, 'startup'>> {
  const started = options.since ?? performance.now();
  const book = new Ledger(model, safety, symmetryKey(model, options.symmetry ?? true), options);
  book.inherit(from);
  // The paused search's two levels: the rest of the one it was expanding, then the next.
  const rest = new ChunkWriter();
  let frontier = drain(from.current, rest);
  let carried = drain(from.next, book.extras);
  let depth = from.depth;
  let level = rest.take();
  if (frontier === 0) [level, frontier, carried, depth] = [book.extras.take(), carried, 0, depth + 1];
  /** Bytes of the level read last: the threads may keep some of its chunks to write into. */
  let readBytes = 0;
  let perState = 4; // new states per expanded state, for sizing the table
  let first = true;
  let stopped: IncompleteReason | undefined;
  try {
    for (;;) {
      stopped = interrupted();
      if (stopped || frontier === 0 || book.found.size === safety.length) break;
      if (book.states >= (options.maxStates ?? Infinity)) throw new LimitHit('max-states');
      if (depth >= (options.maxDepth ?? Infinity)) throw new LimitHit('max-depth');
      // The frontier counts against the limit as the table does: this level, the next one, and
      // the chunks of the level before that the threads kept to write into.
      const frontierBytes = levelBytes(level);
      const spare = Math.min(options.workers * SPARE_BYTES, readBytes);
      if (book.table.bytes + frontierBytes * (1 + perState) + spare > (options.memoryLimitBytes ?? Infinity)) throw new LimitHit('memory-limit');
      readBytes = frontierBytes;
      const { hands, growers } = await team();
      const expected = (frontier * perState * 1.1) / SEGMENTS + 16;
      const dropped = (await book.ensureShared((k) => book.counts[k]! + expected, growers)) + frontierBytes;
      const { table, counts } = book;
      const budget = Int32Array.from({ length: SEGMENTS }, (_, k) => Math.min(options.levelBudget ?? 2 ** 31 - 1, Math.max(0, Math.floor((table.capacity(k) * 0.9 - counts[k]!) / hands.length))));
      const release = worthCollecting(dropped, table.bytes + frontierBytes) || table.bytes >= LARGE_TABLE;
      // The order is not kept here: this frame lives across levels, and an order holds the
      // table's segments and the level's chunks, which must be freed as the next ones replace them.
      const done = await expand(hands, { type: 'level', depth, table: table.shape, budget, level, cursor: new SharedArrayBuffer(4), release, first });
      first = false;
      const { inserted, expanded } = book.absorb(done);
      if (done.some((d) => d.stopped)) {
        stopped = interrupted() ?? 'interrupted';
        break;
      }
      const added = book.admit(done, depth + 1);
      frontier = inserted + added + carried;
      carried = 0;
      level = pool([...done.map((d) => d.next), book.extras.take()]);
      done.length = 0; // for the same reason: the reports hold the next level's chunks
      if (release) collect(Infinity, Infinity);
      // Levels shrink towards the end: the ratio may fall below one.
      perState = Math.max(0.05, (inserted + added) / Math.max(1, expanded));
      if (frontier > 0) depth++;
      const seconds = (performance.now() - started) / 1000;
      options.onProgress?.({ states: book.states, transitions: book.transitions, depth, frontier, seconds, statesPerSecond: seconds > 0 ? book.states / seconds : 0 });
    }
  } catch (e) {
    if (!(e instanceof LimitHit)) throw e;
    stopped = e.reason;
  }
  return { states: book.states, transitions: book.transitions, depth, tableBytes: book.table.bytes, frontierBytes: book.frontierBytes, found: book.found, stopped };
}

/** Sends a level to every hand; the order is referenced only until each has taken it in. */
function expand(hands: readonly Hand[], order: LevelOrder): Promise<LevelDone[]> {
  return Promise.all(hands.map((hand) => hand(order)));
}

/**
 * The calling thread's share of each level: it expands chunks like a worker, in slices, so that
 * its timers (Ctrl-C, the time limit) still run. Its model is loaded and its code warm already.
 */
function ownShare(expander: Expander): Hand {
  return async (order) => {
    expander.begin(order);
    while (!expander.work(performance.now() + 20)) await new Promise((resolve) => setImmediate(resolve));
    return expander.finish();
  };
}

function levelBytes(level: Chunks): number {
  return level.buffers.reduce((sum, b) => sum + b.byteLength, 0);
}

/** Copies a level's unread states into `into`; returns how many. */
function drain(queue: LevelQueue, into: ChunkWriter): number {
  let n = 0;
  for (let bytes = queue.shift(); bytes !== undefined; bytes = queue.shift()) into.push(bytes), n++;
  return n;
}
