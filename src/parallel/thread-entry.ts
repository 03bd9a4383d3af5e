/**
 * The entry of every worker bundle (worker-bundle.ts): a supervised search thread
 * (search-worker.ts) or one of a parallel search's threads (shared-worker.ts), as its
 * workerData says.
 */
import { workerData } from 'node:worker_threads';
import { isSearchSetup, serveSearch } from './search-worker.js';
import { serveLevels } from './shared-worker.js';

export function serve(module: { readonly default?: unknown }): void {
  if (isSearchSetup(workerData)) void serveSearch(module, workerData);
  else serveLevels(module);
}
