/**
 * A check worker: receives jobs, checks them one after another in the order they came, posts
 * each result JSON back. The pool may send a job while the previous one runs, so that a worker
 * with small checks never waits for the CLI's thread between them. After an abort, the check in
 * progress comes back interrupted and the jobs not started come back 'not run'.
 * Built, pool.ts starts it directly; from the TypeScript sources, through worker-boot.mjs.
 */
import { parentPort } from 'node:worker_threads';
import type { AbortMessage, CellJob, ReadyMessage } from './protocol.js';
import { notRun, runJob } from './run-job.js';

const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread');
const controller = new AbortController();
const jobs: CellJob[] = [];
let running = false;

async function drain(): Promise<void> {
  running = true;
  for (let job = jobs.shift(); job !== undefined; job = jobs.shift()) {
    port!.postMessage(controller.signal.aborted ? notRun(job) : await runJob(job, controller.signal, (built) => port!.postMessage(built)));
  }
  running = false;
}

port.postMessage({ ready: true } satisfies ReadyMessage);

port.on('message', (msg: CellJob | AbortMessage) => {
  if ('abort' in msg) {
    controller.abort();
    return;
  }
  jobs.push(msg);
  if (!running) void drain();
});
