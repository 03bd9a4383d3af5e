/**
 * The coordinator's book of a parallel search: the shared table (grown between levels), the
 * states and transitions counted, the properties decided, and the candidates the threads
 * handed back past their budgets.
 */
import { fingerprint, fp } from '../core/hash.js';
import type { PausedSearch } from '../core/bfs.js';
import type { Action, Model, SafetyProperty } from '../core/model.js';
import { unpackEach } from './packed.js';
import type { Grower } from './crew.js';
import { ChunkWriter } from './shared-chunks.js';
import type { LevelDone, SharedOptions } from './shared-protocol.js';
import { SEGMENTS, SharedTable } from './shared-table.js';
import { growEach, growShared, planGrowth } from './table-growth.js';

/** The coordinator's side of a search: the shared table, the counts, what was found. */
export class Ledger<S, A extends Action> {
  readonly table: SharedTable;
  readonly counts = new Float64Array(SEGMENTS);
  readonly found = new Map<number, number>();
  /** States stored outside the workers (handed back, or inherited), for the next level. */
  readonly extras = new ChunkWriter();
  states = 0;
  transitions = 0;
  frontierBytes = 0;

  constructor(
    private readonly model: Model<S, A>,
    private readonly safety: readonly SafetyProperty<S>[],
    private readonly key: ((s: S) => Uint8Array) | undefined,
    private readonly options: SharedOptions,
  ) {
    this.table = SharedTable.create(options.tableCapacity ?? 1 << 16);
  }

  /** Grows every segment whose `want` would pass the load limit, one at a time. Returns the bytes let go of since the last collection. */
  ensure(want: (k: number) => number): number {
    return growEach(this.table, planGrowth(this.table, want, this.limit));
  }

  /** {@link ensure}, the rehashing shared with the threads `growers` where the table is small (table-growth.ts). */
  ensureShared(want: (k: number) => number, growers: readonly Grower[]): Promise<number> {
    return growShared(this.table, want, growers, this.limit);
  }

  private get limit(): number {
    return this.options.memoryLimitBytes ?? Infinity;
  }

  /** Takes over a search paused on one thread: its states, counts and findings. */
  inherit(from: PausedSearch): void {
    const inherited = new Float64Array(SEGMENTS);
    from.table.forEach((hi) => void inherited[SharedTable.segmentOf(hi)]!++);
    this.ensure((k) => inherited[k]!);
    from.table.forEach((hi, lo) => {
      const k = this.table.insert(hi, lo);
      if (k >= 0) this.counts[k]!++;
    });
    this.states = from.states;
    this.transitions = from.transitions;
    for (const f of from.findings) this.decide(f.property, f.depth);
  }

  decide(property: number, depth: number): void {
    this.found.set(property, Math.min(depth, this.found.get(property) ?? Infinity));
  }

  /** Adds up the threads' reports of a level; returns the states they inserted and expanded. */
  absorb(done: readonly LevelDone[]): { inserted: number; expanded: number } {
    let inserted = 0;
    let expanded = 0;
    for (const d of done) {
      inserted += d.inserted;
      expanded += d.expanded;
      this.transitions += d.transitions;
      d.perSegment.forEach((x, k) => (this.counts[k]! += x));
      for (const [p, at] of d.findings) this.decide(p, at);
    }
    this.states += inserted;
    this.frontierBytes = Math.max(this.frontierBytes, done.reduce((sum, d) => sum + d.frontierBytes, 0));
    return { inserted, expanded };
  }

  /** Inserts the candidates the threads handed back (states at `depth`) and checks the new ones. Returns how many were new. */
  admit(done: readonly LevelDone[], depth: number): number {
    const arrivals: { state: S; bytes: Uint8Array; hi: number; lo: number }[] = [];
    for (const d of done) {
      unpackEach(d.overflow, (bytes) => {
        const state = this.model.decode(bytes);
        fingerprint(this.key ? this.key(state) : bytes);
        arrivals.push({ state, bytes: bytes.slice(), hi: fp.hi, lo: fp.lo });
      });
    }
    if (arrivals.length === 0) return 0;
    const extra = new Float64Array(SEGMENTS);
    for (const { hi } of arrivals) extra[SharedTable.segmentOf(hi)]!++;
    this.ensure((k) => this.counts[k]! + extra[k]!);
    let added = 0;
    for (const { state, bytes, hi, lo } of arrivals) {
      const k = this.table.insert(hi, lo);
      if (k < 0) continue;
      this.counts[k]!++;
      added++;
      this.extras.push(bytes);
      this.safety.forEach((p, j) => {
        if (!this.found.has(j) && (p.kind === 'invariant' ? !p.holds(state) : p.kind === 'reachable' && p.test(state))) this.found.set(j, depth);
      });
    }
    this.states += added;
    return added;
  }
}
