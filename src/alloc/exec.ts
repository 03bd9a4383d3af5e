/**
 * The interpreter's view of one actor in one state, handed to each step: read the state, copy
 * it, change the copy, emit it with an action. One Exec is reused for every actor and state, so
 * the hot path allocates only the successor's bytes and its action.
 */
import type { Action, Emit } from '../core/model.js';
import { actorView, type ActorView } from './actor-view.js';
import { contextName } from './context.js';
import { FREE, LEAK, R_HELD, R_N, R_PC } from './layout.js';
import type { ScratchSite } from './site.js';
import { ByteSlab } from './slab.js';
import { AllocState } from './state.js';
import type { ActorInfo, Instr, World } from './world.js';

/**
 * One transition of an allocation model.
 *
 * @example
 * action.text // 'kmirrord takes a page for its request from the raid1 mempool (1 left)'
 */
export interface AllocAction extends Action {
  /** The allocation context used, spelled as the kernel does ('GFP_NOIO', 'PF_MEMALLOC'). */
  readonly context?: string;
  /** One plain sentence for a story. */
  readonly text: string;
}

/** A story sentence, or a function of the next state and the actor's name (evaluated lazily). */
export type Say = string | ((next: AllocState, who: string) => string);

/** Finishes an actor's current instruction in `d`: repeat it or go on (programs loop). */
export function advance(world: World, d: Uint8Array, actor: number): void {
  advanceAt(d, world.layout.actor(actor), world.actors[actor]!.program);
}

/** {@link advance} for the actor whose registers are at `a` and whose program is `program`. */
function advanceAt(d: Uint8Array, a: number, program: readonly Instr[]): void {
  const pc = d[a + R_PC]!;
  const n = d[a + R_N]! + 1;
  if (n < (program[pc]?.repeat ?? 1)) {
    d[a + R_N] = n;
    return;
  }
  d[a + R_N] = 0;
  d[a + R_PC] = (pc + 1) % Math.max(1, program.length);
}

class Move implements AllocAction {
  readonly context?: string;
  readonly fairnessGroup?: string;
  constructor(
    readonly actor: string,
    readonly name: string,
    private readonly say: Say,
    private readonly next: AllocState,
    mask: number | undefined,
    group: string | undefined,
  ) {
    if (mask !== undefined) this.context = contextName(mask);
    if (group !== undefined) this.fairnessGroup = group;
  }

  get text(): string {
    return typeof this.say === 'string' ? this.say : this.say(this.next, this.actor);
  }

  toJSON(): object {
    return { actor: this.actor, name: this.name, context: this.context, text: this.text };
  }
}

export class Exec {
  s: Uint8Array = new Uint8Array(0);
  me!: ActorInfo;
  /** Offset of the current actor's registers. */
  a = 0;
  private sink: Emit<AllocState, AllocAction> = () => {};
  /**
   * Whose work the current actor's next moves serve, when it serves several owners (a device
   * completing writeouts): each owner is then a fairness unit of its own.
   */
  serving: string | undefined;

  /**
   * A states-only Exec (`Model.successorStates`) drafts every move in this one buffer and emits
   * it in one state, to {@link stateSink}, without an action: the safety search reads neither
   * the action nor the state after the call, and a move's copy and objects were a third of its
   * time.
   */
  private readonly scratch: AllocState | undefined;
  stateSink: (next: AllocState) => void = () => {};
  /**
   * True when nobody reads the moves' texts (a states-only Exec): a step then passes '' instead
   * of building its sentence, which was a string or a closure per move for the search to drop.
   */
  readonly quiet: boolean;
  /** The Site of the allocation under way (site.ts, siteAt): one object reused for every allocation. */
  scratchSite: ScratchSite | undefined;

  constructor(
    readonly world: World,
    private readonly slab = new ByteSlab(),
    statesOnly = false,
  ) {
    this.scratch = statesOnly ? new AllocState(world, new Uint8Array(world.layout.size)) : undefined;
    this.quiet = statesOnly;
  }

  /** Points the Exec at an actor of a state. */
  at(s: Uint8Array, me: ActorInfo, emit: Emit<AllocState, AllocAction>): this {
    return this.atBase(s, me, this.world.layout.actor(me.index), emit);
  }

  /** {@link at} with the actor's register offset `a` known already. */
  atBase(s: Uint8Array, me: ActorInfo, a: number, emit: Emit<AllocState, AllocAction>): this {
    this.inState(s, emit);
    this.actorAt(me, a);
    return this;
  }

  /**
   * Points the Exec at a state, whose actors the successor loop then visits with {@link actorAt}.
   *
   * @example
   * x.inState(state.bytes, emit); x.actorAt(world.actors[0]!, world.layout.actor(0)); step.run(x);
   */
  inState(s: Uint8Array, emit: Emit<AllocState, AllocAction>): void {
    this.s = s;
    this.sink = emit;
  }

  /** Points the Exec at an actor of its state, whose registers are at `a`. */
  actorAt(me: ActorInfo, a: number): void {
    this.me = me;
    this.a = a;
    this.serving = undefined;
  }

  get free(): number {
    return this.s[FREE]!;
  }

  /** Owner offset of the free list, for {@link move}. */
  get freeAt(): number {
    return FREE;
  }

  /** Owner offset of the pages the current actor holds, for {@link move}. */
  get heldAt(): number {
    return this.a + R_HELD;
  }

  reg(r: number): number {
    return this.s[this.a + r]!;
  }

  /**
   * Another actor (or this one) in the current state, by name or index: what a custom step
   * reads instead of registers. @example x.actor('kmirrord').serving === undefined
   */
  actor(who: number | string): ActorView {
    return actorView(this.world, this.s, who);
  }

  /** A register of another actor. */
  regOf(actor: number, r: number): number {
    return this.s[this.world.layout.actor(actor) + r]!;
  }

  /** A copy of the state to change and emit. */
  draft(): Uint8Array {
    if (this.scratch === undefined) return this.slab.copy(this.s);
    this.scratch.bytes.set(this.s);
    return this.scratch.bytes;
  }

  set(d: Uint8Array, r: number, v: number): void {
    d[this.a + r] = v;
  }

  /** Moves `n` pages from one owner offset to another (free is offset 0). */
  move(d: Uint8Array, from: number, to: number, n = 1): void {
    d[from] = d[from]! - n;
    d[to] = d[to]! + n;
  }

  /** Records a reserve leak: the page just taken left free below M without the right to. */
  leak(d: Uint8Array): void {
    d[LEAK] = 1;
  }

  /** Finishes the current instruction: repeat it, or go on to the next (the program loops). */
  done(d: Uint8Array): void {
    advanceAt(d, this.a, this.me.program);
  }

  /**
   * {@link done} as a continuation for an allocation (`then: x.goOn`), made once per Exec. Under
   * tsx, a closure written inline as `then: (d) => ...` is named by a defineProperty call each
   * time it is created, which cost a tenth of the search when steps made one per state.
   */
  readonly goOn = (d: Uint8Array): void => this.done(d);

  emit(d: Uint8Array, name: string, say: Say, mask?: number): void {
    if (this.scratch !== undefined) return this.stateSink(this.scratch);
    const next = new AllocState(this.world, d);
    this.sink(new Move(this.me.name, name, say, next, mask, this.serving), next);
  }
}
