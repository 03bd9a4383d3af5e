/**
 * A check worker: receives jobs one at a time, checks them, posts the result JSON back.
 * Built, pool.ts starts it directly; from the TypeScript sources, through worker-boot.mjs.
 */
import { parentPort } from 'node:worker_threads';
import type { AbortMessage, CellJob } from './protocol.js';
import { runJob } from './run-job.js';

const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread');
const controller = new AbortController();

port.on('message', (msg: CellJob | AbortMessage) => {
  if ('abort' in msg) {
    controller.abort();
    return;
  }
  void runJob(msg, controller.signal).then((reply) => port.postMessage(reply));
});
