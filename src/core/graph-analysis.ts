/**
 * Every selected property decided on an explored {@link StateGraph}, one property a step so an
 * asynchronous caller can yield between them (and see an abort). Liveness analyses run under a
 * {@link Budget}: when it runs out, the property being analysed and every liveness property
 * after it stay `unknown`, and {@link GraphAnalysis.stopped} says why. A property decided before
 * the stop keeps its result: a violation is replayed and confirmed before it is recorded.
 * Safety properties are one pass over the nodes (cheaper than building the graph was), so they
 * are decided whatever the budget. With {@link firstOnly}, the properties after the first
 * violated one are left `unknown` undecided.
 */
import { AnalysisStopped, type Budget, type StopReason } from './budget.js';
import { guardModel } from './errors.js';
import { checkFairnessActors, fairnessOf, fairnessTable } from './fairness.js';
import { safetyOnGraph } from './graph-safety.js';
import { livenessOnGraph, type LivenessContext } from './liveness.js';
import { isSafety, type Action, type Fairness, type Model, type Property } from './model.js';
import type { PropertyResult } from './result.js';
import { NeedsFullGraph, quotientLiveness, relaxedFairness } from './quotient.js';
import { replayPaths, type GraphPaths } from './quotient-paths.js';
import type { StateGraph } from './state-graph.js';

export class GraphAnalysis<S, A extends Action> {
  readonly results: PropertyResult<S, A>[] = [];
  /** On a quotient graph: the properties whose violation was not fair concretely (see quotient.ts). */
  readonly fullGraph: string[] = [];
  /** Why the liveness analysis stopped before its end, if it did. */
  stopped: StopReason | undefined;
  private readonly context: LivenessContext<S, A>;
  private firstViolationOnly = false;

  constructor(
    readonly model: Model<S, A>,
    private readonly graph: StateGraph,
    private readonly properties: readonly Property<S>[],
    overrides: Readonly<Record<string, Fairness>> | undefined,
    budget: Budget,
    quotient?: { readonly paths: GraphPaths<S, A>; readonly moved: (unit: string) => boolean; readonly nodeOf: (state: S) => number },
  ) {
    // A model that lists its actors had the names checked before the search (check.ts).
    if (graph.stopped === undefined && model.actors === undefined) checkFairnessActors(overrides, graph.actorNames);
    const of = fairnessOf(model, overrides);
    const analysed = quotient ? relaxedFairness(of, quotient.moved) : of;
    const paths = quotient?.paths ?? replayPaths(model, graph);
    const unwinding = quotient && quotientLiveness(model, graph, of, quotient.moved, quotient.nodeOf);
    this.context = { model, graph, fairness: fairnessTable(graph.actorNames, analysed), fairnessOf: of, budget, paths, quotient: unwinding };
  }

  /**
   * Leave every property after the first violated one `unknown` (CheckOptions.firstViolationOnly).
   * Properties are decided in order, and one sent to the full graph (`fullGraph`) is not yet
   * violated here: those after it are still decided, so the first violation is the same.
   */
  firstOnly(on = false): this {
    this.firstViolationOnly = on;
    return this;
  }

  get done(): boolean {
    return this.results.length === this.properties.length;
  }

  /** Decides the next property (no-op when done). */
  step(): void {
    const k = this.results.length;
    const prop = this.properties[k];
    if (prop === undefined) return;
    this.results.push(guardModel('the liveness check', () => this.decide(prop, k)));
  }

  /** A property is violated and nothing after it is wanted. */
  private get settled(): boolean {
    return this.firstViolationOnly && this.results.some((r) => r.status === 'violated');
  }

  private decide(prop: Property<S>, k: number): PropertyResult<S, A> {
    const unknown: PropertyResult<S, A> = { name: prop.name, kind: prop.kind, status: 'unknown' };
    if (this.settled) return unknown;
    if (isSafety(prop)) return safetyOnGraph(this.model, this.graph, prop, k, this.context.paths);
    if (this.stopped !== undefined) return unknown;
    try {
      return livenessOnGraph(this.context, prop, k);
    } catch (e) {
      if (e instanceof NeedsFullGraph) {
        this.fullGraph.push(prop.name);
        return unknown;
      }
      if (!(e instanceof AnalysisStopped)) throw e;
      this.stopped = e.reason;
      return unknown;
    }
  }
}
