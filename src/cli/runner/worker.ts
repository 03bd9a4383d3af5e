/**
 * A check worker: receives jobs one at a time, checks them, posts the result JSON back.
 * Started by pool.ts through a bootstrap that registers tsx first, so it runs the TypeScript sources.
 */
import { register } from 'node:module';
import { parentPort } from 'node:worker_threads';
import type { AbortMessage, CellJob } from './protocol.js';
import { runJob } from './run-job.js';

// A user's model file may import 'allocheck': resolve it to this package, as the binary does.
register(new URL('../../../bin/resolve-self.js', import.meta.url));

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
