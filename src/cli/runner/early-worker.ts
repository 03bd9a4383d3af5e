/**
 * The first check worker of `matrix`, started as the command begins, before its modules load and
 * its plan is made: a worker thread's start (Node's own modules compiled again in the thread, then
 * allocheck's) takes as long as the command's own loading, and the two run on different cores.
 * The pool adopts it for its first thread. Until then it is unreferenced (it never keeps the
 * process alive, e.g. after bad input) and its events are held, so that none is lost before the
 * pool listens: a worker posts `ready` as soon as it has loaded.
 */
import type { Worker } from 'node:worker_threads';
import { packageModule } from '../../package-files.js';
import { workerThreads } from '../builtins.js';
import { looksLikePath } from '../looks-like-path.js';

// Built, the worker is plain JavaScript; from the sources, a bootstrap registers tsx first.
const workerUrl = packageModule('src/cli/runner/worker-boot.mjs', 'worker.js');

/** What a check thread listens to. */
export interface WorkerListener {
  message(m: unknown): void;
  error(e: Error): void;
  exit(code: number): void;
}

/** A check worker whose events wait for their listener. */
export class HeldWorker {
  private listener: WorkerListener | undefined;
  private readonly held: ((l: WorkerListener) => void)[] = [];

  constructor(readonly worker: Worker) {
    worker.on('message', (m: unknown) => this.deliver((l) => l.message(m)));
    worker.on('error', (e: Error) => this.deliver((l) => l.error(e)));
    worker.on('exit', (code: number) => this.deliver((l) => l.exit(code)));
  }

  private deliver(event: (l: WorkerListener) => void): void {
    if (this.listener) event(this.listener);
    else this.held.push(event);
  }

  /** Delivers the events held so far, in order, then each as it comes. */
  listen(listener: WorkerListener): void {
    this.listener = listener;
    for (const event of this.held.splice(0)) event(listener);
  }
}

let early: HeldWorker | undefined;

/**
 * True when some argument names a file (a model or policy file of the user's, which only a
 * worker checks), unless the arguments say `--jobs 0` (no workers) or `--mechanisms` (checked in
 * this thread). Shipped models' cells are checked on the command's thread first, and a worker
 * starts only once one is not small (in-thread.ts): starting one now would cost a core for
 * nothing on a sweep of small cells.
 */
function wantsWorkers(argv: readonly string[]): boolean {
  const jobs = argv.findIndex((a) => a === '--jobs' || a.startsWith('--jobs='));
  const zero = jobs >= 0 && Number(argv[jobs]!.includes('=') ? argv[jobs]!.slice(7) : argv[jobs + 1]) === 0;
  const files = argv.some((a, i) => !PATH_VALUED.has(argv[i - 1]!) && !PATH_VALUED.has(a.split('=')[0]!) && a.split(/[,+=]/).some(looksLikePath));
  return files && !zero && !argv.includes('--mechanisms');
}

/** Options whose value holds a slash without naming a model or policy (`--out DIR`, `--shard 1/4`). */
const PATH_VALUED = new Set(['--out', '--cache', '--shard']);

/**
 * Starts a check worker for a `matrix` command line that will use workers (a wrong guess costs
 * a thread's start, never a result). Returns true when one is waiting for the pool.
 *
 * @example startCheckWorkerEarly(['./my-model.ts', '--sweep', 'pages=5..9']); // true: the pool's first worker is booting
 */
export function startCheckWorkerEarly(argv: readonly string[]): boolean {
  if (!early && wantsWorkers(argv)) {
    early = new HeldWorker(new (workerThreads().Worker)(workerUrl));
    early.worker.unref();
  }
  return early !== undefined;
}

/** The worker started early, or a new one: referenced from now on, like any pool thread. */
export function checkWorker(): HeldWorker {
  const w = early ?? new HeldWorker(new (workerThreads().Worker)(workerUrl));
  early = undefined;
  w.worker.ref();
  return w;
}

/** Ends the worker started early if no pool took it (every cell came from a cache, or none was checked); true if there was one. */
export async function dropEarlyWorker(): Promise<boolean> {
  const w = early;
  early = undefined;
  await w?.worker.terminate();
  return w !== undefined;
}
