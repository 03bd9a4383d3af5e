/**
 * A safety check spread over worker threads sharing one visited table (256 segments of
 * SharedArrayBuffer, claimed by Atomics, shared-table.ts) and one frontier of shared chunks
 * (shared-chunks.ts): no state is copied between threads. Levels are synchronous: the table grows between levels, and a level
 * ends when every worker has expanded its chunks, so depths, verdicts and state counts are those
 * of the single-threaded search. Counterexamples are then rebuilt by the single-threaded search
 * down to the depth found, so they are the very paths `check` reports.
 *
 * An earlier design partitioned the table by fingerprint and sent each successor to its owner
 * in batches: it was slower on two cores than one thread (0.8x to 1.0x), the copying and the
 * re-probing of duplicates costing more than the second core gave.
 */
import { checkAsync, fullSearchFindings, searchOrPause, type CheckOptions } from '../core/check.js';
import { CHECK_OPTION_NAMES, checkOptionNames, checkPropertyNames } from '../core/check-input.js';
import { assertModel } from '../core/contract.js';
import { CheckError } from '../core/errors.js';
import { collisionProbability } from '../core/hash.js';
import type { Action, Model, Property } from '../core/model.js';
import type { CheckResult, PropertyResult, Stats } from '../core/result.js';
import { symmetryStats } from '../core/symmetry.js';
import { Crew } from './crew.js';
import { runShared, type RunSummary } from './shared-coordinator.js';
import type { ModelRecipe } from './protocol.js';
import type { EarlyCrew } from './shared-protocol.js';
import { selected, threadedProperties } from './threaded.js';

/**
 * A search shorter than this never uses the workers (and never starts them, unless they were
 * started early): its levels are too small to share. Their start is not lost time (the calling
 * thread searches meanwhile), but until they are ready the second core idles: on dm-raid1's
 * 1.4 M states, 2 threads took 1.58-1.61 s starting at 0.1 s or sooner against 1.79 s at 0.25 s
 * (best of 3, one thread 2.0-2.2 s, a quiet 2-core machine).
 */
const PROBE_SECONDS = 0.1;

export interface ParallelOptions extends CheckOptions {
  readonly workers: number;
  /**
   * Seconds one thread searches alone (default 0.1): a search that ends sooner never uses the
   * workers (nor starts them, unless they were started `early`). Then the search goes on, as it
   * stands, on the shared table, on the calling thread alone until the workers have loaded the
   * model and warmed up, so the time spent alone is not lost. 0 waits for them and shares the
   * search from its initial states (tests use this to exercise the threads on small models).
   */
  readonly probeSeconds?: number;
  /**
   * Start the other threads with the check (checkSupervised), to warm up while the search
   * begins alone: worth it when the search is known to be large, as when threads were asked for
   * by name. Default false: they start only after `probeSeconds`, so a small check never pays
   * for a thread (about 0.05 s and 0.25 s of the other core's time here).
   */
  readonly workersAtStart?: boolean;
  /** At most this many inserts a worker and level before candidates go back to the coordinator. */
  readonly levelBudget?: number;
}

/**
 * Checks `model` (which `recipe` rebuilds in each worker) with `workers` threads: threads of its
 * own, or `early`, started beforehand from the same recipe (early-crew.ts). Liveness
 * properties need the whole graph in one place: when any is selected, the check runs on one
 * thread, as {@link checkAsync} does; so does a search that ends before the workers are ready.
 *
 * @example
 * const recipe = { module: new URL('../../models/counter.ts', import.meta.url).href, params: { procs: 5, max: 5 } };
 * const result = await checkParallel(counter.build(recipe.params), recipe, { workers: 2 });
 */
export async function checkParallel<S, A extends Action>(model: Model<S, A>, recipe: ModelRecipe, parallel: ParallelOptions, early?: EarlyCrew): Promise<CheckResult<S, A>> {
  assertModel(model);
  checkOptionNames(parallel, [...CHECK_OPTION_NAMES, 'workers', 'probeSeconds', 'workersAtStart', 'levelBudget'], 'checkParallel');
  // The single-threaded search gets only its own options: it refuses any other name.
  const { workers: _w, probeSeconds: _p, workersAtStart: _s, levelBudget: _l, ...options } = parallel;
  checkPropertyNames(model, options.properties);
  const all = selected(model, options.properties);
  if (!(Number.isInteger(parallel.workers) && parallel.workers >= 1)) throw new CheckError('bad-option', `workers must be a whole number >= 1, got ${parallel.workers}`);
  const names = threadedProperties(model, parallel);
  if (names === undefined) return checkAsync(model, options);
  const start = performance.now();
  let crew: Crew | undefined;
  const hire = (): Crew => (crew ??= new Crew(recipe, names, parallel, early));
  const probe = parallel.probeSeconds ?? PROBE_SECONDS;
  const timer = probe > 0 ? setTimeout(hire, probe * 1000) : undefined;
  try {
    if (probe <= 0) await hire().ready;
    // Handed over as soon as the workers are hired: the calling thread goes on alone with the
    // shared search's code (warm by the time they join) while they load, then they join it.
    const first = await searchOrPause(model, options, () => crew !== undefined);
    if (!('table' in first)) return first;
    const left = options.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: Math.max(1e-3, options.timeLimitSeconds - (performance.now() - start) / 1000) };
    const run = await runShared(model, hire(), names, { ...parallel, ...left, since: start }, first);
    return report(model, all, run, parallel.workers, options, start);
  } finally {
    clearTimeout(timer);
    await crew?.terminate();
  }
}

function report<S, A extends Action>(model: Model<S, A>, all: readonly Property<S>[], run: RunSummary, workers: number, options: CheckOptions, start: number): CheckResult<S, A> {
  const seconds = (performance.now() - start) / 1000;
  const stats: Stats = {
    states: run.states, transitions: run.transitions, depth: run.depth, seconds, statesPerSecond: seconds > 0 ? run.states / seconds : 0,
    tableBytes: run.tableBytes, bytesPerState: run.states > 0 ? (run.tableBytes + run.frontierBytes) / run.states : 0,
    collisionProbability: collisionProbability(run.states, run.transitions + run.states),
    workers,
    workerStartSeconds: run.startup,
    ...symmetryStats(model, options.symmetry ?? true, []),
  };
  const found = all.filter((_, i) => run.found.has(i));
  // Rebuilt on one thread, so the paths are the very ones `check` reports; a finding that
  // search could not fit in memory is not reported.
  const { results: confirmed, unconfirmed } = fullSearchFindings<S, A>(model, found.map((p) => p.name), Math.max(0, ...run.found.values()), options, 'the workers');
  const stopped = run.stopped ?? (unconfirmed ? 'memory-limit' : undefined);
  const properties = all.map((p, i) => confirmed.get(p.name) ?? settled<S, A>(p, stopped === undefined && !run.found.has(i)));
  const violated = properties.some((r) => r.status === 'violated');
  const allHold = properties.length > 0 && properties.every((r) => r.status === 'holds');
  const verdict = violated ? 'violated' : allHold ? 'holds' : 'incomplete';
  return stopped === undefined ? { model: model.name, verdict, properties, stats } : { model: model.name, verdict, properties, stats, incomplete: stopped };
}

/** A property nobody found a violation of: it holds only if the search was exhaustive. */
function settled<S, A extends Action>(p: Property<S>, exhaustive: boolean): PropertyResult<S, A> {
  const base = { name: p.name, kind: p.kind };
  if (!exhaustive) return { ...base, status: 'unknown' };
  return p.kind === 'reachable' ? { ...base, status: 'violated', failure: 'unreachable' } : { ...base, status: 'holds' };
}
