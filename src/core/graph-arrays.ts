/**
 * The growing arrays behind a {@link StateGraph} while it is explored: nodes and edges are
 * appended in discovery order, each array doubling when full (amortised O(1) an append).
 */
import { CheckError } from './errors.js';
import { actorOfUnit, type Property } from './model.js';
import { labelOf, type StateGraph } from './state-graph.js';

function grown<T extends Int32Array | Uint16Array | Uint8Array>(a: T, need: number, make: (n: number) => T): T {
  if (need <= a.length) return a;
  const b = make(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

function badActorName(actor: string): CheckError {
  return new CheckError('bad-option', `actor '${actor}' has ' [' in its name, which fairness units reserve ('actor [group]'); rename the actor`);
}

export class GraphArrays {
  private readonly actorIds = new Map<string, number>();
  private readonly actorNames: string[] = [];
  /** The actor each unit was registered for: a unit string names one actor only. */
  private readonly owners: string[] = [];
  nodes = 0;
  /** Nodes whose rows are closed ({@link endRow}), always a prefix. */
  expanded = 0;
  edges = 0;
  private offsets: Int32Array;
  private parentEdge: Int32Array;
  private rest: Uint8Array;
  private labels: Uint8Array;
  private targets: Int32Array;
  private actorOf: Uint16Array;

  /**
   * `nodes`: room for that many nodes (and four times as many edges) before the first doubling.
   * A quotient's unfolding, a few dozen states made once per fair core, starts small: typed
   * arrays are costly to create, and one of 1,024 nodes was a tenth of a small cell's check.
   */
  constructor(private readonly properties: number, nodes = 1024) {
    // One more than the nodes: row v ends at offsets[v + 1].
    this.offsets = new Int32Array(nodes + 1);
    this.parentEdge = new Int32Array(nodes);
    this.rest = new Uint8Array(nodes);
    this.labels = new Uint8Array(nodes * Math.max(1, properties));
    this.targets = new Int32Array(4 * nodes);
    this.actorOf = new Uint16Array(4 * nodes);
  }

  get bytes(): number {
    return this.offsets.byteLength + this.parentEdge.byteLength + this.rest.byteLength + this.labels.byteLength + this.targets.byteLength + this.actorOf.byteLength;
  }

  /**
   * Bytes the arrays more than half full will allocate when they double (the old array is
   * alive while it is copied): a bound on the next growths a few hundred rows can cause.
   */
  get growthBytes(): number {
    const node = this.nodes * 2 > this.parentEdge.length ? 2 * (this.offsets.byteLength + this.parentEdge.byteLength + this.rest.byteLength + this.labels.byteLength) : 0;
    const edge = this.edges * 2 > this.targets.length ? 2 * (this.targets.byteLength + this.actorOf.byteLength) : 0;
    return node + edge;
  }

  /** Appends a node reached by `parentEdge` (or `-1 - i` for initial state i); returns its number. */
  addNode(parentEdge: number): number {
    const v = this.nodes++;
    if (v >= this.parentEdge.length) {
      this.parentEdge = grown(this.parentEdge, v + 1, (n) => new Int32Array(n));
      this.offsets = grown(this.offsets, this.parentEdge.length + 1, (n) => new Int32Array(n));
      this.rest = grown(this.rest, v + 1, (n) => new Uint8Array(n));
      this.labels = grown(this.labels, (v + 1) * Math.max(1, this.properties), (n) => new Uint8Array(n));
    }
    this.parentEdge[v] = parentEdge;
    return v;
  }

  /** Labels node `v` for each property (see {@link labelOf}). */
  label<S>(v: number, properties: readonly Property<S>[], state: S): void {
    for (let k = 0; k < properties.length; k++) this.labels[v * this.properties + k] = labelOf(properties[k]!, state);
  }

  /**
   * Appends an edge of the row being filled, taken by fairness `unit` of `actor`; returns its
   * index. Set its target with {@link setTarget}.
   */
  addEdge(unit: string, actor: string): number {
    const e = this.edges++;
    if (e >= this.targets.length) {
      this.targets = grown(this.targets, e + 1, (n) => new Int32Array(n));
      this.actorOf = grown(this.actorOf, e + 1, (n) => new Uint16Array(n));
    }
    this.actorOf[e] = this.unitId(unit, actor);
    return e;
  }

  setTarget(edge: number, node: number): void {
    this.targets[edge] = node;
  }

  /** Closes the row of node `expanded`; `rest` marks a dead end the model calls a rest state. */
  endRow(rest: boolean): void {
    const v = this.expanded++;
    if (rest) this.rest[v] = 1;
    this.offsets[v + 1] = this.edges;
  }

  /** True when the row being filled has no edge yet. */
  get rowEmpty(): boolean {
    return this.offsets[this.expanded] === this.edges;
  }

  private lastUnit = '';
  private lastOwner = '';
  private lastId = -1;

  /**
   * The number of a fairness unit. Units are strings (`actor` or `actor [group]`) and fairness
   * is looked up by the actor read back from them, so an actor whose name contains ' [' would
   * be read back wrongly or share a unit with another actor's group: it is rejected.
   */
  private unitId(unit: string, actor: string): number {
    if (unit === this.lastUnit && actor === this.lastOwner) return this.lastId;
    let id = this.actorIds.get(unit);
    if (id === undefined) {
      id = this.actorNames.length;
      if (id > 0xffff) throw new CheckError('bad-option', 'the model has more than 65536 actors; liveness checking supports at most 65536');
      if (actorOfUnit(unit) !== actor) throw badActorName(actor);
      this.actorIds.set(unit, id);
      this.actorNames.push(unit);
      this.owners.push(actor);
    } else if (this.owners[id] !== actor) throw badActorName(actor);
    this.lastUnit = unit;
    this.lastOwner = actor;
    this.lastId = id;
    return id;
  }

  /** The graph so far, as views of these arrays (unexpanded nodes get empty rows). */
  graph(stopped: string | undefined): StateGraph {
    const n = this.nodes;
    for (let v = this.expanded + 1; v <= n; v++) this.offsets[v] = this.edges;
    return {
      nodes: n,
      expanded: this.expanded,
      offsets: this.offsets.subarray(0, n + 1),
      targets: this.targets.subarray(0, this.edges),
      actorOf: this.actorOf.subarray(0, this.edges),
      actorNames: this.actorNames.slice(),
      parentEdge: this.parentEdge.subarray(0, n),
      labels: this.labels.subarray(0, n * this.properties),
      properties: this.properties,
      rest: this.rest.subarray(0, n),
      stopped,
    };
  }
}
