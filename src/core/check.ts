import { Bfs, type PausedSearch } from './bfs.js';
import { CHECK_OPTION_NAMES, checkOptionNames, checkPropertyNames, checkSomethingToCheck } from './check-input.js';
import { assertModel } from './contract.js';
import { CheckError, guardModel } from './errors.js';
import { collisionProbability } from './hash.js';
import { Budget } from './budget.js';
import { checkFairnessNames, checkFairnessOption } from './fairness.js';
import { GraphAnalysis } from './graph-analysis.js';
import { GraphBuilder } from './graph-builder.js';
import { isSafety, type Action, type Fairness, type LivenessProperty, type Model, type Property, type SafetyProperty } from './model.js';
import { successorList } from './path.js';
import { shortestPaths } from './shortest-paths.js';
import { porPlan, porStats } from './por.js';
import { reducesSymmetry, symmetryKey, symmetryStats } from './symmetry.js';
import { movedUnits } from './quotient.js';
import { quotientPaths } from './quotient-paths.js';
import type { CheckResult, Path, Progress, PropertyResult, Stats } from './result.js';

/**
 * How a search is bounded and observed. Every field is optional; see {@link resolveOptions}. A
 * name not declared here is refused with a `bad-option` CheckError (a typo would otherwise be
 * ignored), and so is an empty `properties`.
 */
export interface CheckOptions {
  /** Names of the properties to check; all of the model's when absent. */
  readonly properties?: readonly string[];
  readonly maxStates?: number;
  readonly maxDepth?: number;
  readonly timeLimitSeconds?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: Progress) => void;
  readonly progressIntervalMs?: number;
  /** Initial capacity of the visited table (a hint for large searches). */
  readonly tableCapacity?: number;
  /**
   * Reduce by the model's symmetry (default true; no effect when the model declares none).
   * Safety properties are checked on one state per class, liveness properties on the quotient
   * graph (quotient.ts), falling back to the full graph for a property whose counterexample
   * there is not fair concretely (`stats.symmetry.fullGraph` names it).
   */
  readonly symmetry?: boolean;
  /**
   * Bytes the visited table and the frontier may take (default: no limit); with a liveness
   * property, the stored graph (edges, node arrays, index) and what its analysis will allocate
   * (SCC and fairness arrays) count too. A search that would pass it stops with verdict
   * `incomplete` ('memory-limit') instead of failing to allocate.
   */
  readonly memoryLimitBytes?: number;
  /**
   * Fairness per actor for liveness properties, overriding the model's `fairness` (no effect on
   * safety properties). Names are checked against the model's `actors` when it lists them.
   */
  readonly fairness?: Readonly<Record<string, Fairness>>;
  /**
   * Partial order reduction by the model's `localActors` (default false; see por.ts). Safety
   * properties only and not with symmetry: otherwise the full search runs and the stats say why.
   * Verdicts and counterexamples are those of the full search.
   */
  readonly por?: boolean;
  /**
   * Leave the properties after the first violated one (in the model's order) `unknown` instead
   * of deciding them (default false). The verdict and the first violated property, with its
   * counterexample, are the same either way, for less work: the liveness analyses after a
   * violation are most of a small check's. For a caller that reads only those, as a matrix's
   * table does. Applies where properties are decided one by one, on the graph built when a
   * liveness property is selected; the safety search finds all of its violations at once.
   */
  readonly firstViolationOnly?: boolean;
}

/** Largest table capacity hint: beyond it the table's arrays could not be allocated. */
const MAX_TABLE_CAPACITY = 2 ** 28;

interface Resolved<S> {
  readonly safety: readonly SafetyProperty<S>[];
  readonly liveness: readonly LivenessProperty<S>[];
  readonly all: readonly Property<S>[];
  readonly maxStates: number;
  readonly maxDepth: number;
  readonly deadline: number;
  readonly options: CheckOptions;
}

function resolveOptions<S>(model: Model<S, Action>, options: CheckOptions, start: number): Resolved<S> {
  checkOptionNames(options, CHECK_OPTION_NAMES, 'check');
  checkPropertyNames(model, options.properties);
  const wanted = options.properties;
  const all = model.properties.filter((p) => wanted === undefined || wanted.includes(p.name));
  for (const [key, value] of Object.entries({ maxStates: options.maxStates, maxDepth: options.maxDepth, memoryLimitBytes: options.memoryLimitBytes })) {
    if (value !== undefined && !(value >= 0)) throw new CheckError('bad-option', `${key} must be a number >= 0, got ${value}`);
  }
  const time = options.timeLimitSeconds;
  if (time !== undefined && !(time > 0)) throw new CheckError('bad-option', `timeLimitSeconds must be a number of seconds > 0, got ${time}`);
  const capacity = options.tableCapacity;
  if (capacity !== undefined && !(capacity >= 0 && capacity <= MAX_TABLE_CAPACITY)) {
    throw new CheckError('bad-option', `tableCapacity must be a number from 0 to ${MAX_TABLE_CAPACITY}, got ${capacity}`);
  }
  checkFairnessOption(options.fairness);
  if (model.actors !== undefined) checkFairnessNames(options.fairness, model.actors);
  checkSomethingToCheck(model, options.properties);
  return {
    all,
    safety: all.filter(isSafety),
    liveness: all.filter((p): p is LivenessProperty<S> => !isSafety(p)),
    maxStates: options.maxStates ?? Infinity,
    maxDepth: options.maxDepth ?? Infinity,
    deadline: options.timeLimitSeconds === undefined ? Infinity : start + options.timeLimitSeconds * 1000,
    options,
  };
}

/** A search in progress: advance it in slices, then read its result. */
class Session<S, A extends Action> {
  /** The safety search; none with a liveness property, the graph then deciding every property. */
  readonly bfs: Bfs<S, A> | undefined;
  /** With liveness properties: the graph, explored instead of the safety search. */
  private readonly graph: GraphBuilder<S, A> | undefined;
  private readonly explorer: Bfs<S, A> | GraphBuilder<S, A>;
  private readonly start = performance.now();
  private lastProgress = this.start;
  readonly resolved: Resolved<S>;
  private readonly por: ReturnType<typeof porPlan>;
  private analysis: GraphAnalysis<S, A> | undefined;

  constructor(readonly model: Model<S, A>, options: CheckOptions) {
    assertModel(model);
    this.resolved = resolveOptions(model, options, this.start);
    const { maxStates, maxDepth, all, safety, liveness } = this.resolved;
    const tableCapacity = options.tableCapacity;
    const symmetry = options.symmetry ?? true;
    const memoryLimit = options.memoryLimitBytes ?? Infinity;
    this.por = porPlan(model, options, all);
    // With symmetry, the graph is the quotient (one node per class; quotient.ts says why that is sound).
    const key = liveness.length > 0 ? symmetryKey(model, symmetry) : undefined;
    if (liveness.length > 0) {
      this.bfs = undefined;
      this.explorer = this.graph = guardModel('the search', () => new GraphBuilder(model, all, { maxStates, maxDepth, memoryLimit }, tableCapacity, key));
    } else {
      this.graph = undefined;
      this.explorer = this.bfs = guardModel('the search', () => new Bfs(model, safety, { maxStates, maxDepth, tableCapacity, symmetry, memoryLimit, por: this.por.reduced }));
    }
  }

  /**
   * The explorer at work: the safety search, or, when a liveness property is asked for, the
   * graph (it sees the same states in the same order, and every property is decided on it).
   */
  private active(): Bfs<S, A> | GraphBuilder<S, A> | undefined {
    return this.explorer.finished ? undefined : this.explorer;
  }

  /**
   * After a complete or stopped exploration with a liveness property: decides one more property
   * on the graph. Returns true when every property is decided (at once without a graph).
   */
  analyse(): boolean {
    if (this.graph === undefined) return true;
    const { deadline, options } = this.resolved;
    this.analysis ??= this.newAnalysis(this.graph, new Budget(deadline, options.signal));
    this.analysis.step();
    return this.analysis.done;
  }

  private newAnalysis(builder: GraphBuilder<S, A>, budget: Budget): GraphAnalysis<S, A> {
    const { model } = this;
    const graph = builder.graph();
    const fairness = this.resolved.options.fairness;
    const { all, options } = this.resolved;
    if (!reducesSymmetry(model as Model<unknown, Action>, options.symmetry ?? true)) return new GraphAnalysis(model, graph, all, fairness, budget).firstOnly(options.firstViolationOnly);
    const moved = movedUnits(model.symmetry ?? []);
    const nodeOf = (s: S): number => builder.nodeOf(s);
    const paths = quotientPaths(model, graph, nodeOf, (unit) => !moved(unit));
    return new GraphAnalysis(model, graph, all, fairness, budget, { paths, moved, nodeOf }).firstOnly(options.firstViolationOnly);
  }

  /**
   * The properties the quotient could not decide (a violation unfair for a permuted actor),
   * decided on the full graph, within what is left of the time limit.
   */
  private fullGraphResults(names: readonly string[]): CheckResult<S, A> | undefined {
    if (names.length === 0) return undefined;
    const { deadline, options } = this.resolved;
    const { onProgress: _progress, timeLimitSeconds: _time, ...rest } = options;
    const left = deadline === Infinity ? {} : { timeLimitSeconds: Math.max(0, (deadline - performance.now()) / 1000) };
    return check(this.model, { ...rest, ...left, symmetry: false, properties: names });
  }

  /** Runs until `sliceEnd` (ms, performance clock) or the end. Returns true when finished. */
  advance(sliceEnd: number): boolean {
    const { deadline, options } = this.resolved;
    const interval = options.progressIntervalMs ?? 1000;
    const explorer = this.active();
    if (explorer === undefined) return true;
    guardModel('the search', () =>
      explorer.run(() => {
        const now = performance.now();
        if (options.signal?.aborted) explorer.stop('interrupted');
        else if (now >= deadline) explorer.stop('time-limit');
        if (options.onProgress && now - this.lastProgress >= interval) {
          this.lastProgress = now;
          options.onProgress(this.progress(now, explorer));
        }
        return now >= sliceEnd;
      }),
    );
    if (options.signal?.aborted && !explorer.finished) explorer.stop('interrupted');
    return this.active() === undefined;
  }

  progress(now: number, b: Bfs<S, A> | GraphBuilder<S, A>): Progress {
    const seconds = (now - this.start) / 1000;
    return { states: b.states, transitions: b.transitions, depth: b.deepest, frontier: b.frontier, seconds, statesPerSecond: seconds > 0 ? b.states / seconds : 0 };
  }

  result(): CheckResult<S, A> {
    const b = this.explorer;
    const p = this.progress(performance.now(), b);
    const frontierBytes = b.peakFrontierBytes;
    const stats: Stats = {
      states: b.states,
      transitions: b.transitions,
      depth: p.depth,
      seconds: p.seconds,
      statesPerSecond: p.statesPerSecond,
      tableBytes: b.table.bytes,
      bytesPerState: b.states > 0 ? (b.table.bytes + frontierBytes) / b.states : 0,
      collisionProbability: collisionProbability(b.states, b.transitions + b.states),
      ...porStats(this.por, this.resolved.options.por ?? false, this.bfs?.ample),
    };
    const { tableCapacity, symmetry = true, memoryLimitBytes: memoryLimit } = this.resolved.options;
    const findings = this.bfs?.findings ?? [];
    const deepest = Math.max(0, ...findings.map((f) => f.depth));
    const reduced = this.por.reduced ? fullSearchFindings<S, A>(this.model, findings.map((f) => this.resolved.safety[f.property]!.name), deepest, this.resolved.options, 'the reduced search') : undefined;
    const paths = reduced ? undefined : guardModel('rebuilding a counterexample', () => shortestPaths(this.model, findings, { tableCapacity, symmetry, ...(memoryLimit === undefined ? {} : { memoryLimit }) }));
    // Paths that do not fit in memory cannot be replayed, so their findings are not reported.
    while (!this.analyse());
    // An exploration stopped by a limit names that limit; a complete one, the analysis's stop.
    const full = this.fullGraphResults(this.analysis?.fullGraph ?? []);
    const stopped = (reduced ? reduced.unconfirmed : paths === undefined) ? 'memory-limit' : b.stopped ?? this.analysis?.stopped ?? full?.incomplete;
    const settled = (prop: Property<S>): PropertyResult<S, A> => reduced?.results.get(prop.name) ?? this.propertyResult(prop, stopped === undefined, paths);
    const decided = (r: PropertyResult<S, A>): PropertyResult<S, A> => full?.properties.find((f) => f.name === r.name) ?? r;
    const properties = this.analysis ? this.analysis.results.map(decided) : this.resolved.all.map(settled);
    const violated = properties.some((r) => r.status === 'violated');
    // Never 'holds' of nothing (check-input.ts refuses such a check before it starts).
    const allHold = properties.length > 0 && properties.every((r) => r.status === 'holds');
    const verdict = violated ? 'violated' : allHold ? 'holds' : 'incomplete';
    const all: Stats = { ...stats, ...symmetryStats(this.model, symmetry, this.analysis?.fullGraph ?? []) };
    return stopped === undefined ? { model: this.model.name, verdict, properties, stats: all } : { model: this.model.name, verdict, properties, stats: all, incomplete: stopped };
  }

  private propertyResult(prop: Property<S>, exhaustive: boolean, paths: readonly Path<S, A>[] | undefined): PropertyResult<S, A> {
    const index = this.resolved.safety.indexOf(prop as SafetyProperty<S>);
    const findings = this.bfs?.findings ?? [];
    const at = findings.findIndex((f) => f.property === index);
    const finding = findings[at];
    const base = { name: prop.name, kind: prop.kind };
    if (!isSafety(prop)) return { ...base, status: 'unknown' };
    if (finding && paths) {
      const path = this.confirm(prop, paths[at]!);
      return prop.kind === 'reachable'
        ? { ...base, status: 'holds', witness: path }
        : { ...base, status: 'violated', failure: finding.failure, counterexample: path };
    }
    if (!exhaustive) return { ...base, status: 'unknown' };
    return prop.kind === 'reachable' ? { ...base, status: 'violated', failure: 'unreachable' } : { ...base, status: 'holds' };
  }

  /** Replays the end of a path against the property: a report the model does not confirm is a bug. */
  private confirm(prop: SafetyProperty<S>, path: Path<S, A>): Path<S, A> {
    const last = path.states[path.states.length - 1]!;
    const ok =
      prop.kind === 'invariant' ? !prop.holds(last)
      : prop.kind === 'reachable' ? prop.test(last)
      : successorList(this.model, last).length === 0 && !this.model.isRest(last);
    if (!ok) throw new CheckError('replay-failed', `the path found for '${prop.name}' does not reproduce it on replay`);
    return path;
  }
}

/**
 * Properties another search found decided (a reduced one, por.ts, or worker threads), decided
 * again by the full single-threaded search down to the deepest depth found: breadth-first over
 * the full graph it finds the same first states in the same order as {@link check}, so the
 * paths and failure kinds are that search's, replayed. `unconfirmed` when that search ran out
 * of memory. `finder` names the other search in the error a nondeterministic model gets.
 */
export function fullSearchFindings<S, A extends Action>(model: Model<S, A>, names: readonly string[], depth: number, options: CheckOptions, finder: string): { results: Map<string, PropertyResult<S, A>>; unconfirmed: boolean } {
  const results = new Map<string, PropertyResult<S, A>>();
  if (names.length === 0) return { results, unconfirmed: false };
  const { signal: _signal, onProgress: _progress, timeLimitSeconds: _time, maxStates: _max, ...rest } = options;
  const full = check(model, { ...rest, por: false, properties: names, maxDepth: depth + 1 });
  for (const p of full.properties) {
    if (p.status !== 'unknown') results.set(p.name, p);
    else if (full.incomplete !== 'memory-limit') throw new CheckError('replay-failed', `${finder} found '${p.name}' decided at depth ${depth}, but the full search did not: the model is not deterministic`);
  }
  return { results, unconfirmed: results.size < names.length };
}

/**
 * Explores every reachable state breadth-first and checks the model's properties. Liveness
 * properties (`leads-to`, `recoverable`) are decided on the reachable graph, under the model's
 * fairness or the caller's `fairness` override; their counterexamples are lassos (`loopStart`).
 *
 * @example
 * const result = check(counterWithProgress(2, 2), { properties: ['bounded', 'p0-writes'] });
 * result.verdict; // 'holds': under weak fairness process 0 always writes back
 * check(counterWithProgress(2, 2), { properties: ['p0-writes'], fairness: { p0: 'none' } })
 *   .properties[0].failure; // 'livelock': p1 runs forever while p0 waits
 */
export function check<S, A extends Action>(model: Model<S, A>, options: CheckOptions = {}): CheckResult<S, A> {
  const session = new Session(model, options);
  while (!session.advance(Infinity));
  return session.result();
}

/**
 * Like {@link check}, but yields to the event loop between slices of the search, and between the
 * properties decided on the graph, so signals and progress work.
 */
export async function checkAsync<S, A extends Action>(model: Model<S, A>, options: CheckOptions = {}): Promise<CheckResult<S, A>> {
  const session = new Session(model, options);
  const pace = new Pace();
  while (!session.advance(pace.sliceEnd)) await pace.turn();
  return finish(session, pace);
}

/** The longest the search or the analysis runs between two turns of the event loop. */
const SLICE_MS = 50;

/**
 * Turns of the event loop, at most one a slice: a timer waits 1 ms or more, so a small check
 * that yielded after each property would spend more time waiting than checking (a matrix of
 * small cells did). Within a slice, a signal is seen at the next turn, as before.
 */
class Pace {
  sliceEnd: number;

  constructor(
    private readonly ms = SLICE_MS,
    private readonly yieldTo: (resume: () => void) => unknown = (resume) => setTimeout(resume, 0),
  ) {
    this.sliceEnd = performance.now() + ms;
  }

  async turn(): Promise<void> {
    if (performance.now() < this.sliceEnd) return;
    await new Promise<void>((resolve) => this.yieldTo(resolve));
    this.sliceEnd = performance.now() + this.ms;
  }
}

/**
 * Slices of a search waiting to hand over: the workers' "ready" is seen only at a turn, and a
 * 50 ms slice kept them waiting up to that long. setImmediate does not wait as a timer does, so
 * short slices cost nothing measurable.
 */
const HANDOVER_SLICE_MS = 5;

/** The result, yielding between the properties decided on the graph so an abort is seen. */
async function finish<S, A extends Action>(session: Session<S, A>, pace: Pace): Promise<CheckResult<S, A>> {
  while (!session.analyse()) await pace.turn();
  return session.result();
}

/**
 * The safety search on one thread, like {@link checkAsync}, until it ends or, between two slices,
 * `handOver()` says another explorer is ready to take it: then the search is returned paused
 * (see {@link Bfs.pause}). With a liveness property selected, or with `por`, the search is never
 * handed over.
 *
 * @example
 * const r = await searchOrPause(model, {}, () => workersReady);
 * if ('table' in r) continueElsewhere(r); else report(r);
 */
export async function searchOrPause<S, A extends Action>(model: Model<S, A>, options: CheckOptions, handOver: () => boolean): Promise<CheckResult<S, A> | PausedSearch> {
  const session = new Session(model, options);
  // A reduced search's table holds only the reduced graph's states: nobody may go on from it.
  const safetyOnly = session.resolved.liveness.length === 0 && !options.por;
  const pace = new Pace(HANDOVER_SLICE_MS, setImmediate);
  for (;;) {
    if (safetyOnly && session.bfs && handOver()) return session.bfs.pause();
    if (session.advance(pace.sliceEnd)) return finish(session, pace);
    await pace.turn();
  }
}
