/**
 * A pool of check workers (worker threads). This is the only module that spawns check threads;
 * it lives with the CLI because workers load model files by path. Workers live as long as the
 * pool, so each loads its modules and warms its code once for all its checks. The first worker
 * starts at once; another once the first has worked alone for a while (as `check
 * --workers-after` does) and the work left, at the pace of the quickest of the last checks,
 * would keep each worker busy for over a second: a thread's start and the warming of its
 * code cost a few tenths of a second of a core, which a sweep of small cells never earns back.
 * The quickest, because a worker's first checks run before its code is optimised, several
 * times slower than the ones after. With `inThreadMs`, small cells of shipped models are checked
 * on this thread first, and the first worker starts only once a cell is not small
 * (in-thread.ts).
 */
import { availableParallelism } from 'node:os';
import type { IncompleteReason } from '../../core/result.js';
import { BackgroundPriority } from './background-priority.js';
import type { CheckThread, Pending } from './check-thread.js';
import { dropEarlyWorker } from './early-worker.js';
import { InThreadChecks } from './in-thread.js';
import type { CellReply, CellRunner } from './protocol.js';
import { notRun, runJob } from './run-job.js';

/** Seconds the first worker works alone before the others may start. */
export const OTHERS_AFTER_SECONDS = 0.25;
/** Milliseconds of work left a worker that another one is started for. */
const WORK_PER_WORKER_MS = 1000;
/** Checks the pace is taken over. */
const RECENT = 8;

export interface PoolOptions {
  /** Aborted (a second Ctrl-C): stop every check at once, even one inside its model's code. */
  readonly stop?: AbortSignal;
  /** Seconds the first worker works alone before the others may start (default {@link OTHERS_AFTER_SECONDS}). */
  readonly othersAfter?: number;
  /** Jobs not yet answered, those still to be sent included; unknown (as many as may come) when absent. */
  readonly backlog?: () => number;
  /**
   * Check small cells of shipped models on this thread until one is not (see in-thread.ts);
   * the number is the milliseconds a cell may take here. Off when absent.
   */
  readonly inThreadMs?: number;
}

/** Workers for `size` jobs at once: at most the machine's cores by default. */
export function workerPool(size = availableParallelism(), options: PoolOptions = {}): CellRunner & { readonly workers: number } {
  const queue: Pending[] = [];
  const threads: CheckThread[] = [];
  let aborted = false;
  let hiring = false;
  let hireTimer: NodeJS.Timeout | undefined;
  const recent: number[] = []; // milliseconds the last checks took

  const worthIt = (): boolean => {
    const left = options.backlog?.() ?? Infinity;
    // Before any answer, the first check's time so far is the pace.
    const pace = recent.length > 0 ? Math.min(...recent) : performance.now() - (threads[0]?.startedAt ?? Infinity);
    return left === Infinity || left * pace > WORK_PER_WORKER_MS * threads.length;
  };
  const mayStart = (): boolean => threads.length === 0 || (threads.length < size && hiring && worthIt());
  // The worker's side loads with the first worker (node:worker_threads and the supervision
  // among it): a sweep of small cells checked on this thread needs none of it.
  let threadModule: typeof import('./check-thread.js') | undefined;
  let loading = false;
  const start = (): CheckThread | undefined => {
    if (threadModule === undefined) {
      if (!loading) void import('./check-thread.js').then((m) => ((threadModule = m), dispatch()));
      loading = true;
      return undefined;
    }
    const t = new threadModule.CheckThread(events);
    threads.push(t);
    return t;
  };
  const dispatch = (): void => {
    // Nothing runs beside a check on this thread.
    if (here?.busy) return;
    while (!aborted && queue.length > 0) {
      if (here?.takes(queue[0]!.job, threads.length)) return here.run(queue.shift()!);
      const t = threads.find((w) => w.jobs.length === 0) ?? (mayStart() ? start() : threads.find((w) => w.canTake));
      if (t === undefined) return;
      t.send(queue.shift()!);
    }
  };
  // A worker that is gone takes only its running job with it: the ones behind it run elsewhere.
  const drop = (t: CheckThread): Pending | undefined => {
    threads.splice(threads.indexOf(t), 1);
    const [running, ...waiting] = t.jobs.splice(0);
    queue.unshift(...waiting);
    return running;
  };
  const force = (t: CheckThread, reason: IncompleteReason): void => {
    void t.end();
    const running = drop(t);
    if (running) void import('./stopped.js').then((m) => m.stoppedReply(running.job, reason, t.startedAt, running.built)).then(running.resolve);
  };
  const answered = (ms: number, p: Pending, reply: CellReply): void => {
    if (recent.push(ms) > RECENT) recent.shift();
    p.resolve(reply);
    dispatch();
  };
  const here = options.inThreadMs === undefined ? undefined : new InThreadChecks({
    reply: (p, reply, ms) => {
      // Workers share the rest once it would keep one busy for over a second (never with one job at a time).
      if (size > 1 && recent.length >= RECENT - 1 && (options.backlog?.() ?? Infinity) * Math.min(ms, ...recent) > WORK_PER_WORKER_MS) here!.close();
      answered(ms, p, reply);
    },
    // After Ctrl-C no worker takes it again: it is answered as the queued cells are.
    overran: (p) => (aborted ? p.resolve(notRun(p.job)) : (queue.unshift(p), dispatch())),
  }, options.inThreadMs);
  const events = {
    // The first worker's clock starts once it has loaded its modules (a thread's start is slow on a busy machine).
    // Hiring is looked at again as checks are answered, and on this clock while one runs long.
    ready: () => void (hireTimer ??= setInterval(() => ((hiring = true), dispatch()), (options.othersAfter ?? OTHERS_AFTER_SECONDS) * 1000).unref()),
    reply: (t: CheckThread, p: Pending, reply: CellReply) => answered(t.lastMs, p, reply),
    died: (t: CheckThread, why: string) => {
      const running = drop(t);
      running?.resolve({ id: running.job.id, ok: false, message: `a check worker died: ${why}`, usage: false });
      dispatch();
    },
    overdue: (t: CheckThread) => (force(t, 'time-limit'), dispatch()),
  };
  const abort = (): void => {
    aborted = true;
    here?.abort();
    for (const p of queue.splice(0)) p.resolve(notRun(p.job));
    for (const t of threads) t.abort();
  };
  const stop = (): void => {
    abort();
    for (const t of [...threads]) force(t, 'interrupted');
    for (const p of queue.splice(0)) p.resolve(notRun(p.job));
  };
  options.stop?.addEventListener('abort', stop, { once: true });

  return {
    run(job) {
      if (aborted) return Promise.resolve(notRun(job));
      return new Promise<CellReply>((resolve) => {
        queue.push({ job, resolve });
        dispatch();
      });
    },
    abort,
    /** Workers started and alive. */
    get workers() {
      return threads.length;
    },
    async close() {
      aborted = true;
      here?.close();
      clearInterval(hireTimer);
      options.stop?.removeEventListener('abort', stop);
      await Promise.all([...threads.splice(0).map((t) => t.end()), dropEarlyWorker()]);
    },
  };
}

/** Runs jobs one after another in this thread: no workers (`--jobs 0`). V8's threads yield to it meanwhile. */
export function inProcessRunner(): CellRunner {
  const controller = new AbortController();
  const background = new BackgroundPriority();
  return {
    run: (job) => {
      if (controller.signal.aborted) return Promise.resolve(notRun(job));
      background.lower();
      return runJob(job, controller.signal);
    },
    abort: () => controller.abort(),
    close: async () => background.restore(),
  };
}
