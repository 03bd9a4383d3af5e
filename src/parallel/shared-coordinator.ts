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

const MAX_LOAD = 0.85;
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

  constructor(recipe: ModelRecipe, names: readonly string[], options: Options) {
    const workerData: SharedSetup = { recipe, properties: names, symmetry: options.symmetry ?? true, control: this.control.buffer as SharedArrayBuffer };
    this.ready = workerUrl(recipe.module).then((url) => {
      if (this.closed) return;
      // The calling thread is one of the hands (see runShared): it needs no thread of its own.
      this.workers = Array.from({ length: options.workers - 1 }, () => new Worker(url, { workerData }));
      this.workers.forEach((w, i) => {
        w.on('message', (m: FromSharedWorker) => this.inbox[i]?.(m));
        w.on('error', (e) => this.inbox[i]?.({ type: 'failed', message: e.message }));
      });
      return Promise.all(this.workers.map((_, i) => this.answer(i, 'ready')));
    });
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

  async terminate(): Promise<void> {
    this.closed = true;
    await this.ready.catch(() => {});
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
    return { ...(await levels(model, names, options, from, hands, () => stopped)), startup };
  } finally {
    clearInterval(watch);
  }
}

async function levels<S, A extends Action>(
  model: Model<S, A>,
  names: readonly string[],
  options: Options,
  from: PausedSearch,
  hands: readonly Hand[],
  interrupted: () => IncompleteReason | undefined,
): Promise<Omit<RunSummary, 'startup'>> {
  const n = hands.length;
  const safety = model.properties.filter((p) => names.includes(p.name)).filter(isSafety);
  const key = symmetryKey(model, options.symmetry ?? true);
  const found = new Map<number, number>();
  const started = performance.now();
  let table = SharedTable.create(options.tableCapacity ?? 1 << 16);
  const counts = new Float64Array(SEGMENTS);
  let states = 0;
  let transitions = 0;
  let frontierBytes = 0;
  const extras = new ChunkWriter();
  const memoryLimit = options.memoryLimitBytes ?? Infinity;
  /** Grows every segment whose `want` would pass the load limit, one at a time. */
  const ensure = (want: (k: number) => number): number => {
    let dropped = 0;
    for (let k = 0; k < SEGMENTS; k++) {
      const c = table.capacity(k);
      const w = want(k);
      if (w <= c * MAX_LOAD) continue;
      const capacity = Math.max(Math.ceil(c * 1.5), Math.ceil(w / MAX_LOAD));
      if (capacity * 8 + table.bytes > memoryLimit) throw new LimitHit('memory-limit');
      table = table.withSegment(k, capacity);
      // Free the old buffers as we go, so a growth needs a few segments beside the table.
      dropped += c * 8;
      if (worthCollecting(dropped)) collect(dropped), (dropped = 0);
    }
    return dropped;
  };
  /** Inserts states found outside the workers (initial, or handed back) and checks them at `depth`. */
  const admit = (arrivals: readonly { state: S; bytes: Uint8Array }[], depth: number): void => {
    const fps = arrivals.map(({ state, bytes }) => {
      fingerprint(key ? key(state) : bytes);
      return [fp.hi, fp.lo] as const;
    });
    const extra = new Float64Array(SEGMENTS);
    for (const [hi] of fps) extra[SharedTable.segmentOf(hi)]!++;
    ensure((k) => counts[k]! + extra[k]!);
    arrivals.forEach(({ state, bytes }, i) => {
      const k = table.insert(fps[i]![0], fps[i]![1]);
      if (k < 0) return;
      counts[k]!++;
      states++;
      extras.push(bytes);
      safety.forEach((p, j) => {
        if (!found.has(j) && (p.kind === 'invariant' ? !p.holds(state) : p.kind === 'reachable' && p.test(state))) found.set(j, depth);
      });
    });
  };
  // The paused search's states: its table, then its two levels as chunks.
  const inherited = new Float64Array(SEGMENTS);
  from.table.forEach((hi) => void inherited[SharedTable.segmentOf(hi)]!++);
  ensure((k) => inherited[k]!);
  from.table.forEach((hi, lo) => {
    const k = table.insert(hi, lo);
    if (k >= 0) counts[k]!++;
  });
  states = from.states;
  transitions = from.transitions;
  for (const f of from.findings) found.set(f.property, Math.min(f.depth, found.get(f.property) ?? Infinity));
  const rest = new ChunkWriter();
  const unexpanded = drain(from.current, rest);
  let carried = drain(from.next, extras);
  let depth = from.depth;
  let level = rest.take();
  let frontier = unexpanded;
  if (unexpanded === 0) {
    level = extras.take();
    frontier = carried;
    carried = 0;
    depth++;
  }
  let perState = 4; // new states per expanded state, for sizing the table
  let stopped: IncompleteReason | undefined;
  try {
    for (;;) {
      stopped = interrupted();
      if (stopped || frontier === 0 || found.size === safety.length) break;
      if (states >= (options.maxStates ?? Infinity)) throw new LimitHit('max-states');
      if (depth >= (options.maxDepth ?? Infinity)) throw new LimitHit('max-depth');
      const expected = (frontier * perState * 1.5) / SEGMENTS + 16;
      const dropped = ensure((k) => counts[k]! + expected) + levelBytes(level);
      const budget = Int32Array.from({ length: SEGMENTS }, (_, k) => Math.min(options.levelBudget ?? 2 ** 31 - 1, Math.max(0, Math.floor((table.capacity(k) * 0.9 - counts[k]!) / n))));
      const cursor = new SharedArrayBuffer(4);
      const order: LevelOrder = { type: 'level', depth, table: table.shape, budget, level, cursor, release: worthCollecting(dropped) || table.bytes >= LARGE_TABLE };
      const done = await Promise.all(hands.map((hand) => hand(order)));
      const inserted = done.reduce((sum, d) => sum + d.inserted, 0);
      const expanded = done.reduce((sum, d) => sum + d.expanded, 0);
      states += inserted;
      for (const d of done) d.perSegment.forEach((x, k) => (counts[k]! += x));
      transitions += done.reduce((sum, d) => sum + d.transitions, 0);
      frontierBytes = Math.max(frontierBytes, done.reduce((sum, d) => sum + d.frontierBytes, 0));
      for (const d of done) for (const [p, at] of d.findings) found.set(p, Math.min(at, found.get(p) ?? Infinity));
      if (done.some((d) => d.stopped)) {
        stopped = interrupted() ?? 'interrupted';
        break;
      }
      const before = states;
      const handedBack: { state: S; bytes: Uint8Array }[] = [];
      for (const d of done) unpackEach(d.overflow, (bytes) => void handedBack.push({ state: model.decode(bytes), bytes: bytes.slice() }));
      if (handedBack.length > 0) admit(handedBack, depth + 1);
      frontier = inserted + (states - before) + carried;
      carried = 0;
      level = pool([...done.map((d) => d.next), extras.take()]);
      if (order.release) collect(Infinity);
      perState = Math.max(1, (states - before + inserted) / Math.max(1, expanded));
      if (frontier > 0) depth++;
      const seconds = (performance.now() - started) / 1000;
      options.onProgress?.({ states, transitions, depth, frontier, seconds, statesPerSecond: seconds > 0 ? states / seconds : 0 });
    }
  } catch (e) {
    if (!(e instanceof LimitHit)) throw e;
    stopped = e.reason;
  }
  return { states, transitions, depth, tableBytes: table.bytes, frontierBytes, found, stopped };
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

class LimitHit extends Error {
  constructor(readonly reason: IncompleteReason) {
    super(reason);
  }
}
