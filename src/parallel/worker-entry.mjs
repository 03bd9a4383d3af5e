// The entry of a parallel check's worker thread, in plain JavaScript: a thread starts without
// the module hooks of the thread that made it, so it imports the caller's `preload` modules
// (e.g. one that registers a TypeScript loader) before the worker itself.
import { workerData } from 'node:worker_threads';

for (const url of workerData.preload) await import(url);
await import(workerData.main);
