/**
 * Runs a parallel safety search over one shared visited table (shared-table.ts): each level,
 * every worker expands the states it discovered in the level before, probing and inserting into
 * the same table; between levels the coordinator grows the table, takes in the candidates a
 * worker could not insert within its budget, and decides whether to go on. Levels end together,
 * so depths and state counts are the single-threaded search's.
 */
import { Worker } from 'node:worker_threads';
import type { PausedSearch } from '../core/bfs.js';
import type { CheckOptions } from '../core/check.js';
import type { LevelQueue } from '../core/level-queue.js';
import { CheckError } from '../core/errors.js';
import { fingerprint, fp } from '../core/hash.js';
import { isSafety, type Action, type Model, type SafetyProperty } from '../core/model.js';
import type { IncompleteReason } from '../core/result.js';
import { symmetryKey } from '../core/symmetry.js';
import { collect, worthCollecting } from './collect.js';
import { Expander } from './expander.js';
import { unpackEach } from './packed.js';
import { ChunkWriter, pool, type Chunks } from './shared-chunks.js';
import type { ModelRecipe } from './protocol.js';
import { workerUrl } from './worker-bundle.js';
import type { FromSharedWorker, LevelDone, LevelOrder, SharedSetup } from './shared-protocol.js';
import { SEGMENTS, SharedTable } from './shared-table.js';

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
const LARGE_TABLE = 256 * 2 ** 20;

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
  /** Seconds the search waited for the workers to load the model (after any probe). */
  readonly startup: number;
}

/** A thread's share of a level: expand it, report what was found. */
type Hand = (order: LevelOrder) => Promise<LevelDone>;
type Key = ((s: unknown) => Uint8Array) | undefined;

type Options = CheckOptions & {
  readonly workers: number;
  /** At most this many inserts a worker and level (tests use it to exercise the hand-back). */
  readonly levelBudget?: number;
  /** When the whole check began (performance clock), for progress rates that include the single-threaded start. */
  readonly since?: number;
};

/**
 * The worker threads of a parallel search, started as soon as it is likely to be needed: they
 * are bundled and load the model while the caller still searches on one thread.
 */
export class Crew {
  workers: Worker[] = [];
  readonly control = new Int32Array(new SharedArrayBuffer(8));
  /** Resolves once every worker has built its model. */
  readonly ready: Promise<unknown>;
  private readonly inbox: ((m: FromSharedWorker) => void)[] = [];
  private closed = false;
  /** Resolves once the bundle is built and the threads are created (or not, when terminated first). */
  private readonly spawned: Promise<void>;

  constructor(recipe: ModelRecipe, names: readonly string[], options: Options) {
    const workerData: SharedSetup = { recipe, properties: names, symmetry: options.symmetry ?? true, control: this.control.buffer as SharedArrayBuffer };
    this.spawned = workerUrl(recipe.module, recipe.policies).then((url) => {
      if (this.closed) return;
      // The calling thread is one of the hands (see runShared): it needs no thread of its own.
      this.workers = Array.from({ length: options.workers - 1 }, () => new Worker(url, { workerData }));
      this.workers.forEach((w, i) => {
        w.on('message', (m: FromSharedWorker) => this.inbox[i]?.(m));
        w.on('error', (e) => this.inbox[i]?.({ type: 'failed', message: e.message }));
      });
    });
    this.ready = this.spawned.then(() => Promise.all(this.workers.map((_, i) => this.answer(i, 'ready'))));
    // Awaited later, or never when the probe finishes the search: a failure must not go unhandled.
    this.ready.catch(() => {});
  }

  /** The next message of `type` from worker `i` (a 'failed' one rejects). */
  answer<T extends FromSharedWorker['type']>(i: number, type: T): Promise<Extract<FromSharedWorker, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.inbox[i] = (m) => {
        if (m.type === 'failed') reject(new CheckError((m.code as CheckError['code'] | undefined) ?? 'model-threw', m.message));
        else if (m.type === type) resolve(m as Extract<FromSharedWorker, { type: T }>);
      };
    });
  }

  /** Each thread's share of a level, as a function of the level's order. */
  hands(): Hand[] {
    return this.workers.map((w, i) => (order) => {
      const reply = this.answer(i, 'done');
      w.postMessage(order);
      return reply;
    });
  }

  /** Stops the threads, loaded or not: a search that ended before they were ready does not wait for them. */
  async terminate(): Promise<void> {
    this.closed = true;
    await this.spawned.catch(() => {});
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Goes on with a search paused on one thread (`from`), on a crew (which the caller terminates). */
export async function runShared<S, A extends Action>(model: Model<S, A>, crew: Crew, names: readonly string[], options: Options, from: PausedSearch): Promise<RunSummary> {
  const started = performance.now();
  const deadline = options.timeLimitSeconds === undefined ? Infinity : started + options.timeLimitSeconds * 1000;
  let stopped: IncompleteReason | undefined;
  const watch = setInterval(() => {
    const reason = options.signal?.aborted ? 'interrupted' : performance.now() >= deadline ? 'time-limit' : undefined;
    if (reason && stopped === undefined) (stopped = reason), Atomics.store(crew.control, 0, 1);
  }, 50);
  try {
    await crew.ready;
    const startup = (performance.now() - started) / 1000;
    const safety = model.properties.filter((p) => names.includes(p.name)).filter(isSafety);
    const own = new Expander(model as Model<unknown, Action>, safety as SafetyProperty<unknown>[], symmetryKey(model, options.symmetry ?? true) as Key, crew.control);
    const hands = [...crew.hands(), ownShare(own)];
    return { ...(await levels(model, safety, options, from, hands, () => stopped)), startup };
  } finally {
    clearInterval(watch);
  }
}

/** The coordinator's side of a search: the shared table, the counts, what was found. */
class Ledger<S, A extends Action> {
  readonly table: SharedTable;
  readonly counts = new Float64Array(SEGMENTS);
  readonly found = new Map<number, number>();
  /** States stored outside the workers (handed back, or inherited), for the next level. */
  readonly extras = new ChunkWriter();
  states = 0;
  transitions = 0;
  frontierBytes = 0;

  constructor(
    private readonly model: Model<S, A>,
    private readonly safety: readonly SafetyProperty<S>[],
    private readonly key: ((s: S) => Uint8Array) | undefined,
    private readonly options: Options,
  ) {
    this.table = SharedTable.create(options.tableCapacity ?? 1 << 16);
  }

  /** Grows every segment whose `want` would pass the load limit, one at a time. Returns the bytes let go of since the last collection. */
  ensure(want: (k: number) => number): number {
    let dropped = 0;
    for (let k = 0; k < SEGMENTS; k++) {
      const c = this.table.capacity(k);
      const w = want(k);
      if (w <= c * MAX_LOAD) continue;
      const capacity = Math.max(Math.ceil(c * (growthFactor(this.table.bytes))), Math.ceil(w / TARGET_LOAD));
      if (capacity * 8 + this.table.bytes > (this.options.memoryLimitBytes ?? Infinity)) throw new LimitHit('memory-limit');
      this.table.grow(k, capacity);
      // Free the old buffers as we go, so a growth needs a few segments beside the table.
      dropped += c * 8;
      if (worthCollecting(dropped)) collect(dropped), (dropped = 0);
    }
    return dropped;
  }

  /** Takes over a search paused on one thread: its states, counts and findings. */
  inherit(from: PausedSearch): void {
    const inherited = new Float64Array(SEGMENTS);
    from.table.forEach((hi) => void inherited[SharedTable.segmentOf(hi)]!++);
    this.ensure((k) => inherited[k]!);
    from.table.forEach((hi, lo) => {
      const k = this.table.insert(hi, lo);
      if (k >= 0) this.counts[k]!++;
    });
    this.states = from.states;
    this.transitions = from.transitions;
    for (const f of from.findings) this.decide(f.property, f.depth);
  }

  decide(property: number, depth: number): void {
    this.found.set(property, Math.min(depth, this.found.get(property) ?? Infinity));
  }

  /** Adds up the threads' reports of a level; returns the states they inserted and expanded. */
  absorb(done: readonly LevelDone[]): { inserted: number; expanded: number } {
    let inserted = 0;
    let expanded = 0;
    for (const d of done) {
      inserted += d.inserted;
      expanded += d.expanded;
      this.transitions += d.transitions;
      d.perSegment.forEach((x, k) => (this.counts[k]! += x));
      for (const [p, at] of d.findings) this.decide(p, at);
    }
    this.states += inserted;
    this.frontierBytes = Math.max(this.frontierBytes, done.reduce((sum, d) => sum + d.frontierBytes, 0));
    return { inserted, expanded };
  }

  /** Inserts the candidates the threads handed back (states at `depth`) and checks the new ones. Returns how many were new. */
  admit(done: readonly LevelDone[], depth: number): number {
    const arrivals: { state: S; bytes: Uint8Array; hi: number; lo: number }[] = [];
    for (const d of done) {
      unpackEach(d.overflow, (bytes) => {
        const state = this.model.decode(bytes);
        fingerprint(this.key ? this.key(state) : bytes);
        arrivals.push({ state, bytes: bytes.slice(), hi: fp.hi, lo: fp.lo });
      });
    }
    if (arrivals.length === 0) return 0;
    const extra = new Float64Array(SEGMENTS);
    for (const { hi } of arrivals) extra[SharedTable.segmentOf(hi)]!++;
    this.ensure((k) => this.counts[k]! + extra[k]!);
    let added = 0;
    for (const { state, bytes, hi, lo } of arrivals) {
      const k = this.table.insert(hi, lo);
      if (k < 0) continue;
      this.counts[k]!++;
      added++;
      this.extras.push(bytes);
      this.safety.forEach((p, j) => {
        if (!this.found.has(j) && (p.kind === 'invariant' ? !p.holds(state) : p.kind === 'reachable' && p.test(state))) this.found.set(j, depth);
      });
    }
    this.states += added;
    return added;
  }
}

async function levels<S, A extends Action>(
  model: Model<S, A>,
  safety: readonly SafetyProperty<S>[],
  options: Options,
  from: PausedSearch,
  hands: readonly Hand[],
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
  let perState = 4; // new states per expanded state, for sizing the table
  let first = true;
  let stopped: IncompleteReason | undefined;
  try {
    for (;;) {
      stopped = interrupted();
      if (stopped || frontier === 0 || book.found.size === safety.length) break;
      if (book.states >= (options.maxStates ?? Infinity)) throw new LimitHit('max-states');
      if (depth >= (options.maxDepth ?? Infinity)) throw new LimitHit('max-depth');
      // The frontier counts against the limit as the table does: this level and the next one.
      const frontierBytes = levelBytes(level);
      if (book.table.bytes + frontierBytes * (1 + perState) > (options.memoryLimitBytes ?? Infinity)) throw new LimitHit('memory-limit');
      const expected = (frontier * perState * 1.1) / SEGMENTS + 16;
      const dropped = book.ensure((k) => book.counts[k]! + expected) + frontierBytes;
      const { table, counts } = book;
      const budget = Int32Array.from({ length: SEGMENTS }, (_, k) => Math.min(options.levelBudget ?? 2 ** 31 - 1, Math.max(0, Math.floor((table.capacity(k) * 0.9 - counts[k]!) / hands.length))));
      const release = worthCollecting(dropped) || table.bytes >= LARGE_TABLE;
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
      if (release) collect(Infinity);
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

function growthFactor(bytes: number): number {
  return bytes < SMALL_TABLE ? SMALL_GROWTH : bytes < LARGE_TABLE ? MID_GROWTH : LARGE_GROWTH;
}

class LimitHit extends Error {
  constructor(readonly reason: IncompleteReason) {
    super(reason);
  }
}
