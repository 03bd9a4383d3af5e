import { Bfs } from './bfs.js';
import { CheckError, guardModel } from './errors.js';
import { collisionProbability } from './hash.js';
import { isSafety, type Action, type Model, type Property, type SafetyProperty } from './model.js';
import { successorList } from './path.js';
import { shortestPaths } from './shortest-paths.js';
import type { CheckResult, Path, Progress, PropertyResult, Stats } from './result.js';

/** How a search is bounded and observed. Every field is optional; see {@link resolveOptions}. */
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
}

interface Resolved<S> {
  readonly safety: readonly SafetyProperty<S>[];
  readonly all: readonly Property<S>[];
  readonly maxStates: number;
  readonly maxDepth: number;
  readonly deadline: number;
  readonly options: CheckOptions;
}

function resolveOptions<S>(model: Model<S, Action>, options: CheckOptions, start: number): Resolved<S> {
  const known = model.properties.map((p) => p.name);
  const wanted = options.properties ?? known;
  for (const name of wanted) {
    if (!known.includes(name)) {
      throw new CheckError('unknown-property', `unknown property '${name}'; known: ${known.join(', ') || '(none)'}`);
    }
  }
  const all = model.properties.filter((p) => wanted.includes(p.name));
  for (const [key, value] of Object.entries({ maxStates: options.maxStates, maxDepth: options.maxDepth, timeLimitSeconds: options.timeLimitSeconds })) {
    if (value !== undefined && !(value >= 0)) throw new CheckError('bad-option', `${key} must be a number >= 0, got ${value}`);
  }
  return {
    all,
    safety: all.filter(isSafety),
    maxStates: options.maxStates ?? Infinity,
    maxDepth: options.maxDepth ?? Infinity,
    deadline: options.timeLimitSeconds === undefined ? Infinity : start + options.timeLimitSeconds * 1000,
    options,
  };
}

/** A search in progress: advance it in slices, then read its result. */
class Session<S, A extends Action> {
  readonly bfs: Bfs<S, A>;
  private readonly start = performance.now();
  private lastProgress = this.start;
  readonly resolved: Resolved<S>;

  constructor(readonly model: Model<S, A>, options: CheckOptions) {
    this.resolved = resolveOptions(model, options, this.start);
    const { maxStates, maxDepth } = this.resolved;
    this.bfs = guardModel('the search', () => new Bfs(model, this.resolved.safety, { maxStates, maxDepth, tableCapacity: options.tableCapacity }));
  }

  /** Runs until `sliceEnd` (ms, performance clock) or the end. Returns true when finished. */
  advance(sliceEnd: number): boolean {
    const { deadline, options } = this.resolved;
    const interval = options.progressIntervalMs ?? 1000;
    guardModel('the search', () =>
      this.bfs.run(() => {
        const now = performance.now();
        if (options.signal?.aborted) this.bfs.stop('interrupted');
        else if (now >= deadline) this.bfs.stop('time-limit');
        if (options.onProgress && now - this.lastProgress >= interval) {
          this.lastProgress = now;
          options.onProgress(this.progress(now));
        }
        return now >= sliceEnd;
      }),
    );
    if (options.signal?.aborted && !this.bfs.finished) this.bfs.stop('interrupted');
    return this.bfs.finished;
  }

  progress(now: number): Progress {
    const seconds = (now - this.start) / 1000;
    const b = this.bfs;
    return { states: b.states, transitions: b.transitions, depth: b.deepest, frontier: b.frontier, seconds, statesPerSecond: seconds > 0 ? b.states / seconds : 0 };
  }

  result(): CheckResult<S, A> {
    const b = this.bfs;
    const p = this.progress(performance.now());
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
    };
    const exhaustive = b.stopped === undefined;
    const paths = guardModel('rebuilding a counterexample', () => shortestPaths(this.model, b.findings));
    const properties = this.resolved.all.map((prop) => this.propertyResult(prop, exhaustive, paths));
    const violated = properties.some((r) => r.status === 'violated');
    const verdict = violated ? 'violated' : properties.every((r) => r.status === 'holds') ? 'holds' : 'incomplete';
    return b.stopped === undefined ? { model: this.model.name, verdict, properties, stats } : { model: this.model.name, verdict, properties, stats, incomplete: b.stopped };
  }

  private propertyResult(prop: Property<S>, exhaustive: boolean, paths: readonly Path<S, A>[]): PropertyResult<S, A> {
    const index = this.resolved.safety.indexOf(prop as SafetyProperty<S>);
    const at = this.bfs.findings.findIndex((f) => f.property === index);
    const finding = this.bfs.findings[at];
    const base = { name: prop.name, kind: prop.kind };
    if (!isSafety(prop)) return { ...base, status: 'unknown' };
    if (finding) {
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
 * Explores every reachable state breadth-first and checks the model's properties.
 *
 * @example
 * const result = check(counterModel({ procs: 2, max: 2 }));
 * result.verdict; // 'holds'
 * result.stats.states; // every reachable state, exactly once
 */
export function check<S, A extends Action>(model: Model<S, A>, options: CheckOptions = {}): CheckResult<S, A> {
  const session = new Session(model, options);
  while (!session.advance(Infinity));
  return session.result();
}

/** Like {@link check}, but yields to the event loop between slices so signals and progress work. */
export async function checkAsync<S, A extends Action>(model: Model<S, A>, options: CheckOptions = {}): Promise<CheckResult<S, A>> {
  const session = new Session(model, options);
  while (!session.advance(performance.now() + 50)) await new Promise((resolve) => setTimeout(resolve, 0));
  return session.result();
}
