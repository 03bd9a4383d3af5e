/**
 * A worker of the shared-table parallel search: builds the model from its recipe, then, level
 * by level, expands the states it discovered in the previous level, inserting successors into
 * the shared table. Whoever inserts a state first owns it and expands it next level, so work
 * splits by discovery without any state crossing threads.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CheckError } from '../core/errors.js';
import { fingerprint, fp } from '../core/hash.js';
import { isSafety, type Action, type Model, type SafetyProperty } from '../core/model.js';
import { symmetryKey } from '../core/symmetry.js';
import { collect } from './collect.js';
import { Packer } from './packed.js';
import { ChunkWriter, eachInChunk } from './shared-chunks.js';
import { buildRecipe } from './recipe.js';
import type { FromSharedWorker, LevelOrder, SharedSetup } from './shared-protocol.js';
import { SEGMENTS, SharedTable } from './shared-table.js';

const setup = workerData as SharedSetup;
const parent = parentPort!;
const post = (m: FromSharedWorker, transfer: ArrayBuffer[] = []): void => parent.postMessage(m, transfer);

class Expander {
  private table: SharedTable | undefined;
  private readonly next = new ChunkWriter();
  private readonly overflow = new Packer();
  private readonly control: Int32Array;
  private budget: Int32Array<ArrayBufferLike> = new Int32Array(SEGMENTS);
  private perSegment = new Int32Array(SEGMENTS);
  private inserted = 0;
  private tableBytes = 0;
  private transitions = 0;
  private successors = 0;
  private depth = 0;
  private findings: [number, number][] = [];
  private readonly decided = new Set<number>();

  constructor(
    private readonly model: Model<unknown, Action>,
    private readonly safety: readonly SafetyProperty<unknown>[],
    private readonly key: ((s: unknown) => Uint8Array) | undefined,
  ) {
    this.control = new Int32Array(setup.control);
  }

  private readonly emit = (_a: Action, state: unknown): void => {
    this.successors++;
    this.transitions++;
    const bytes = this.model.encode(state);
    fingerprint(this.key ? this.key(state) : bytes);
    const k = SharedTable.segmentOf(fp.hi);
    if (this.perSegment[k]! >= this.budget[k]!) {
      this.overflow.add(bytes);
      return;
    }
    if (this.table!.insert(fp.hi, fp.lo) < 0) return;
    this.perSegment[k]!++;
    this.inserted++;
    this.next.push(bytes);
    this.checkNew(state);
  };

  private checkNew(state: unknown): void {
    for (let i = 0; i < this.safety.length; i++) {
      const p = this.safety[i]!;
      if (this.decided.has(i)) continue;
      if (p.kind === 'invariant' ? !p.holds(state) : p.kind === 'reachable' && p.test(state)) this.decide(i, this.depth + 1);
    }
  }

  private decide(property: number, depth: number): void {
    this.decided.add(property);
    this.findings.push([property, depth]);
  }

  level(order: LevelOrder): void {
    this.table = new SharedTable(order.table);
    this.tableBytes = order.tableBytes;
    this.depth = order.depth;
    this.budget = order.budget;
    this.perSegment = new Int32Array(SEGMENTS);
    this.inserted = this.transitions = 0;
    this.findings = [];
    const cursor = new Int32Array(order.cursor);
    let expanded = 0;
    let stopped = false;
    const expand = (bytes: Uint8Array): boolean => {
      if ((++expanded & 1023) === 0 && Atomics.load(this.control, 0) !== 0) return !(stopped = true);
      const state = this.model.decode(bytes);
      this.successors = 0;
      this.model.successors(state, this.emit);
      if (this.successors === 0) this.deadEnd(state);
      return true;
    };
    for (let k = Atomics.add(cursor, 0, 1); k < order.level.buffers.length && !stopped; k = Atomics.add(cursor, 0, 1)) eachInChunk(order.level, k, expand);
    const frontierBytes = this.next.bytes;
    const next = this.next.take();
    const overflow = this.overflow.take();
    // Let go of the table before the coordinator grows it: a segment's old buffer is freed only
    // when every thread has collected its wrapper.
    this.table = undefined;
    collect(this.tableBytes);
    const perSegment = this.perSegment;
    post({ type: 'done', perSegment, inserted: this.inserted, expanded, transitions: this.transitions, next, frontierBytes, findings: this.findings, overflow, stopped }, [overflow.buffer as ArrayBuffer, perSegment.buffer as ArrayBuffer]);
  }

  private deadEnd(state: unknown): void {
    if (this.model.isRest(state)) return;
    this.safety.forEach((p, i) => {
      if (p.kind === 'deadlock-free' && !this.decided.has(i)) this.decide(i, this.depth);
    });
  }
}

/**
 * The thread's entry, called by its bundle (worker-bundle.ts) with the recipe's module: builds
 * the model and expands the levels it is sent.
 */
export function serve(module: { readonly default?: unknown }): void {
  try {
    const model = buildRecipe(module, setup.recipe);
    const safety = model.properties.filter((p) => setup.properties.includes(p.name)).filter(isSafety);
    const expander = new Expander(model, safety, symmetryKey(model, setup.symmetry));
    parent.on('message', (m: LevelOrder) => {
      try {
        expander.level(m);
      } catch (e) {
        fail(e);
      }
    });
    post({ type: 'ready' });
  } catch (e) {
    fail(e);
  }
}

function fail(e: unknown): void {
  post({ type: 'failed', message: e instanceof Error ? e.message : String(e), ...(e instanceof CheckError ? { code: e.code } : {}) });
}
