/**
 * Runs the workers of a parallel search level by level: every worker expands its part of the
 * level (sending successors it does not own to their owners), then takes in every batch sent to
 * it; only then does the next level start. Stops when the levels run out, every property is
 * decided, or a limit is reached.
 */
import { MessageChannel, type MessagePort, type Worker, type WorkerOptions } from 'node:worker_threads';
import type { CheckOptions } from '../core/check.js';
import { CheckError } from '../core/errors.js';
import type { IncompleteReason } from '../core/result.js';
import type { FromWorker, LevelReport, ModelRecipe, ToWorker, WorkerSetup } from './protocol.js';

export interface RunSummary {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly tableBytes: number;
  readonly frontierBytes: number;
  /** Property index (in the selected list) to the least depth at which it was decided. */
  readonly found: ReadonlyMap<number, number>;
  readonly stopped: IncompleteReason | undefined;
  /** Seconds until every worker had loaded the model and stored the initial states. */
  readonly startup: number;
}

type Spawn = (url: URL, init: WorkerOptions) => Worker;

export class Coordinator {
  private readonly workers: Worker[] = [];
  private readonly inbox: ((m: FromWorker) => void)[] = [];
  private readonly found = new Map<number, number>();
  private reports: LevelReport[] = [];
  private stopped: IncompleteReason | undefined;

  constructor(
    private readonly recipe: ModelRecipe,
    private readonly properties: readonly string[],
    private readonly options: CheckOptions & { readonly workers: number; readonly preload?: readonly string[] },
    private readonly spawn: Spawn,
  ) {}

  private start(): void {
    const n = this.options.workers;
    const ports: (MessagePort | null)[][] = Array.from({ length: n }, () => Array<MessagePort | null>(n).fill(null));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const { port1, port2 } = new MessageChannel();
        ports[i]![j] = port1;
        ports[j]![i] = port2;
      }
    }
    const memoryLimit = (this.options.memoryLimitBytes ?? Infinity) / n;
    for (let index = 0; index < n; index++) {
      const setup: WorkerSetup = {
        recipe: this.recipe, index, workers: n, properties: this.properties, symmetry: this.options.symmetry ?? true,
        maxStates: Math.ceil((this.options.maxStates ?? Infinity) / n), maxDepth: this.options.maxDepth ?? Infinity, memoryLimit,
      };
      const own = ports[index]!.filter((p): p is MessagePort => p !== null);
      const main = new URL('./worker.ts', import.meta.url).href;
      const worker = this.spawn(new URL('./worker-entry.mjs', import.meta.url), {
        workerData: { ...setup, ports: ports[index], preload: this.options.preload ?? [], main },
        transferList: own,
      });
      worker.on('message', (m: FromWorker) => this.inbox[index]?.(m));
      worker.on('error', (e) => this.inbox[index]?.({ type: 'failed', message: e.message }));
      this.workers.push(worker);
    }
  }

  /** Sends `m` to every worker and waits for each one's answer of type `type`. */
  private async all<T extends FromWorker['type']>(type: T, m?: (i: number) => ToWorker): Promise<Extract<FromWorker, { type: T }>[]> {
    const answers = this.workers.map(
      (_, i) =>
        new Promise<Extract<FromWorker, { type: T }>>((resolve, reject) => {
          this.inbox[i] = (a) => {
            if (a.type === 'failed') reject(new CheckError((a.code as CheckError['code'] | undefined) ?? 'model-threw', a.message));
            else if (a.type === type) resolve(a as Extract<FromWorker, { type: T }>);
          };
        }),
    );
    if (m) this.workers.forEach((w, i) => w.postMessage(m(i)));
    return Promise.all(answers);
  }

  /** Ends the level: each worker takes in what the others sent it, then reports. */
  private async drain(sent: readonly (readonly number[])[]): Promise<void> {
    const drained = await this.all('drained', (k) => ({ type: 'drain', expect: sent.reduce((sum, row) => sum + row[k]!, 0) }));
    this.reports = drained.map((d) => d.report);
    for (const r of this.reports) {
      for (const f of r.findings) this.found.set(f.property, Math.min(f.depth, this.found.get(f.property) ?? Infinity));
      this.stopped ??= r.stopped;
    }
  }

  private total(key: 'states' | 'transitions' | 'next' | 'tableBytes' | 'peakFrontierBytes'): number {
    return this.reports.reduce((sum, r) => sum + r[key], 0);
  }

  /** Runs the search to its end and stops the workers. */
  async run(): Promise<RunSummary> {
    const deadline = this.options.timeLimitSeconds === undefined ? Infinity : performance.now() + this.options.timeLimitSeconds * 1000;
    const started = performance.now();
    this.start();
    const watch = setInterval(() => {
      const reason = this.options.signal?.aborted ? 'interrupted' : performance.now() >= deadline ? 'time-limit' : undefined;
      if (reason) for (const w of this.workers) w.postMessage({ type: 'stop', reason } satisfies ToWorker);
    }, 50);
    let depth = 0;
    let startup = 0;
    try {
      const first = await this.all('expanded');
      startup = (performance.now() - started) / 1000;
      await this.drain(first.map((e) => e.sent));
      for (let level = 0; this.stopped === undefined; level++) {
        if (this.total('next') === 0 || this.found.size === this.properties.length) break;
        if (this.total('states') >= (this.options.maxStates ?? Infinity)) this.stopped = 'max-states';
        else {
          const expanded = await this.all('expanded', () => ({ type: 'expand' }));
          await this.drain(expanded.map((e) => e.sent));
          depth = this.total('next') > 0 ? level + 1 : level;
          const seconds = (performance.now() - started) / 1000;
          const states = this.total('states');
          this.options.onProgress?.({ states, transitions: this.total('transitions'), depth, frontier: this.total('next'), seconds, statesPerSecond: seconds > 0 ? states / seconds : 0 });
        }
      }
    } finally {
      clearInterval(watch);
      await Promise.all(this.workers.map((w) => w.terminate()));
    }
    return {
      states: this.total('states'), transitions: this.total('transitions'), depth, tableBytes: this.total('tableBytes'),
      frontierBytes: this.total('peakFrontierBytes'), found: this.found, stopped: this.stopped, startup,
    };
  }
}
