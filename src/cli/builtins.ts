/**
 * Node modules that most commands never use, loaded on first use instead of with the command:
 * `node:crypto` (hashes for --cache and --shard, an id for --out) took 8 to 12 ms to load and
 * `node:worker_threads` about 5 ms, a tenth of what a sweep of small cells spends loading
 * before its first cell, when that sweep runs on the command's thread with neither.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let crypto: typeof import('node:crypto') | undefined;
let threads: typeof import('node:worker_threads') | undefined;

/**
 * `node:crypto`, loaded on the first call.
 *
 * @example nodeCrypto().createHash('sha256').update('x').digest('hex').length // 64
 */
export function nodeCrypto(): typeof import('node:crypto') {
  return (crypto ??= require('node:crypto') as typeof import('node:crypto'));
}

/**
 * `node:worker_threads`, loaded on the first call.
 *
 * @example new (workerThreads().Worker)(url) // a thread
 */
export function workerThreads(): typeof import('node:worker_threads') {
  return (threads ??= require('node:worker_threads') as typeof import('node:worker_threads'));
}
