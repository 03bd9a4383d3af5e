/**
 * Records the {@link StateGraph} while the safety search explores, so that checking safety and
 * liveness together costs one exploration, not two: the search is handed a model that passes
 * every call through and notes each state and edge on the way. The model's successor function,
 * the bulk of the cost, runs once a state.
 *
 * The graph's node numbers and rows assume the search expands states in discovery (BFS) order.
 * Every expansion checks that (by fingerprint); if the search ever departs from it, or stops
 * before expanding everything without a limit to blame, the recording is abandoned
 * ({@link usable}) and the caller explores the graph on its own.
 */
import { fingerprint, fp } from './hash.js';
import { GraphArrays } from './graph-arrays.js';
import type { Action, Emit, LivenessProperty, Model } from './model.js';
import { NodeIndex } from './node-index.js';
import type { StateGraph } from './state-graph.js';

export class GraphRecorder<S, A extends Action> {
  private readonly index: NodeIndex;
  private readonly arrays: GraphArrays;
  private recordedInits = false;
  private inOrder = true;
  /** The model to hand to the search. */
  readonly model: Model<S, A>;

  constructor(private readonly inner: Model<S, A>, private readonly properties: readonly LivenessProperty<S>[], tableCapacity?: number) {
    this.index = new NodeIndex(tableCapacity);
    this.arrays = new GraphArrays(properties.length);
    this.model = {
      name: inner.name,
      initialStates: () => this.initialStates(),
      successors: (state, emit) => this.successors(state, emit),
      encode: (state) => inner.encode(state),
      decode: (bytes) => inner.decode(bytes),
      isRest: (state) => inner.isRest(state),
      properties: inner.properties,
      fairness: (actor) => inner.fairness?.(actor) ?? 'none',
    };
  }

  get bytes(): number {
    return this.index.bytes + this.arrays.bytes;
  }

  /** True when the recording is the graph of what the search expanded. */
  get usable(): boolean {
    return this.inOrder && this.recordedInits;
  }

  /** True when every recorded state was expanded: the whole reachable graph. */
  get complete(): boolean {
    return this.usable && this.arrays.expanded === this.arrays.nodes;
  }

  private initialStates(): readonly S[] {
    const inits = this.inner.initialStates();
    if (!this.recordedInits) inits.forEach((s, i) => this.store(s, -1 - i));
    this.recordedInits = true;
    return inits;
  }

  private store(state: S, parentEdge: number): number {
    fingerprint(this.inner.encode(state));
    const known = this.index.lookup(fp.hi, fp.lo, this.arrays.nodes);
    if (known >= 0) return known;
    const v = this.arrays.addNode(parentEdge);
    this.arrays.label(v, this.properties, state);
    return v;
  }

  private successors(state: S, emit: Emit<S, A>): void {
    if (this.inOrder) {
      fingerprint(this.inner.encode(state));
      this.inOrder = this.index.find(fp.hi, fp.lo) === this.arrays.expanded;
    }
    if (!this.inOrder) return this.inner.successors(state, emit);
    const arrays = this.arrays;
    this.inner.successors(state, (action, next) => {
      const e = arrays.addEdge(action.actor);
      arrays.setTarget(e, this.store(next, e));
      emit(action, next);
    });
    arrays.endRow(arrays.rowEmpty && this.inner.isRest(state));
  }

  /** The recorded graph; `stopped` says why the search ended early, if it did. */
  graph(stopped: string | undefined): StateGraph {
    return this.arrays.graph(stopped);
  }
}
