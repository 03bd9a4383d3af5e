/**
 * One check worker of the pool and the jobs sent to it, in order: the first one is running, the
 * rest wait in the worker. It watches the running check's time: a check whose model's code does
 * not return is stopped by force once its time limit and a grace period have passed (as a
 * supervised `check` is), by ending the worker.
 */
import type { Worker } from 'node:worker_threads';
import { graceSeconds } from '../../parallel/supervise.js';
import { checkWorker } from './early-worker.js';
import type { AbortMessage, BuiltMessage, CellJob, CellReply, ReadyMessage } from './protocol.js';

export interface Pending {
  readonly job: CellJob;
  readonly resolve: (reply: CellReply) => void;
  /** What the worker reported of the job's model once built (see BuiltMessage). */
  built?: BuiltMessage;
}

/**
 * A worker is sent its next job before it finishes the one it runs only while its checks take
 * less than this: then the round trip to this thread is a large share of a check. A longer check
 * keeps the next job here, where any worker that comes free can take it.
 */
const AHEAD_MS = 50;

export interface ThreadEvents {
  /** The worker has loaded its modules: checks start now. */
  ready(thread: CheckThread): void;
  reply(thread: CheckThread, pending: Pending, reply: CellReply): void;
  /** The worker ended without being asked to (its jobs are still in {@link CheckThread.jobs}). */
  died(thread: CheckThread, why: string): void;
  /** The running check passed its time limit and grace period. */
  overdue(thread: CheckThread): void;
}

export class CheckThread {
  /** Sent and not yet answered; the first one is running. */
  readonly jobs: Pending[] = [];
  /** When the running check began (performance clock). */
  startedAt = 0;
  private last = Infinity;
  private timer: NodeJS.Timeout | undefined;
  private ended = false;
  private readonly worker: Worker;

  /** Takes the worker started early when there is one (see early-worker.ts). */
  constructor(private readonly events: ThreadEvents) {
    const held = checkWorker();
    this.worker = held.worker;
    held.listen({
      message: (m) => this.received(m as CellReply | ReadyMessage | BuiltMessage),
      error: (e) => this.died(e.message),
      exit: (code) => this.died(`exit code ${code}`),
    });
  }

  private received(m: CellReply | ReadyMessage | BuiltMessage): void {
    if ('ready' in m) this.loaded();
    else if ('built' in m) this.built(m);
    else this.answered(m);
  }

  /** How long the last check it answered took, in milliseconds. */
  get lastMs(): number {
    return this.last;
  }

  /** True when it may be sent a job now: it is idle, or its checks are small and none waits. */
  get canTake(): boolean {
    if (this.jobs.length === 0) return true;
    return this.jobs.length === 1 && this.last < AHEAD_MS && performance.now() - this.startedAt < AHEAD_MS;
  }

  send(pending: Pending): void {
    this.jobs.push(pending);
    this.worker.postMessage(pending.job);
    if (this.jobs.length === 1) this.started();
  }

  abort(): void {
    const msg: AbortMessage = { abort: true };
    this.worker.postMessage(msg);
  }

  /** Ends the worker; its events are ignored from now on. */
  end(): Promise<number> {
    this.ended = true;
    clearTimeout(this.timer);
    return this.worker.terminate();
  }

  /** The running check's clock starts again: the time before was the worker's own start. */
  private loaded(): void {
    if (this.ended) return;
    clearTimeout(this.timer);
    if (this.jobs.length > 0) this.started();
    this.events.ready(this);
  }

  private started(): void {
    this.startedAt = performance.now();
    const limit = this.jobs[0]!.job.limits.timeLimitSeconds;
    if (limit !== undefined) this.timer = setTimeout(() => this.ended || this.events.overdue(this), (limit + graceSeconds(limit)) * 1000);
  }

  private built(m: BuiltMessage): void {
    const running = this.jobs[0];
    if (running?.job.id === m.built) running.built = m;
  }

  private answered(reply: CellReply): void {
    if (this.ended) return;
    clearTimeout(this.timer);
    const pending = this.jobs.shift();
    this.last = performance.now() - this.startedAt;
    if (this.jobs.length > 0) this.started();
    if (pending) this.events.reply(this, pending, reply);
  }

  private died(why: string): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    this.events.died(this, why);
  }
}
