/**
 * The command's own thread as the pool's first place to check, for small cells of shipped
 * models. A worker thread's start costs a fresh Node (its internal modules compiled again,
 * 80 to 130 ms here) and then allocheck's modules and cold code once more, while the command's
 * thread has loaded Node already and sits idle: a sweep of small cells finishes sooner checked
 * here, as `--jobs 0` does (bench/RESULTS.md, "Matrix throughput").
 *
 * A worker is still what supervises a check: it can be stopped by force inside a model's code
 * that does not return, and several run at once. So a cell runs here only while it is small: it
 * runs with a time limit of {@link IN_THREAD_MS} (or its own, when shorter), and one stopped by
 * that limit has its partial result dropped and is checked again from the start on a worker,
 * which then takes every cell after it. Only shipped models run here (their code returns); a model file or
 * policy file of the user's always goes to a worker. One check at a time runs here, and none
 * beside a worker's.
 */
import { isAbsolute } from 'node:path';
import { BackgroundPriority } from './background-priority.js';
import type { Pending } from './check-thread.js';
import type { CellJob, CellReply } from './protocol.js';
import { runJob } from './run-job.js';

/** Milliseconds a cell may run on the command's thread before it is sent to a worker instead. */
export const IN_THREAD_MS = 250;

/**
 * True for a job the command's thread may check: a shipped model by name, no policy file, no
 * partial order reduction (a reduced search's violation is confirmed by a full search that does
 * not look at the clock, so only a worker's supervision could hold it to the cell's time limit).
 *
 * @example checksInThread({ id: 0, model: 'dm-raid1', policy: 'none', params: {}, limits: {} }) // true
 */
export function checksInThread(job: CellJob): boolean {
  return !isAbsolute(job.model) && (job.policyFiles?.length ?? 0) === 0 && job.limits.por !== true;
}

export interface InThreadEvents {
  /** A check finished here; `ms` is how long it took. */
  reply(pending: Pending, reply: CellReply, ms: number): void;
  /** A check ran past its time here and was stopped: check it on a worker. */
  overran(pending: Pending): void;
}

/** Checks jobs one at a time on this thread until it is closed (for good). */
export class InThreadChecks {
  private open = true;
  private running = false;
  /** Aborted by Ctrl-C, for good. One for every check: creating an AbortSignal took 0.1 ms a cell. */
  private readonly stop = new AbortController();
  /** V8's threads yield to this one while it checks cells (background-priority.ts). */
  private readonly background = new BackgroundPriority();

  constructor(private readonly events: InThreadEvents, private readonly ms = IN_THREAD_MS) {}

  /** A check is under way here. */
  get busy(): boolean {
    return this.running;
  }

  /** True if `job` is checked here: still open, no worker has started, and the job may run here; else closes. */
  takes(job: CellJob, workers: number): boolean {
    if (this.open && !(workers === 0 && checksInThread(job))) this.close();
    return this.open;
  }

  /** From now on every job goes to a worker (the one running here finishes). */
  close(): void {
    this.open = false;
    this.background.restore();
  }

  run(pending: Pending): void {
    this.running = true;
    this.background.lower();
    // This thread's time, as a time limit: the search and the analysis look at the clock
    // themselves, so a long cell stops here even where it never turns to the event loop.
    const own = pending.job.limits.timeLimitSeconds;
    const bounded = own === undefined || own > this.ms / 1000;
    const job = bounded ? { ...pending.job, limits: { ...pending.job.limits, timeLimitSeconds: this.ms / 1000 } } : pending.job;
    const started = performance.now();
    void runJob(job, this.stop.signal).then((reply) => {
      this.running = false;
      if (bounded && reply.ok && reply.json.incomplete === 'time-limit') {
        this.close();
        this.events.overran(pending);
      } else this.events.reply(pending, reply, performance.now() - started);
    });
  }

  /** Ctrl-C: the check under way comes back interrupted, and nothing more runs here. */
  abort(): void {
    this.close();
    this.stop.abort();
  }
}
