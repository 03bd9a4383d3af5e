/**
 * A check whose model code runs in a thread of its own, so that it can be stopped whatever that
 * code does: a model caught in an endless loop never returns to the search's checks of the
 * clock and the abort signal, but the supervising thread is free, and stops the thread by force
 * once the time limit has passed by a grace period, or when `stop` is aborted (a second Ctrl-C).
 * The result is then `incomplete` with the last statistics the search reported.
 */
import { Worker } from 'node:worker_threads';
import { assertModel } from '../core/contract.js';
import { CheckError } from '../core/errors.js';
import { collisionProbability } from '../core/hash.js';
import type { Action, Model } from '../core/model.js';
import type { CheckResult, IncompleteReason, Progress } from '../core/result.js';
import type { ParallelOptions } from './check-parallel.js';
import { startCrew } from './early-crew.js';
import { startedWithCheck } from './threaded.js';
import { fromPortable } from './portable.js';
import type { ModelRecipe } from './protocol.js';
import type { FromSearch, SearchSetup, ToSearch } from './search-worker.js';
import { readableStack, workerUrl } from './worker-bundle.js';

export interface SupervisedOptions extends ParallelOptions {
  /** Aborted: stop the search thread at once, even inside the model's code. */
  readonly stop?: AbortSignal;
}

/** Seconds past the time limit before the thread is stopped by force: the search's own check comes first. */
export function graceSeconds(timeLimitSeconds: number): number {
  return Math.max(2, timeLimitSeconds * 0.1);
}

/**
 * Checks `model` as {@link checkParallel} does, the search running in a worker thread built from
 * `recipe`; `model` (this thread's copy) replays the counterexamples the thread reports, so
 * they are the same paths. Verdicts, state counts and paths are those of `checkParallel`.
 *
 * @example
 * const result = await checkSupervised(counter.build(recipe.params), recipe, { workers: 1, timeLimitSeconds: 2, stop });
 */
export async function checkSupervised<S, A extends Action>(model: Model<S, A>, recipe: ModelRecipe, options: SupervisedOptions): Promise<CheckResult<S, A>> {
  assertModel(model);
  const start = performance.now();
  const { signal, onProgress, stop, ...rest } = options;
  const url = await workerUrl(recipe.module, recipe.policies);
  const names = startedWithCheck(model, rest);
  // Started now, beside the search thread, so that they are ready and warm when it wants them.
  const early = names && startCrew(url, recipe, names, rest.symmetry ?? true, rest.workers - 1);
  const setup: SearchSetup = { role: 'search', recipe, options: rest, bundle: url.href, ...(early ? { crew: early.crew } : {}) };
  const worker = new Worker(url, { workerData: setup, transferList: [...(early?.crew.ports ?? [])] });
  let last: Progress | undefined;
  const cleanups: (() => void)[] = [];
  return new Promise<CheckResult<S, A>>((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void): void => {
      if (settled) return;
      settled = true;
      cleanups.forEach((c) => c());
      void worker.terminate();
      f();
    };
    const force = (reason: IncompleteReason): void => settle(() => resolve(stoppedByForce(model, options.properties, last, reason, start)));
    worker.on('message', (m: FromSearch) => {
      if (m.type === 'progress') (last = m.progress), onProgress?.(m.progress);
      else if (m.type === 'result') settle(() => resolve(fromPortable(model, m.result)));
      else settle(() => reject(failure(m, url.href)));
    });
    worker.on('error', (e) => settle(() => reject(new CheckError('model-threw', `the search thread failed: ${e.message}`, { cause: e }))));
    for (const t of early?.threads ?? []) {
      t.on('error', (e) => settle(() => reject(new CheckError('model-threw', `a thread of the search failed: ${e.message}`, { cause: e }))));
      cleanups.push(() => void t.terminate());
    }
    worker.on('exit', (code) => settle(() => reject(new CheckError('model-threw', `the search thread ended (exit code ${code}) before its result`))));
    cleanups.push(
      onAbort(signal, () => worker.postMessage({ type: 'abort' } satisfies ToSearch)),
      onAbort(stop, () => force('interrupted')),
    );
    if (options.timeLimitSeconds !== undefined) {
      const timer = setTimeout(() => force('time-limit'), (options.timeLimitSeconds + graceSeconds(options.timeLimitSeconds)) * 1000);
      cleanups.push(() => clearTimeout(timer));
    }
  });
}

/** The thread's error, as this thread's CheckError; its cause carries the thread's stack. */
function failure(m: Extract<FromSearch, { type: 'failed' }>, url: string): CheckError {
  if (m.stack === undefined) return new CheckError(m.code ?? 'model-threw', m.message);
  const cause = new Error(m.message);
  cause.stack = readableStack(m.stack, url);
  return new CheckError(m.code ?? 'model-threw', m.message, { cause });
}

/** Calls `f` once `signal` is aborted (at once if it is); returns the undo. */
function onAbort(signal: AbortSignal | undefined, f: () => void): () => void {
  if (signal === undefined) return () => {};
  if (signal.aborted) {
    queueMicrotask(f);
    return () => {};
  }
  signal.addEventListener('abort', f, { once: true });
  return () => signal.removeEventListener('abort', f);
}

/** What a result stopped by force names of its model: a built model, or what a worker reported of one. */
export type ModelOutline<S> = Pick<Model<S, Action>, 'name'> & { readonly properties: readonly Pick<Model<S, Action>['properties'][number], 'name' | 'kind'>[] };

/** The result of a search stopped inside the model's code: nothing decided, the last statistics received. */
export function stoppedByForce<S, A extends Action>(model: ModelOutline<S>, selected: readonly string[] | undefined, last: Progress | undefined, reason: IncompleteReason, start: number): CheckResult<S, A> {
  const seconds = (performance.now() - start) / 1000;
  const states = last?.states ?? 0;
  const transitions = last?.transitions ?? 0;
  const properties = model.properties.filter((p) => selected === undefined || selected.includes(p.name)).map((p) => ({ name: p.name, kind: p.kind, status: 'unknown' as const }));
  const stats = { states, transitions, depth: last?.depth ?? 0, seconds, statesPerSecond: seconds > 0 ? states / seconds : 0, bytesPerState: 0, tableBytes: 0, collisionProbability: collisionProbability(states, states + transitions), stoppedInModel: true };
  return { model: model.name, verdict: 'incomplete', properties, stats, incomplete: reason };
}
