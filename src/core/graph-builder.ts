import { guardModel } from './errors.js';
import { fingerprint, fp } from './hash.js';
import { GraphArrays } from './graph-arrays.js';
import { ChunkPool } from './level-queue.js';
import { LevelSearch } from './level-search.js';
import { NodeIndex } from './node-index.js';
import { fairnessUnit, type Action, type Model, type Property } from './model.js';
import type { StateGraph } from './state-graph.js';
import type { StateKey } from './symmetry.js';

export interface GraphLimits {
  readonly maxStates: number;
  readonly maxDepth: number;
  /** Bytes the graph, its index, the frontier and the analysis after it may take (see {@link GraphBuilder.memory}). */
  readonly memoryLimit?: number;
}

/**
 * Bytes the liveness analysis allocates on top of the graph, at its peak: per node, Tarjan's
 * five Int32Arrays and a byte (scc.ts), then the fair cores' three Int32Arrays (fair-cores.ts)
 * or the product search's 18 bytes (obligation-search.ts); per edge, the reverse graph of the
 * trap search (trap.ts). Counted while the graph is explored, so the search stops in time.
 */
function analysisBytes(nodes: number, edges: number): number {
  return nodes * (21 + 18) + (nodes + edges) * 4;
}

/**
 * Breadth-first exploration that keeps every edge ({@link StateGraph}) and labels each state
 * for each property. It visits states in the same order as the safety search, with the same
 * limits, and works in slices like it ({@link run}). Used instead of the safety search when a
 * liveness property is checked: every property is then decided on the graph.
 */
export class GraphBuilder<S, A extends Action> extends LevelSearch {
  private readonly index: NodeIndex;
  private readonly arrays: GraphArrays;
  /** Largest frontier plus the graph's arrays, in bytes (the memory beyond the table). */
  peakFrontierBytes = 0;

  constructor(
    private readonly model: Model<S, A>,
    private readonly properties: readonly Property<S>[],
    private readonly limits: GraphLimits,
    tableCapacity?: number,
    /** The symmetry key (symmetry.ts): one node per class, a quotient graph (quotient.ts). */
    private readonly key?: StateKey<S>,
  ) {
    super(false, limits.maxDepth);
    // Two chunks for the frontier's pool (level-search.ts): the level being read holds one and
    // the next level takes the other, and each comes back once read, so a level starts without
    // an array of its own (each level's first chunk was fresh memory: a thousand over a sweep).
    for (let i = 0; i < 2; i++) this.recycle(new Int32Array(ChunkPool.smallest >> 2));
    this.index = new NodeIndex(tableCapacity ?? 256);
    this.arrays = new GraphArrays(properties.length, 128);
    const inits = guardModel('initialStates', () => model.initialStates());
    inits.forEach((s, i) => this.store(s, -1 - i));
  }

  get states(): number {
    return this.arrays.nodes;
  }

  get transitions(): number {
    return this.arrays.edges;
  }

  /** Bytes of the fingerprint index (the graph's arrays count in {@link peakFrontierBytes}). */
  get table(): { readonly bytes: number } {
    return this.index;
  }

  /** Stores a state if new; returns its node number. */
  private store(state: S, parentEdge: number): number {
    fingerprint(this.key ? this.key(state) : this.model.encode(state));
    const known = this.index.lookup(fp.hi, fp.lo, this.arrays.nodes);
    if (known >= 0) return known;
    const v = this.arrays.addNode(parentEdge);
    // Copy the encoding first: it may be a view of a scratch buffer that a property overwrites.
    this.next.push(v, this.model.encode(state));
    this.arrays.label(v, this.properties, state);
    return v;
  }

  private readonly emit = (action: A, nextState: S): void => {
    const e = this.arrays.addEdge(fairnessUnit(action), action.actor);
    this.arrays.setTarget(e, this.store(nextState, e));
  };

  /**
   * Bytes the graph takes now (its arrays, the index, both levels) and will take: its arrays'
   * next doubling, while the old ones are alive, and the liveness analysis after the search.
   */
  get memory(): number {
    const { nodes, edges } = this.arrays;
    return this.index.bytes + this.current.bytes + this.next.bytes + this.arrays.bytes + this.arrays.growthBytes + analysisBytes(nodes, edges);
  }

  /**
   * Expands states until `until()` says stop or the graph is complete. Checks `until` and the
   * memory limit every 256 states: past the limit the search stops as 'memory-limit'.
   */
  run(until: () => boolean): void {
    for (let n = 0; !this.finished; n++) {
      if ((n & 255) === 0) {
        if (this.memory > (this.limits.memoryLimit ?? Infinity)) this.stop('memory-limit');
        if (this.finished || (n > 0 && until())) return;
      }
      const bytes = this.current.shift(); // BFS order: the queue yields nodes in number order
      if (bytes === undefined) {
        if (!this.nextLevel()) return;
        continue;
      }
      const state = this.model.decode(bytes);
      this.model.successors(state, this.emit);
      this.arrays.endRow(this.arrays.rowEmpty && this.model.isRest(state));
      if (this.arrays.nodes >= this.limits.maxStates) this.stop('max-states');
    }
  }

  protected override nextLevel(): boolean {
    this.peakFrontierBytes = Math.max(this.peakFrontierBytes, this.current.bytes + this.next.bytes + this.arrays.bytes);
    return super.nextLevel();
  }


  /** The node of a state (its class on a quotient graph), or -1 if it was not reached. */
  nodeOf(state: S): number {
    fingerprint(this.key ? this.key(state) : this.model.encode(state));
    return this.index.find(fp.hi, fp.lo);
  }

  /** The graph as explored so far (views of the builder's arrays: read it, then drop the builder). */
  graph(): StateGraph {
    return this.arrays.graph(this.stopped);
  }
}
