/**
 * Runs a parallel safety search over one shared visited table (shared-table.ts): each level,
 * every worker expands the states it discovered in the level before, probing and inserting into
 * the same table; between levels the coordinator grows the table, takes in the candidates a
 * worker could not insert within its budget, and decides whether to go on. Levels end together,
 * so depths and state counts are the single-threaded search's.
 */
import { Worker } from 'node:worker_threads';
import type { CheckOptions } from '../core/check.js';
import { CheckError } from '../core/errors.js';
import { fingerprint, fp } from '../core/hash.js';
import { isSafety, type Action, type Model } from '../core/model.js';
import type { IncompleteReason } from '../core/result.js';
import { symmetryKey } from '../core/symmetry.js';
import { collect } from './collect.js';
import { unpackEach } from './packed.js';
import { ChunkWriter, pool, type Chunks } from './shared-chunks.js';
import type { ModelRecipe } from './protocol.js';
import type { FromSharedWorker, LevelDone, LevelOrder, SharedSetup } from './shared-protocol.js';
import { SharedTable } from './shared-table.js';

const MAX_LOAD = 0.85;

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
  /** Seconds until every worker had loaded the model. */
  readonly startup: number;
}

type Options = CheckOptions & {
  readonly workers: number;
  readonly preload?: readonly string[];
  /** At most this many inserts a worker and level (tests use it to exercise the hand-back). */
  readonly levelBudget?: number;
};

export async function runShared<S, A extends Action>(model: Model<S, A>, recipe: ModelRecipe, names: readonly string[], options: Options): Promise<RunSummary> {
  const started = performance.now();
  const n = options.workers;
  const control = new Int32Array(new SharedArrayBuffer(8));
  const setup: SharedSetup = { recipe, properties: names, symmetry: options.symmetry ?? true, control: control.buffer as SharedArrayBuffer };
  const main = new URL('./shared-worker.ts', import.meta.url).href;
  const workers = Array.from({ length: n }, () => new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData: { ...setup, preload: options.preload ?? [], main } }));
  const inbox: ((m: FromSharedWorker) => void)[] = [];
  workers.forEach((w, i) => {
    w.on('message', (m: FromSharedWorker) => inbox[i]?.(m));
    w.on('error', (e) => inbox[i]?.({ type: 'failed', message: e.message }));
  });
  const answer = <T extends FromSharedWorker['type']>(i: number, type: T): Promise<Extract<FromSharedWorker, { type: T }>> =>
    new Promise((resolve, reject) => {
      inbox[i] = (m) => {
        if (m.type === 'failed') reject(new CheckError((m.code as CheckError['code'] | undefined) ?? 'model-threw', m.message));
        else if (m.type === type) resolve(m as Extract<FromSharedWorker, { type: T }>);
      };
    });
  const deadline = options.timeLimitSeconds === undefined ? Infinity : started + options.timeLimitSeconds * 1000;
  let stopped: IncompleteReason | undefined;
  const watch = setInterval(() => {
    const reason = options.signal?.aborted ? 'interrupted' : performance.now() >= deadline ? 'time-limit' : undefined;
    if (reason && stopped === undefined) (stopped = reason), Atomics.store(control, 0, 1);
  }, 50);
  try {
    await Promise.all(workers.map((_, i) => answer(i, 'ready')));
    const startup = (performance.now() - started) / 1000;
    return { ...(await levels(model, names, options, workers, answer, () => stopped)), startup };
  } finally {
    clearInterval(watch);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

async function levels<S, A extends Action>(
  model: Model<S, A>,
  names: readonly string[],
  options: Options,
  workers: Worker[],
  answer: (i: number, type: 'done') => Promise<LevelDone>,
  interrupted: () => IncompleteReason | undefined,
): Promise<Omit<RunSummary, 'startup'>> {
  const n = workers.length;
  const safety = model.properties.filter((p) => names.includes(p.name)).filter(isSafety);
  const key = symmetryKey(model, options.symmetry ?? true);
  const found = new Map<number, number>();
  const started = performance.now();
  let table = SharedTable.create(1 << 16);
  let states = 0;
  let transitions = 0;
  let frontierBytes = 0;
  const extras = new ChunkWriter();
  /** Inserts a state found outside the workers (initial, or handed back); checks it at `depth`. */
  const admit = (state: S, bytes: Uint8Array, depth: number): void => {
    fingerprint(key ? key(state) : bytes);
    if (!table.insert(fp.hi, fp.lo)) return;
    states++;
    extras.push(bytes);
    safety.forEach((p, i) => {
      if (!found.has(i) && (p.kind === 'invariant' ? !p.holds(state) : p.kind === 'reachable' && p.test(state))) found.set(i, depth);
    });
  };
  for (const s of model.initialStates()) admit(s, model.encode(s).slice(), 0);
  let frontier = states;
  let level: Chunks = extras.take();
  let perState = 4; // new states per expanded state, for sizing the table
  let depth = 0;
  let stopped: IncompleteReason | undefined;
  const memoryLimit = options.memoryLimitBytes ?? Infinity;
  const ensure = (wanted: number): void => {
    let capacity = table.capacity;
    while (wanted > capacity * MAX_LOAD) capacity = Math.ceil(capacity * 1.5);
    if (capacity === table.capacity) return;
    if (capacity * 8 + table.bytes > memoryLimit) throw new LimitHit('memory-limit');
    table = table.grownTo(capacity);
    collect();
  };
  try {
    for (;;) {
      stopped = interrupted();
      if (stopped || frontier === 0 || found.size === safety.length) break;
      if (states >= (options.maxStates ?? Infinity)) throw new LimitHit('max-states');
      if (depth >= (options.maxDepth ?? Infinity)) throw new LimitHit('max-depth');
      ensure(states + Math.ceil(frontier * perState * 1.5) + 1024);
      const budget = Math.min(options.levelBudget ?? Infinity, Math.max(0, Math.floor((table.capacity * 0.9 - states) / n)));
      const cursor = new SharedArrayBuffer(4);
      const done = await Promise.all(workers.map((w, i) => {
        const order: LevelOrder = { type: 'level', depth, table: table.buffer, capacity: table.capacity, budget, level, cursor };
        const reply = answer(i, 'done');
        w.postMessage(order);
        return reply;
      }));
      const inserted = done.reduce((sum, d) => sum + d.inserted, 0);
      const expanded = done.reduce((sum, d) => sum + d.expanded, 0);
      states += inserted;
      transitions += done.reduce((sum, d) => sum + d.transitions, 0);
      frontierBytes = Math.max(frontierBytes, done.reduce((sum, d) => sum + d.frontierBytes, 0));
      for (const d of done) for (const [p, at] of d.findings) found.set(p, Math.min(at, found.get(p) ?? Infinity));
      if (done.some((d) => d.stopped)) {
        stopped = interrupted() ?? 'interrupted';
        break;
      }
      const before = states;
      const overflow = done.reduce((sum, d) => sum + d.overflow.length, 0);
      if (overflow > 0) {
        ensure(states + done.reduce((sum, d) => sum + countPacked(d.overflow), 0));
        for (const d of done) unpackEach(d.overflow, (bytes) => admit(model.decode(bytes), bytes.slice(), depth + 1));
      }
      frontier = inserted + (states - before);
      level = pool([...done.map((d) => d.next), extras.take()]);
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

function countPacked(packed: Uint8Array): number {
  let count = 0;
  unpackEach(packed, () => count++);
  return count;
}

class LimitHit extends Error {
  constructor(readonly reason: IncompleteReason) {
    super(reason);
  }
}
