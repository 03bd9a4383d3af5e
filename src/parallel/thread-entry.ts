/**
 * The entry of every worker bundle (worker-bundle.ts): a supervised search thread
 * (search-worker.ts) or one of a parallel search's threads (shared-worker.ts), as its
 * workerData says.
 */
import { workerData } from 'node:worker_threads';
import { isSearchSetup, serveSearch } from './search-worker.js';
import { serveLevels } from './shared-worker.js';

/** `policies`: the modules of the recipe's policies of the user's own, in order. */
export function serve(module: { readonly default?: unknown }, policies: readonly { readonly default?: unknown }[] = []): void {
  const own = policies.map((p) => p.default);
  if (isSearchSetup(workerData)) void serveSearch(module, workerData, own);
  else serveLevels(module, own);
}
