/**
 * The worker threads of a parallel search (shared-coordinator.ts): started from the model's
 * bundle, each builds the model and then expands its share of every level it is sent.
 */
import { Worker, type MessagePort } from 'node:worker_threads';
import { CheckError } from '../core/errors.js';
import type { ModelRecipe } from './protocol.js';
import type { EarlyCrew, FromSharedWorker, GrowOrder, LevelDone, LevelOrder, SharedOptions, SharedSetup } from './shared-protocol.js';
import { workerUrl } from './worker-bundle.js';

/** A thread's share of a level: expand it, report what was found. */
export type Hand = (order: LevelOrder) => Promise<LevelDone>;

/** A thread's share of the table's growth between levels: these segments, rehashed. */
export type Grower = (segments: SharedArrayBuffer[], capacities: number[]) => Promise<readonly SharedArrayBuffer[]>;

/** Who works on the next level, and which threads can help the table grow before it. */
export interface Team {
  readonly hands: readonly Hand[];
  readonly growers: readonly Grower[];
}

/**
 * The worker threads of a parallel search, started as soon as it is likely to be needed: they
 * are bundled and load the model while the caller still searches on one thread. Or threads
 * started earlier by another thread (`early`, see supervise.ts), which this crew talks to through
 * ports and which their starter ends.
 */
export class Crew {
  workers: (Worker | MessagePort)[] = [];
  readonly control: Int32Array;
  /** Resolves once every worker has built its model. */
  readonly ready: Promise<unknown>;
  /** True once {@link ready} has settled (resolved or rejected): a search can tell without waiting. */
  settled = false;
  /** When the workers took their first level (performance clock), if they did. */
  joinedAt: number | undefined;
  private readonly inbox: ((m: FromSharedWorker) => void)[] = [];
  private closed = false;
  /** Resolves once the bundle is built and the threads are created (or not, when terminated first). */
  private readonly spawned: Promise<void>;

  constructor(recipe: ModelRecipe, names: readonly string[], options: SharedOptions, early?: EarlyCrew) {
    this.control = new Int32Array(early?.control ?? new SharedArrayBuffer(8));
    const listen = (w: Worker | MessagePort, i: number): void => {
      w.on('message', (m: FromSharedWorker) => this.inbox[i]?.(m));
      if (w instanceof Worker) w.on('error', (e) => this.inbox[i]?.({ type: 'failed', message: e.message }));
    };
    if (early) {
      this.workers = [...early.ports];
      this.workers.forEach(listen);
      this.spawned = Promise.resolve();
    } else {
      const workerData: SharedSetup = { recipe, properties: names, symmetry: options.symmetry ?? true, control: this.control.buffer as SharedArrayBuffer };
      this.spawned = workerUrl(recipe.module, recipe.policies).then((url) => {
        if (this.closed) return;
        // The calling thread is one of the hands (see runShared): it needs no thread of its own.
        this.workers = Array.from({ length: options.workers - 1 }, () => new Worker(url, { workerData }));
        this.workers.forEach(listen);
      });
    }
    this.ready = this.spawned.then(() => Promise.all(this.workers.map((_, i) => this.answer(i, 'ready'))));
    // Awaited later, or never when the probe finishes the search: a failure must not go unhandled.
    this.ready.then(() => (this.settled = true), () => (this.settled = true));
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

  /**
   * The hands of the next level: `own` alone until every worker has loaded the model, then the
   * workers' too, so that the search never waits for them. A worker's first level of this search
   * tells it to forget what an earlier one left (its cache of fingerprints, its decided properties).
   * Rejects with the reason the workers could not load the model.
   */
  team(own: Hand): () => Promise<Team> {
    let joined: Team | undefined;
    return async () => {
      if (joined === undefined && this.settled) {
        await this.ready;
        // The workers first: the calling thread's hand starts expanding at once and takes the
        // level's chunks out of the order (Expander.begin), which the workers are sent a copy of.
        joined = { hands: [...this.hands().map(freshStart), own], growers: this.growers() };
        this.joinedAt = performance.now();
      }
      return joined ?? { hands: [own], growers: [] };
    };
  }

  /** Each thread's share of a growth of the table. */
  growers(): Grower[] {
    return this.workers.map((w, i) => async (segments, capacities) => {
      const reply = this.answer(i, 'grown');
      w.postMessage({ type: 'grow', segments, capacities } satisfies GrowOrder);
      return (await reply).buffers;
    });
  }

  /** Stops the threads, loaded or not: a search that ended before they were ready does not wait for them. */
  async terminate(): Promise<void> {
    this.closed = true;
    await this.spawned.catch(() => {});
    // A port's thread is ended by whoever started it; closed, it lets go of this search's memory.
    await Promise.all(this.workers.map((w) => (w instanceof Worker ? w.terminate() : w.close())));
  }
}

/** `hand`, told on its first level that it is the first of a search. */
function freshStart(hand: Hand): Hand {
  let first = true;
  return (order) => {
    const o = first ? { ...order, first: true } : order;
    first = false;
    return hand(o);
  };
}
