import { CheckError, guardModel } from './errors.js';
import { fingerprint, fp } from './hash.js';
import { FingerprintTable } from './fingerprint-table.js';
import { LevelQueue } from './level-queue.js';
import type { Action, LivenessProperty, Model } from './model.js';
import type { IncompleteReason } from './result.js';
import { P_BIT, Q_BIT, type StateGraph } from './state-graph.js';

export interface GraphLimits {
  readonly maxStates: number;
  readonly maxDepth: number;
}

function grown<T extends Int32Array | Uint16Array | Uint8Array>(a: T, need: number, make: (n: number) => T): T {
  if (need <= a.length) return a;
  const b = make(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Breadth-first exploration that keeps every edge ({@link StateGraph}). It visits states in the
 * same order as the safety search, with the same limits, and works in slices like it
 * ({@link run}). The fingerprint table maps a state to its node number.
 */
export class GraphBuilder<S, A extends Action> {
  readonly table: FingerprintTable;
  private current = new LevelQueue();
  private next = new LevelQueue();
  private readonly actorIds = new Map<string, number>();
  private readonly actorNames: string[] = [];
  private nodes = 0;
  private expanded = 0;
  private edges = 0;
  private offsets = new Int32Array(1024);
  private parentEdge = new Int32Array(1024);
  private rest = new Uint8Array(1024);
  private labels: Uint8Array;
  private targets = new Int32Array(4096);
  private actorOf = new Uint16Array(4096);
  private depth = -1;
  /** Largest frontier plus the graph's arrays, in bytes (the memory beyond the table). */
  peakFrontierBytes = 0;
  finished = false;
  stopped: IncompleteReason | undefined;

  constructor(
    private readonly model: Model<S, A>,
    private readonly properties: readonly LivenessProperty<S>[],
    private readonly limits: GraphLimits,
    tableCapacity?: number,
  ) {
    this.table = new FingerprintTable(tableCapacity === undefined ? {} : { initialCapacity: tableCapacity });
    this.labels = new Uint8Array(1024 * Math.max(1, properties.length));
    const inits = guardModel('initialStates', () => model.initialStates());
    inits.forEach((s, i) => this.store(s, -1 - i));
  }

  get states(): number {
    return this.nodes;
  }

  get transitions(): number {
    return this.edges;
  }

  /** Depth of the deepest stored state. */
  get deepest(): number {
    return this.next.length > 0 ? this.depth + 1 : Math.max(0, this.depth);
  }

  get frontier(): number {
    return this.current.length + this.next.length;
  }

  /** Stores a state if new; returns its node number. */
  private store(state: S, parentEdge: number): number {
    const bytes = this.model.encode(state);
    fingerprint(bytes);
    if (this.table.full) this.table.grow(); // values are node numbers, so nothing to remap
    const slot = this.table.insert(fp.hi, fp.lo, this.nodes);
    if (slot < 0) return this.table.valueAt(-1 - slot);
    const v = this.nodes++;
    if (v >= this.parentEdge.length) this.growNodes(v + 1);
    this.parentEdge[v] = parentEdge;
    const k = this.properties.length;
    for (let i = 0; i < k; i++) {
      const p = this.properties[i]!;
      const label = (p.kind === 'leads-to' && p.p(state) ? P_BIT : 0) | (p.q(state) ? Q_BIT : 0);
      this.labels[v * k + i] = label;
    }
    this.next.push(v, bytes);
    return v;
  }

  private growNodes(need: number): void {
    this.parentEdge = grown(this.parentEdge, need, (n) => new Int32Array(n));
    this.offsets = grown(this.offsets, need + 1, (n) => new Int32Array(n));
    this.rest = grown(this.rest, need, (n) => new Uint8Array(n));
    const k = Math.max(1, this.properties.length);
    this.labels = grown(this.labels, need * k, (n) => new Uint8Array(n));
  }

  private actorId(actor: string): number {
    let id = this.actorIds.get(actor);
    if (id === undefined) {
      id = this.actorNames.length;
      if (id > 0xffff) throw new CheckError('bad-option', `the model has more than 65536 actors; liveness checking supports at most 65536`);
      this.actorIds.set(actor, id);
      this.actorNames.push(actor);
    }
    return id;
  }

  private readonly emit = (action: A, nextState: S): void => {
    const e = this.edges;
    if (e >= this.targets.length) {
      this.targets = grown(this.targets, e + 1, (n) => new Int32Array(n));
      this.actorOf = grown(this.actorOf, e + 1, (n) => new Uint16Array(n));
    }
    this.actorOf[e] = this.actorId(action.actor);
    this.edges = e + 1; // before store, so a new node's parent edge is e
    this.targets[e] = this.store(nextState, e);
  };

  /** Expands states until `until()` says stop or the graph is complete. Checks `until` every 256 states. */
  run(until: () => boolean): void {
    for (let n = 0; !this.finished; n++) {
      if ((n & 255) === 0 && n > 0 && until()) return;
      const bytes = this.current.shift();
      if (bytes === undefined) {
        if (!this.nextLevel()) return;
        continue;
      }
      const v = this.expanded; // BFS order: the queue yields nodes in number order
      const state = this.model.decode(bytes);
      this.model.successors(state, this.emit);
      if (this.edges === this.offsets[v]) this.rest[v] = this.model.isRest(state) ? 1 : 0;
      this.expanded = v + 1;
      this.offsets[v + 1] = this.edges;
      if (this.nodes >= this.limits.maxStates) this.stop('max-states');
    }
  }

  private nextLevel(): boolean {
    const graphBytes = this.offsets.byteLength + this.parentEdge.byteLength + this.rest.byteLength + this.labels.byteLength + this.targets.byteLength + this.actorOf.byteLength;
    this.peakFrontierBytes = Math.max(this.peakFrontierBytes, this.current.bytes + this.next.bytes + graphBytes);
    if (this.next.length === 0) {
      this.finished = true;
      return false;
    }
    this.depth++;
    this.current = this.next;
    this.next = new LevelQueue();
    if (this.depth >= this.limits.maxDepth) {
      this.stop('max-depth');
      return false;
    }
    return true;
  }

  stop(reason: IncompleteReason): void {
    this.stopped = reason;
    this.finished = true;
  }

  /** The graph as explored so far (views of the builder's arrays: read it, then drop the builder). */
  graph(): StateGraph {
    const n = this.nodes;
    for (let v = this.expanded + 1; v <= n; v++) this.offsets[v] = this.edges;
    const k = this.properties.length;
    return {
      nodes: n,
      expanded: this.expanded,
      offsets: this.offsets.subarray(0, n + 1),
      targets: this.targets.subarray(0, this.edges),
      actorOf: this.actorOf.subarray(0, this.edges),
      actorNames: this.actorNames.slice(),
      parentEdge: this.parentEdge.subarray(0, n),
      labels: this.labels.subarray(0, n * k),
      properties: k,
      rest: this.rest.subarray(0, n),
      stopped: this.stopped,
    };
  }
}
