/**
 * A pool of check workers (worker threads), one job each at a time. This is the only module
 * that spawns threads; it lives with the CLI because workers load model files by path.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { packageModule } from '../../package-files.js';
import type { AbortMessage, CellJob, CellReply, CellRunner } from './protocol.js';
import { runJob } from './run-job.js';

// Built, the worker is plain JavaScript; from the sources, a bootstrap registers tsx first.
const workerUrl = packageModule('src/cli/runner/worker-boot.mjs', 'worker.js');

interface Pending {
  readonly job: CellJob;
  readonly resolve: (reply: CellReply) => void;
}

function interrupted(job: CellJob): CellReply {
  return { id: job.id, ok: false, message: 'interrupted before it ran', usage: false, notRun: true };
}

function remove<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}

/** Workers for `size` jobs at once: at most the machine's cores by default. */
export function workerPool(size = availableParallelism()): CellRunner {
  const queue: Pending[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Pending>();
  const all: Worker[] = [];
  let aborted = false;

  const dispatch = (): void => {
    // Replace workers that died, while there is work for them.
    while (!aborted && queue.length > idle.length && all.length < size) idle.push(spawn());
    while (idle.length && queue.length) {
      const w = idle.pop()!;
      const p = queue.shift()!;
      busy.set(w, p);
      w.postMessage(p.job);
    }
  };
  const spawn = (): Worker => {
    const w = new Worker(workerUrl);
    w.on('message', (reply: CellReply) => {
      const p = busy.get(w);
      busy.delete(w);
      idle.push(w);
      p?.resolve(reply);
      dispatch();
    });
    // A worker that dies takes its job with it: report that job as failed, not lost.
    const fail = (why: string) => {
      const p = busy.get(w);
      busy.delete(w);
      remove(all, w);
      remove(idle, w);
      p?.resolve({ id: p.job.id, ok: false, message: `a check worker died: ${why}`, usage: false });
      dispatch();
    };
    w.on('error', (e) => fail(e.message));
    w.on('exit', (code) => fail(`exit code ${code}`));
    all.push(w);
    return w;
  };

  return {
    run(job) {
      if (aborted) return Promise.resolve(interrupted(job));
      return new Promise((resolve) => {
        queue.push({ job, resolve });
        dispatch();
      });
    },
    abort() {
      aborted = true;
      for (const p of queue.splice(0)) p.resolve(interrupted(p.job));
      const msg: AbortMessage = { abort: true };
      for (const w of busy.keys()) w.postMessage(msg);
    },
    async close() {
      aborted = true;
      await Promise.all([...all].map((w) => w.terminate()));
    },
  };
}

/** Runs jobs one after another in this thread: no workers (`--jobs 0`). */
export function inProcessRunner(): CellRunner {
  const controller = new AbortController();
  return {
    run: (job) => (controller.signal.aborted ? Promise.resolve(interrupted(job)) : runJob(job, controller.signal)),
    abort: () => controller.abort(),
    close: async () => {},
  };
}
