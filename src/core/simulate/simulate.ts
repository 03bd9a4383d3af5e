/**
 * Random simulation for state spaces beyond exhaustive reach, after SPIN's swarm verification
 * and TLC's -simulate: many bounded random walks, each with its own seed and depth bound. A
 * violation found is shortened, replayed and confirmed before it is reported. A simulation never
 * proves anything: its verdict is `violated` or `no-violation-found`, never `holds`.
 */
import { CheckError, guardModel } from '../errors.js';
import { checkPropertyNames } from '../check-input.js';
import { isSafety, type Action, type Model, type SafetyProperty } from '../model.js';
import { replay, successorList } from '../path.js';
import type { Path, PropertyResult } from '../result.js';
import { generator, walkSeed } from './random.js';
import { inShard, type Shard } from './shard.js';
import { cutCycles, shortestWithin } from './shorten.js';
import { walk, type Sighting, type WalkContext } from './walk.js';

export interface SimulateOptions {
  /** Names of the properties to look for; all of the model's safety properties when absent. */
  readonly properties?: readonly string[];
  /** Walks in the whole run (all shards together); default 1000. */
  readonly walks?: number;
  /** The deepest a walk goes; each walk draws its own bound between a quarter of it and it. Default 1000. */
  readonly maxDepth?: number;
  /** The run's seed (default 1): the same seed, walks and depth give the same walks. */
  readonly seed?: number;
  /** Run only this slice of the walks (walk k belongs to shard k mod n + 1). */
  readonly shard?: Shard;
  readonly timeLimitSeconds?: number;
  readonly signal?: AbortSignal;
  /** States the breadth-first search that shortens a found path may visit (default 200,000; 0: no search). */
  readonly shortenStates?: number;
  readonly onProgress?: (p: SimulateStats) => void;
}

export interface SimulateStats {
  readonly walks: number;
  readonly steps: number;
  /** Distinct states the walks visited (counting stops at 10 million). */
  readonly distinctStates: number;
  readonly seconds: number;
}

export interface SimulateResult<S, A extends Action = Action> {
  readonly model: string;
  readonly verdict: 'violated' | 'no-violation-found';
  /** Set when a limit or an interrupt ended the run before all its walks. */
  readonly stopped?: 'time-limit' | 'interrupted';
  /** The selected properties: violated (with a replayed counterexample), holds (a reachable one seen), or unknown. */
  readonly properties: readonly PropertyResult<S, A>[];
  readonly stats: SimulateStats & { readonly seed: number; readonly walksPlanned: number; readonly maxDepth: number; readonly shard?: Shard };
}

const MAX_DISTINCT = 10_000_000;

function wholeNumber(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min) throw new CheckError('bad-option', `${name} must be a whole number >= ${min}, got ${value}`);
  return value;
}

function selected<S>(model: Model<S, Action>, names: readonly string[] | undefined): SafetyProperty<S>[] {
  checkPropertyNames(model, names);
  const chosen = model.properties.filter((p) => names === undefined || names.includes(p.name));
  const liveness = names === undefined ? undefined : chosen.find((p) => !isSafety(p));
  if (liveness) throw new CheckError('bad-option', `simulation checks safety properties only; '${liveness.name}' is a ${liveness.kind} property: check it exhaustively with 'allocheck check'`);
  const safety = chosen.filter(isSafety);
  if (safety.length === 0) {
    throw new CheckError('bad-option', `simulation looks for safety violations (invariant, deadlock-free, reachable), and none is selected; ${model.name}'s: ${model.properties.filter(isSafety).map((p) => p.name).join(', ') || '(none)'}`);
  }
  return safety;
}

/** Replays a sighting's shortened token and checks the last state decides the property as sighted. */
function confirmed<S, A extends Action>(model: Model<S, A>, prop: SafetyProperty<S>, choices: readonly number[]): Path<S, A> {
  const path = replay(model, choices);
  const last = path.states[path.states.length - 1]!;
  const ok =
    prop.kind === 'invariant' ? !prop.holds(last)
    : prop.kind === 'reachable' ? prop.test(last)
    : successorList(model, last).length === 0 && !model.isRest(last);
  if (!ok) throw new CheckError('replay-failed', `the path a walk found for '${prop.name}' does not reproduce it on replay: the model is not deterministic`);
  return path;
}

/** A simulation in progress, advanced in slices so a caller can yield to the event loop. */
class Simulation<S, A extends Action> {
  private readonly start = performance.now();
  private readonly ctx: WalkContext<S, A>;
  private readonly sightings = new Map<number, Sighting>();
  private next = 0;
  private walks = 0;
  private steps = 0;
  private stopped: 'time-limit' | 'interrupted' | undefined;
  /** A violation (not a reachable property's witness) was sighted: the run stops. */
  private violated = false;
  readonly planned: number;
  readonly depth: number;
  readonly seed: number;

  constructor(readonly model: Model<S, A>, readonly options: SimulateOptions) {
    this.planned = wholeNumber('walks', options.walks, 1000, 1);
    this.depth = wholeNumber('maxDepth', options.maxDepth, 1000, 1);
    this.seed = wholeNumber('seed', options.seed, 1, 0);
    if (options.timeLimitSeconds !== undefined && !(options.timeLimitSeconds > 0)) throw new CheckError('bad-option', `timeLimitSeconds must be > 0, got ${options.timeLimitSeconds}`);
    this.ctx = { model, properties: selected(model, options.properties), decided: new Set(), seen: new Set(), maxDistinct: MAX_DISTINCT };
  }

  /** Over when the walks are done, a limit stopped them, or a violation was found (as SPIN and TLC stop at the first error). */
  get finished(): boolean {
    return this.stopped !== undefined || this.next >= this.planned || this.violated || this.ctx.decided.size === this.ctx.properties.length;
  }

  /** Runs walks until `sliceEnd` (ms, performance clock); true when the run is over. */
  advance(sliceEnd: number): boolean {
    const deadline = this.options.timeLimitSeconds === undefined ? Infinity : this.start + this.options.timeLimitSeconds * 1000;
    while (!this.finished) {
      const now = performance.now();
      if (this.options.signal?.aborted) this.stopped = 'interrupted';
      else if (now >= deadline) this.stopped = 'time-limit';
      if (this.stopped !== undefined || now >= sliceEnd) break;
      this.walkOne(this.next++);
    }
    this.options.onProgress?.(this.stats());
    return this.finished;
  }

  private walkOne(k: number): void {
    if (!inShard(k, this.options.shard)) return;
    const random = generator(walkSeed(this.seed, k));
    const bound = Math.max(1, Math.floor(this.depth * (0.25 + 0.75 * random())));
    const { steps, sighted } = guardModel('a random walk', () => walk(this.ctx, random, bound));
    this.walks++;
    this.steps += steps;
    if (sighted) {
      this.ctx.decided.add(sighted.property);
      this.sightings.set(sighted.property, sighted);
      this.violated ||= this.ctx.properties[sighted.property]!.kind !== 'reachable';
    }
  }

  stats(): SimulateStats {
    return { walks: this.walks, steps: this.steps, distinctStates: this.ctx.seen.size, seconds: (performance.now() - this.start) / 1000 };
  }

  result(): SimulateResult<S, A> {
    const properties = this.ctx.properties.map((_, i) => this.propertyResult(i));
    const violated = properties.some((p) => p.status === 'violated');
    const stats = { ...this.stats(), seed: this.seed, walksPlanned: this.planned, maxDepth: this.depth, ...(this.options.shard ? { shard: this.options.shard } : {}) };
    const base = { model: this.model.name, verdict: violated ? ('violated' as const) : ('no-violation-found' as const), properties, stats };
    return this.stopped === undefined ? base : { ...base, stopped: this.stopped };
  }

  private propertyResult(index: number): PropertyResult<S, A> {
    const prop = this.ctx.properties[index]!;
    const { name, kind } = prop;
    const sighting = this.sightings.get(index);
    if (sighting === undefined) return { name, kind, status: 'unknown' };
    const path = confirmed(this.model, prop, this.shorten(prop.name, sighting.choices));
    return prop.kind === 'reachable'
      ? { name, kind, status: 'holds', witness: path }
      : { name, kind, status: 'violated', failure: sighting.failure, counterexample: path };
  }

  private shorten(property: string, choices: readonly number[]): readonly number[] {
    const cut = guardModel('shortening a path', () => cutCycles(this.model, choices));
    const maxStates = this.options.shortenStates ?? 200_000;
    if (maxStates === 0) return cut;
    const budget = { maxStates, memoryLimitBytes: 2 ** 30, timeLimitSeconds: 60, ...(this.options.signal ? { signal: this.options.signal } : {}) };
    return guardModel('shortening a path', () => shortestWithin(this.model, property, cut, budget));
  }
}

/**
 * Random walks over `model` looking for safety violations.
 *
 * @example
 * const r = simulate(model, { walks: 200, maxDepth: 100, seed: 7 });
 * r.verdict; // 'violated' with a shortened, replayed counterexample, or 'no-violation-found'
 */
export function simulate<S, A extends Action>(model: Model<S, A>, options: SimulateOptions = {}): SimulateResult<S, A> {
  const run = new Simulation(model, options);
  while (!run.advance(Infinity));
  return run.result();
}

/** Like {@link simulate}, yielding to the event loop between slices so signals and progress work. */
export async function simulateAsync<S, A extends Action>(model: Model<S, A>, options: SimulateOptions = {}): Promise<SimulateResult<S, A>> {
  const run = new Simulation(model, options);
  while (!run.advance(performance.now() + 50)) await new Promise((resolve) => setTimeout(resolve, 0));
  return run.result();
}
