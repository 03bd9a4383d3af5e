import { guardModel } from './errors.js';
import { fingerprint, fp } from './hash.js';
import { FingerprintTable } from './fingerprint-table.js';
import { LevelQueue } from './level-queue.js';
import { LevelSearch } from './level-search.js';
import { SuccessorBatch } from './successor-batch.js';
import type { Action, Model, SafetyProperty } from './model.js';
import { AmpleExpander } from './por.js';
import { symmetryKey, type StateKey } from './symmetry.js';

/**
 * What decided a property: the fingerprint of the state and its depth. In a search with
 * parents, `slot` locates it in the table (kept current as the table grows).
 */
export interface Finding {
  readonly property: number;
  readonly hi: number;
  readonly lo: number;
  readonly depth: number;
  readonly failure: string;
  slot: number;
}

export interface BfsOptions {
  readonly maxStates: number;
  readonly maxDepth: number;
  readonly tableCapacity?: number;
  /**
   * Keep each state's parent so paths can be rebuilt (4 more bytes a slot). The main search
   * runs without, and a second search with parents rebuilds the few paths it needs.
   */
  readonly parents?: boolean;
  /** Fingerprints to find (each becomes a finding with property = its index). */
  readonly targets?: readonly (readonly [number, number])[];
  /** Identify states up to the model's symmetry (see symmetry.ts); no effect without one. */
  readonly symmetry?: boolean;
  /**
   * Bytes the table and the frontier may take. The search stops with 'memory-limit' before a
   * growth would pass it (the new segment is counted while the old one is alive) and when the
   * frontier passes it.
   */
  readonly memoryLimit?: number;
  /** Expand by ample sets (partial order reduction, por.ts); the caller checks it applies. */
  readonly por?: boolean;
}

/**
 * A search paused between two expansions ({@link Bfs.pause}), for another explorer to go on
 * from: nothing it did is lost, and continuing it yields the states and depths it would have.
 */
export interface PausedSearch {
  /** Every state stored so far, as fingerprints. */
  readonly table: FingerprintTable;
  /** Depth of the states in `current` (-1 before the first level: `next` holds the initial states). */
  readonly depth: number;
  /** States at `depth` not yet expanded. */
  readonly current: LevelQueue;
  /** States at `depth + 1`, stored and checked. */
  readonly next: LevelQueue;
  readonly states: number;
  readonly transitions: number;
  /** Properties decided so far (index in the search's property list) and the depth of each. */
  readonly findings: readonly Finding[];
}

type Check<S> = SafetyProperty<S> & { readonly index: number };

/** Expansions whose successors are inserted together (see successor-batch.ts). */
const BATCH_EXPANSIONS = 32;

const readsState = (p: { readonly kind: string }): boolean => p.kind !== 'deadlock-free';

/**
 * Level-synchronous breadth-first search over fingerprints. A state is checked when it is
 * first stored, so the first finding of each property lies at the least depth: the shortest
 * counterexample. Work is done in slices ({@link run}) so a caller can report progress and stop.
 */
export class Bfs<S, A extends Action> extends LevelSearch {
  readonly table: FingerprintTable;
  private parentSlot = 0;
  /** The slot of the state being expanded while {@link flush} sets parentSlot to each batched one's. */
  private expanding = 0;
  private successorCount = 0;
  private readonly pending: Check<S>[];
  private readonly targets: { readonly hi: number; readonly lo: number; readonly index: number }[];
  readonly findings: Finding[] = [];
  states = 0;
  transitions = 0;
  peakFrontierBytes = 0;
  private readonly key: StateKey<S> | undefined;
  readonly ample: AmpleExpander<S, A> | undefined;
  /** Successors not yet inserted; none with ample sets, whose expansion reads the table. */
  private readonly batch: SuccessorBatch | undefined;

  constructor(
    private readonly model: Model<S, A>,
    properties: readonly SafetyProperty<S>[],
    private readonly options: BfsOptions,
  ) {
    super(options.parents ?? false, options.maxDepth);
    const parents = options.parents ?? false;
    this.key = symmetryKey(model, options.symmetry ?? false);
    // Without parents nobody holds slots, so the table can grow a segment at a time.
    this.table = new FingerprintTable({ initialCapacity: options.tableCapacity, values: parents, segments: parents ? 1 : 256, retire: (old) => this.recycle(old) });
    this.pending = properties.map((p, index) => ({ ...p, index }));
    this.targets = (options.targets ?? []).map(([hi, lo], index) => ({ hi, lo, index }));
    if (options.por) this.ample = new AmpleExpander(model, (s) => this.fingerprintOf(s), (hi, lo) => this.table.find(hi, lo) >= 0);
    else this.batch = new SuccessorBatch();
    const inits = guardModel('initialStates', () => model.initialStates());
    inits.forEach((s, i) => this.store(s, -1 - i));
  }

  /** True when every property is decided, so searching further cannot change the verdict. */
  get decided(): boolean {
    return this.pending.length === 0 && this.targets.length === 0 && this.findings.length > 0;
  }

  private readonly emitState = (nextState: S): void => {
    this.successorCount++;
    this.transitions++;
    if (this.batch === undefined) return this.store(nextState);
    const bytes = this.fingerprinted(nextState);
    // A successor known to be a duplicate is counted but not held: inserting it would change
    // nothing (the table holds it, or will from the same expansion), and most successors are
    // duplicates. A table growth it would have started is left to the next new state.
    if (this.batch.holdsInExpansion(fp.hi, fp.lo)) return;
    this.batch.add(bytes, fp.hi, fp.lo);
  };

  private readonly emit = (_action: A, nextState: S): void => this.emitState(nextState);

  /** The fingerprint under which a state is stored, left in `fp`. */
  private fingerprintOf(state: S): void {
    fingerprint(this.key ? this.key(state) : this.model.encode(state));
  }

  /** A state's bytes, with the fingerprint it is stored under left in `fp`. */
  private fingerprinted(state: S): Uint8Array {
    if (this.key === undefined) {
      const bytes = this.model.encode(state);
      fingerprint(bytes);
      return bytes;
    }
    // Canonical first: encode may return a scratch buffer that must survive until it is pushed.
    fingerprint(this.key(state));
    return this.model.encode(state);
  }

  /** Stores a state; its parent is `root` (initial states) or the state being expanded. */
  private store(state: S, root?: number): void {
    const bytes = this.fingerprinted(state);
    this.record(fp.hi, fp.lo, bytes, root, state);
  }

  /**
   * Inserts the batch's successors in the order they were emitted, settling after each
   * expansion as an unbatched search does; the expansions after one that ends the search are
   * dropped with their transitions, as if they had not been made.
   */
  private flush(): void {
    const b = this.batch;
    if (b === undefined || b.expansions === 0) return;
    b.warm(this.table);
    this.expanding = this.parentSlot;
    for (let e = 0, i = 0; e < b.expansions; e++) {
      if (this.finished) {
        this.transitions -= b.counts[e]!;
        continue;
      }
      this.parentSlot = b.parents[e]!;
      for (const end = b.ends[e]!; i < end; i++) this.record(b.hi[i]!, b.lo[i]!, b.bytes(i), undefined, undefined);
      this.settle();
    }
    b.clear();
    this.parentSlot = this.expanding;
  }

  /** After an expansion: finished once every property is decided, stopped at the state limit. */
  private settle(): void {
    if (this.decided) this.finished = true;
    else if (this.states >= this.options.maxStates) this.stop('max-states');
  }

  /**
   * Stores a new state and checks it. The parent is `root`, else the state being expanded (read
   * after a growth has moved it).
   */
  private record(hi: number, lo: number, bytes: Uint8Array, root: number | undefined, given: S | undefined): void {
    if (this.table.needsGrow(hi) && !this.grow(hi)) return;
    const slot = this.table.insert(hi, lo, root ?? this.parentSlot);
    if (slot >= 0) this.recorded(hi, lo, bytes, slot, given);
  }

  /** Counts, queues and checks a state just inserted at `slot`; decodes it only when a property must see it. */
  private recorded(hi: number, lo: number, bytes: Uint8Array, slot: number, given: S | undefined): void {
    this.states++;
    this.next.push(slot, bytes);
    this.ample?.stored(hi, lo);
    const state = given ?? (this.pending.some(readsState) ? (this.model.peek ? this.model.peek(bytes) : this.model.decode(bytes)) : undefined);
    for (let i = 0; state !== undefined && i < this.pending.length; i++) {
      const p = this.pending[i]!;
      if (p.kind === 'invariant' ? !p.holds(state) : p.kind === 'reachable' && p.test(state)) {
        this.findings.push(this.finding(p.index, slot, this.depth + 1, p.kind));
        this.pending.splice(i--, 1);
      }
    }
    for (let i = 0; i < this.targets.length; i++) {
      const t = this.targets[i]!;
      if (t.hi === hi >>> 0 && t.lo === lo >>> 0) {
        this.findings.push(this.finding(t.index, slot, this.depth + 1, 'target'));
        this.targets.splice(i--, 1);
      }
    }
  }

  private finding(property: number, slot: number, depth: number, failure: string): Finding {
    return { property, slot, depth, failure, hi: this.table.hiAt(slot), lo: this.table.loAt(slot) };
  }

  /** Bytes of the table, both frontier levels and the spare chunks kept for them now. */
  get memory(): number {
    return this.table.bytes + this.current.bytes + this.next.bytes + this.spareBytes + (this.ample?.bytes ?? 0);
  }

  /** Grows the table for `hi`, or stops the search when that would pass the memory limit. */
  private grow(hi: number): boolean {
    if (this.memory + this.table.growthBytes(hi) > (this.options.memoryLimit ?? Infinity)) {
      // The state is dropped: the search is incomplete from here on, and ends after this expansion.
      this.stop('memory-limit');
      return false;
    }
    if (!this.options.parents) {
      this.table.grow(hi, false);
      return true;
    }
    const map = this.table.grow(hi);
    this.table.remapValues(map);
    this.current.remap(map);
    this.next.remap(map);
    this.parentSlot = map[this.parentSlot] ?? this.parentSlot;
    this.expanding = map[this.expanding] ?? this.expanding;
    this.batch?.remapParents(map);
    for (const f of this.findings) f.slot = map[f.slot]!;
    return true;
  }

  /** Expands states until `until()` says stop or the search ends. Checks `until` every 256 states. */
  run(until: () => boolean): void {
    const model = this.model;
    for (let n = 0; !this.finished; n++) {
      if ((n & 255) === 0) {
        this.flush();
        this.peakFrontierBytes = Math.max(this.peakFrontierBytes, this.current.bytes + this.next.bytes);
        if (this.memory > (this.options.memoryLimit ?? Infinity)) this.stop('memory-limit');
        if (this.finished || (n > 0 && until())) return;
      }
      // The queue's reused copy: valid until the next shift, by when the expansion is over and
      // its successors are copied out (into the batch, or the next level).
      const bytes = this.current.shiftCopy();
      if (bytes === undefined) {
        this.flush();
        if (this.finished || !this.nextLevel()) return;
        this.ample?.nextLevel();
        continue;
      }
      const state = model.peek ? model.peek(bytes) : model.decode(bytes);
      this.parentSlot = this.current.slot;
      this.successorCount = 0;
      if (this.ample) this.ample.expand(state, this.emit);
      else if (model.successorStates) model.successorStates(state, this.emitState);
      else model.successors(state, this.emit);
      const dead = this.successorCount === 0;
      if (this.batch !== undefined && !dead) {
        this.batch.endExpansion(this.parentSlot, this.successorCount);
        if (this.batch.expansions >= BATCH_EXPANSIONS) this.flush();
        continue;
      }
      // A dead end is judged after the successors emitted before it are in, as without a batch.
      this.flush();
      if (this.finished) continue;
      if (dead) this.deadEnd(state, this.parentSlot, bytes);
      this.settle();
    }
    this.flush();
  }

  /**
   * Hands the search over, between two expansions: the caller goes on from here and this
   * search must not run again. A search with parents cannot be handed over (its slots are local).
   */
  pause(): PausedSearch {
    if (this.options.parents) throw new Error('a search with parents cannot be paused');
    this.finished = true;
    const { table, depth, current, next, states, transitions, findings } = this;
    return { table, depth, current, next, states, transitions, findings };
  }

  /** A dead end violates every pending deadlock-free property (a model may have several). */
  private deadEnd(state: S, slot: number, bytes: Uint8Array): void {
    if (!this.pending.some((p) => p.kind === 'deadlock-free') || this.model.isRest(state)) return;
    fingerprint(this.key ? this.key(state) : bytes);
    const { hi, lo } = fp;
    for (let i = 0; i < this.pending.length; i++) {
      const p = this.pending[i]!;
      if (p.kind !== 'deadlock-free') continue;
      const failure = p.classify?.(state) || 'deadlock';
      this.findings.push({ property: p.index, slot, depth: this.depth, failure, hi, lo });
      this.pending.splice(i--, 1);
    }
  }
}
