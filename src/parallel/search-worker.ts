/**
 * The supervised search's thread: builds the model from its recipe and runs the whole check
 * (checkParallel, so a parallel search starts its own threads from here), posting progress as it
 * goes and the result at the end. The thread that started it stays free to stop it (supervise.ts).
 */
import { parentPort } from 'node:worker_threads';
import { CheckError } from '../core/errors.js';
import type { Progress } from '../core/result.js';
import { checkParallel, type ParallelOptions } from './check-parallel.js';
import { toPortable, type PortableResult } from './portable.js';
import type { ModelRecipe } from './protocol.js';
import type { EarlyCrew } from './shared-protocol.js';
import { buildRecipe } from './recipe.js';
import { adoptBundle } from './worker-bundle.js';

/** The options that cross to the thread: all but the signal and the callback, which cannot. */
export type SearchOptions = Omit<ParallelOptions, 'signal' | 'onProgress'>;

export interface SearchSetup {
  readonly role: 'search';
  readonly recipe: ModelRecipe;
  readonly options: SearchOptions;
  /** The bundle this thread runs, for the threads of a parallel search. */
  readonly bundle: string;
  /** The threads of the parallel search, when started beside this one (early-crew.ts). */
  readonly crew?: EarlyCrew;
}

export type ToSearch = { readonly type: 'abort' };
export type FromSearch =
  | { readonly type: 'progress'; readonly progress: Progress }
  | { readonly type: 'result'; readonly result: PortableResult }
  | { readonly type: 'failed'; readonly message: string; readonly code?: CheckError['code']; readonly stack?: string };

/** Progress at least this often, so a search stopped by force reports recent statistics. */
const PROGRESS_MS = 250;

export function isSearchSetup(data: unknown): data is SearchSetup {
  return typeof data === 'object' && data !== null && (data as Partial<SearchSetup>).role === 'search';
}

export async function serveSearch(module: { readonly default?: unknown }, setup: SearchSetup, policies: readonly unknown[] = []): Promise<void> {
  const port = parentPort!;
  const post = (m: FromSearch): void => port.postMessage(m);
  const controller = new AbortController();
  port.on('message', (m: ToSearch) => m.type === 'abort' && controller.abort());
  try {
    adoptBundle(setup.recipe.module, setup.bundle, setup.recipe.policies);
    const model = buildRecipe(module, setup.recipe, policies);
    const onProgress = (progress: Progress): void => post({ type: 'progress', progress });
    const result = await checkParallel(model, setup.recipe, { progressIntervalMs: PROGRESS_MS, ...setup.options, signal: controller.signal, onProgress }, setup.crew);
    post({ type: 'result', result: toPortable(result) });
  } catch (e) {
    // The model's own error (the cause) has the frames worth showing with --debug.
    const origin = e instanceof Error && e.cause instanceof Error ? e.cause : e;
    const stack = origin instanceof Error ? origin.stack : undefined;
    post({ type: 'failed', message: e instanceof Error ? e.message : String(e), ...(e instanceof CheckError ? { code: e.code } : {}), ...(stack ? { stack } : {}) });
  }
}
