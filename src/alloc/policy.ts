/**
 * A policy is a mechanism that changes which context an allocation uses or which steps are
 * enabled. Each lives in its own module under policies/ and fills in some of the {@link Hooks}
 * (the four original, stage-free hooks) and acts at named {@link Stages} of the allocation path;
 * policies combine by composing both in the order given ('a+b': a first, then b).
 */
import type { Exec } from './exec.js';
import type { ActorInfo, ActorSpec, DeviceInfo, PoolInfo, World, WorldSpec } from './world.js';

/** Why a page is being allocated: policies single out the ones they care about. */
export type Purpose =
  | 'dirty' // a user page that will be dirtied
  | 'page' // a page an actor holds while it works (a daemon's leg, a server's buffer)
  | 'bio' // the bio a writeout to a disk needs
  | 'send' // a network send buffer for a writeout
  | 'ack' // the skb that receives the ACK of a writeout
  | 'packet'; // the skb of a packet for some other socket

/** One allocation as a policy sees it, valid during the hook's call (the allocation path reuses it). */
export interface Site {
  readonly actor: ActorInfo;
  readonly purpose: Purpose;
  /** Whether the actor (a daemon) is serving a request now. */
  readonly serving: boolean;
  /** Flags of the request the actor is serving (RQ_*), 0 when none. */
  readonly request: number;
  /** The mempool the step names, if any. */
  readonly pool: string | undefined;
}

export interface Hooks {
  /** The context mask the allocation uses, given the one it would use without the policy. */
  context(site: Site, mask: number): number;
  /** Whether a step that names a mempool allocates from it (else from the page allocator). */
  usePool(site: Site): boolean;
  /** Whether an actor may dirty another page on `device` now. */
  mayDirty(world: World, s: Uint8Array, device: number): boolean;
  /** Whether a task whose allocation failed may enter direct reclaim now. */
  mayReclaim(world: World, s: Uint8Array): boolean;
}

/**
 * The stages of the allocation path (page-alloc.ts) where a mechanism acts, named as the kernel
 * names them. A stage that stops the allocation emits the moves the task makes there.
 */
export interface Stages {
  /** throttle_direct_reclaim: true when the task stops at the entry to direct reclaim. */
  throttleDirectReclaim(x: Exec, site: Site, mask: number): boolean;
  /** kswapd's balance_pgdat: moves a mechanism gives kswapd (waking throttled tasks); true if any. */
  balancePgdat(x: Exec): boolean;
  /**
   * bio_alloc_bioset with bios on current->bio_list: true when the mechanism acted (punted them
   * to the bio_set's rescuer) instead of the allocation.
   */
  puntBiosToRescuer(x: Exec, bioset: PoolInfo, mask: number): boolean;
  /** out_of_memory, after direct reclaim found nothing: true when the mechanism acted (killed). */
  outOfMemory(x: Exec, site: Site, mask: number): boolean;
  /**
   * ->writepage of a page of a daemon device (fuse_writepage_locked): true when the mechanism
   * acted (emitted its moves, or waits) instead of queueing the page-cache page itself.
   */
  writepage(x: Exec, device: DeviceInfo): boolean;
  /** mapping_writeback_may_deadlock_on_reclaim: true when memcg reclaim must not wait on writeback of the device's pages. */
  writebackMayDeadlock(world: World, device: DeviceInfo): boolean;
}

export interface Policy<N extends string = string> {
  /** The policy's name, a string literal type in the shipped catalogue (PolicyName). */
  readonly name: N;
  /** One line for `list`: what it does. */
  readonly summary: string;
  /**
   * What it does not do that a user might expect of it, as a clause that follows 'it' on the
   * same line of `list`: 'does not bound how much of the reserve a daemon takes'.
   */
  readonly doesNot?: string;
  /** Why the policy cannot apply to this world (an error for the user), or undefined. */
  notApplicable(spec: WorldSpec): string | undefined;
  readonly hooks: Partial<Hooks>;
  /** Where in the allocation path the mechanism acts. */
  readonly stages?: Partial<Stages>;
  /** Actors the mechanism adds, such as a rescuer thread. */
  addActors?(spec: WorldSpec): readonly ActorSpec[];
}

const base: Hooks = {
  context: (_site, mask) => mask,
  usePool: () => false,
  mayDirty: () => true,
  mayReclaim: () => true,
};

/** The hooks of `policies` applied in order over the defaults (every actor in its own context). */
export function composeHooks(policies: readonly Policy[]): Hooks {
  let h = base;
  for (const p of policies) {
    const prev = h;
    const { context, usePool, mayDirty, mayReclaim } = p.hooks;
    h = {
      context: context ? (site, mask) => context(site, prev.context(site, mask)) : prev.context,
      usePool: usePool ? (site) => usePool(site) || prev.usePool(site) : prev.usePool,
      mayDirty: mayDirty ? (w, s, d) => mayDirty(w, s, d) && prev.mayDirty(w, s, d) : prev.mayDirty,
      mayReclaim: mayReclaim ? (w, s) => mayReclaim(w, s) && prev.mayReclaim(w, s) : prev.mayReclaim,
    };
  }
  return h;
}

const noStages: Stages = {
  throttleDirectReclaim: () => false,
  balancePgdat: () => false,
  puntBiosToRescuer: () => false,
  outOfMemory: () => false,
  writepage: () => false,
  writebackMayDeadlock: () => false,
};

/**
 * The stages of `policies`: at a stage that can stop the allocation, the first policy that stops
 * it decides (its moves are the task's), in the order given.
 */
export function composeStages(policies: readonly Policy[]): Stages {
  const throttles = policies.flatMap((p) => (p.stages?.throttleDirectReclaim ? [p.stages.throttleDirectReclaim] : []));
  const kswapd = policies.flatMap((p) => (p.stages?.balancePgdat ? [p.stages.balancePgdat] : []));
  return {
    throttleDirectReclaim: throttles.length === 0 ? noStages.throttleDirectReclaim : (x, site, mask) => throttles.some((t) => t(x, site, mask)),
    // Every mechanism's kswapd moves are offered, not only the first's.
    balancePgdat: kswapd.length === 0 ? noStages.balancePgdat : (x) => kswapd.reduce((any, k) => k(x) || any, false),
    puntBiosToRescuer: policies.find((p) => p.stages?.puntBiosToRescuer)?.stages?.puntBiosToRescuer ?? noStages.puntBiosToRescuer,
    outOfMemory: policies.find((p) => p.stages?.outOfMemory)?.stages?.outOfMemory ?? noStages.outOfMemory,
    writepage: policies.find((p) => p.stages?.writepage)?.stages?.writepage ?? noStages.writepage,
    writebackMayDeadlock: policies.find((p) => p.stages?.writebackMayDeadlock)?.stages?.writebackMayDeadlock ?? noStages.writebackMayDeadlock,
  };
}
