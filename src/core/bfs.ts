import { guardModel } from './errors.js';
import { fingerprint, fp } from './hash.js';
import { FingerprintTable } from './fingerprint-table.js';
import { LevelQueue } from './level-queue.js';
import type { Action, Model, SafetyProperty } from './model.js';
import type { IncompleteReason } from './result.js';

/** A safety property decided during the search, with the slot of the state that decided it. */
export interface Finding {
  readonly property: number;
  slot: number;
  readonly failure: string;
}

export interface BfsLimits {
  readonly maxStates: number;
  readonly maxDepth: number;
}

/**
 * Level-synchronous breadth-first search over fingerprints. A state is checked when it is
 * first stored, so the first finding of each property lies at the least depth: the shortest
 * counterexample. Work is done in slices ({@link run}) so a caller can report progress and stop.
 */
export class Bfs<S, A extends Action> {
  readonly table: FingerprintTable;
  private current = new LevelQueue();
  private next = new LevelQueue();
  private parentSlot = 0;
  private successorCount = 0;
  private readonly pending: (SafetyProperty<S> & { index: number })[];
  readonly findings: Finding[] = [];
  states = 0;
  transitions = 0;
  /** Depth of the level being expanded (-1 before the first). */
  depth = -1;
  peakFrontierBytes = 0;
  finished = false;
  stopped: IncompleteReason | undefined;

  constructor(
    private readonly model: Model<S, A>,
    properties: readonly SafetyProperty<S>[],
    private readonly limits: BfsLimits,
    tableCapacity?: number,
  ) {
    this.table = new FingerprintTable(tableCapacity === undefined ? {} : { initialCapacity: tableCapacity });
    this.pending = properties.map((p, index) => ({ ...p, index }));
    const inits = guardModel('initialStates', () => model.initialStates());
    inits.forEach((s, i) => this.store(s, -1 - i));
  }

  /** Depth of the deepest stored state. */
  get deepest(): number {
    return this.next.length > 0 ? this.depth + 1 : Math.max(0, this.depth);
  }

  get frontier(): number {
    return this.current.length + this.next.length;
  }

  /** True when every property is decided, so searching further cannot change the verdict. */
  get decided(): boolean {
    return this.pending.length === 0 && this.findings.length > 0;
  }

  private readonly emit = (_action: A, nextState: S): void => {
    this.successorCount++;
    this.transitions++;
    this.store(nextState, this.parentSlot);
  };

  private store(state: S, parent: number): void {
    const bytes = this.model.encode(state);
    fingerprint(bytes);
    if (this.table.full) this.grow();
    const slot = this.table.insert(fp.hi, fp.lo, parent);
    if (slot < 0) return;
    this.states++;
    this.next.push(slot, bytes);
    for (let i = 0; i < this.pending.length; i++) {
      const p = this.pending[i]!;
      if (p.kind === 'invariant' ? !p.holds(state) : p.kind === 'reachable' && p.test(state)) {
        this.decide(i, slot, p.kind);
        i--;
      }
    }
  }

  private decide(pendingIndex: number, slot: number, failure: string): void {
    const [p] = this.pending.splice(pendingIndex, 1);
    this.findings.push({ property: p!.index, slot, failure });
  }

  private grow(): void {
    const map = this.table.grow();
    this.table.remapValues(map);
    this.current.remap(map);
    this.next.remap(map);
    this.parentSlot = map[this.parentSlot] ?? this.parentSlot;
    for (const f of this.findings) f.slot = map[f.slot]!;
  }

  /** Expands states until `until()` says stop or the search ends. Checks `until` every 256 states. */
  run(until: () => boolean): void {
    const model = this.model;
    for (let n = 0; !this.finished; n++) {
      if ((n & 255) === 0 && n > 0 && until()) return;
      const bytes = this.current.shift();
      if (bytes === undefined) {
        if (!this.nextLevel()) return;
        continue;
      }
      const state = model.decode(bytes);
      this.parentSlot = this.current.slot;
      this.successorCount = 0;
      model.successors(state, this.emit);
      if (this.successorCount === 0) this.deadEnd(state, this.parentSlot);
      if (this.decided) this.finished = true;
      else if (this.states >= this.limits.maxStates) this.stop('max-states');
    }
  }

  private deadEnd(state: S, slot: number): void {
    const i = this.pending.findIndex((p) => p.kind === 'deadlock-free');
    if (i < 0 || this.model.isRest(state)) return;
    const p = this.pending[i]!;
    this.decide(i, slot, (p.kind === 'deadlock-free' && p.classify?.(state)) || 'deadlock');
  }

  private nextLevel(): boolean {
    this.peakFrontierBytes = Math.max(this.peakFrontierBytes, this.current.bytes + this.next.bytes);
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
}
