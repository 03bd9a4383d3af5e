/**
 * What a scenario declares (a {@link WorldSpec}) and what it is compiled to (a {@link World}):
 * memory, mempools, devices and actors with their programs. Plain immutable data; the
 * interpreter in machine.ts gives it meaning.
 */
import type { Fairness } from '../core/model.js';
import type { Kernel, Watermarks } from './context.js';
import type { Exec } from './exec.js';
import type { Hooks, Stages } from './policy.js';
import type { Layout } from './layout.js';

/** A local disk: completion needs no memory. A writeout may need a bio, from `pool` if named. */
export interface DiskSpec {
  readonly kind: 'disk';
  /** Writeout allocates one bio (one page) per page written; from this mempool under mempool policies. */
  readonly bio?: boolean;
  readonly pool?: string;
}

/** A network device: a send buffer per writeout; completion needs the ACK to be received. */
export interface NetworkSpec {
  readonly kind: 'network';
  /** Whether the server resends a dropped ACK (an assumption: without it a drop loses the page). */
  readonly retransmit: boolean;
  /**
   * A task in direct reclaim sends a page and goes back to its allocation without waiting for the
   * ACK (pageout does not wait for writeback), re-entering direct reclaim for the next page while
   * its writes are in flight; false (the default): it waits for each write. kswapd and tasks
   * writing their own pages wait either way (async-writeout.ts).
   */
  readonly asyncReclaim?: boolean;
  /**
   * Swap space on the network (swap over NFS or NBD): the pages written here are anonymous pages
   * swapped out, never dirtied through the page cache, so no dirty limit (balance_dirty_pages,
   * a bdi's strictlimit) throttles the tasks that make them.
   */
  readonly swap?: boolean;
}

/** A device whose requests are queued to a daemon (dm-raid1's kmirrord, a FUSE server). */
export interface DaemonDeviceSpec {
  readonly kind: 'daemon';
  readonly daemon: string;
  /** Queue capacity: a submitter waits while it is full. */
  readonly queue: number;
}

export type DeviceSpec = DiskSpec | NetworkSpec | DaemonDeviceSpec;

export type ActorKind = 'dirtier' | 'kswapd' | 'flusher' | 'daemon' | 'traffic' | 'task' | 'receiver' | 'irq' | 'server' | 'rescuer';

/** How balance_dirty_pages treats a task: PF_LESS_THROTTLE (a quarter more), PF_LOCAL_THROTTLE (its own device only). */
export type DirtyThrottle = 'normal' | 'less' | 'local';

/**
 * A name a step refers to, checked to exist when the world is built (see validate/names.ts for
 * the kinds of names): `{ kind: 'device', name: 'md0', field: 'device' }`.
 */
export interface Ref {
  readonly kind: string;
  readonly name: string;
  /** The step's option that gave the name, for the error message. */
  readonly field: string;
}

/** One step of an actor's program. Built by the functions in steps.ts or by `step()`. */
export interface Step {
  readonly kind: string;
  /** The devices, mempools, queues (and so on) the step names: each must exist in the world. */
  readonly refs?: readonly Ref[];
  /** The device a step waits on (the disk interrupt completes `submit` steps through it). */
  readonly device?: string;
  /** The mempool the step allocates from or returns its pages to (under a mempool policy). */
  readonly pool?: string;
  /** The mutex the step takes (its waiters sleep until the holder releases it). */
  readonly lock?: string;
  /** Emits the step's moves for the actor `x` is running. */
  run(x: Exec): void;
  /** True when an actor stopped here is at a legitimate rest point (an idle daemon). */
  rest?(x: Exec): boolean;
  /** What the actor is doing here, for state views: 'dirtying a page on md0'. */
  doing?(x: Exec): string;
}

/** A step with a repeat count: `times(2, mempoolAlloc('raid1'))`. */
export interface Instr {
  readonly step: Step;
  readonly repeat: number;
}

export interface ActorSpec {
  readonly kind: ActorKind;
  readonly name: string;
  readonly count: number;
  /** Instances are interchangeable: recorded for symmetry reduction. */
  readonly symmetric: boolean;
  /** The gfp mask the actor allocates with, e.g. GFP_KERNEL. */
  readonly context: number;
  /** Task flags it always has (kswapd: PF_MEMALLOC). */
  readonly flags: number;
  readonly program: readonly Instr[];
  /** For daemons: the device whose queue it serves. */
  readonly serves?: string;
  /** For daemons under memalloc-inheritance: whether NOIO travels with MEMALLOC. */
  readonly inheritNoio?: boolean;
  /** A kernel thread (PF_KTHREAD): never throttled in direct reclaim. */
  readonly kthread?: boolean;
  /** A workqueue's worker (workqueue.ts): its first step creates the worker. */
  readonly workqueue?: boolean;
  /** For a workqueue's rescuer: the name of the workqueue whose items it runs. */
  readonly rescues?: string;
  readonly fairness?: Fairness;
  /** For the actors a device brings (irq, receiver, server): the device's index. */
  readonly device?: number;
  /**
   * For daemons: requests whose I/O it keeps in flight at once. 1 (the default): it waits for the
   * disk after each request; n >= 2: it issues a request's I/O asynchronously (dm_io with a
   * completion callback) and goes on to the next, with up to n requests in flight.
   */
  readonly inflight?: number;
  /** PF_LESS_THROTTLE or PF_LOCAL_THROTTLE in balance_dirty_pages (default: neither). */
  readonly throttle?: DirtyThrottle;
  /** The memory cgroup its pages are charged to (a name in the world's `cgroups`); none when absent. */
  readonly cgroup?: string;
}

/**
 * A memory cgroup (cgroup v1, memcg.ts): its limit in pages. Every page a member takes is
 * charged to it, and at the limit the charging task reclaims inside the group.
 *
 * @example
 * ({ cgroups: { fuse: { limit: 4 } }, actors: [dirtier('fuse', { cgroup: 'fuse' })] })
 */
export interface CgroupSpec {
  readonly limit: number;
}

/**
 * Who returns a mempool's elements: the device interrupt when the I/O completes (a bio_set,
 * kmirrord's leg pool), or the daemon itself on a later pass once the I/O has completed (dm's
 * region pool: kmirrord frees clean regions in dm_rh_update_states).
 */
export type ReturnedBy = 'irq' | 'daemon';

/** A mempool the driver always has, whatever the policy (dm's region pool). */
export interface PoolSpec {
  readonly minNr: number;
  readonly returnedBy: ReturnedBy;
}

/**
 * A slab cache reclaim frees through its shrinker (mm/vmscan.c: shrink_slab): one page an
 * object. Without the gfp bit it names, the shrinker returns SHRINK_STOP (super_cache_scan
 * stops without __GFP_FS); with `stopsWithout` absent it frees in any reclaim context.
 */
export interface ShrinkerSpec {
  readonly objects: number;
  readonly stopsWithout?: 'IO' | 'FS';
}

/**
 * A bio_set (block/bio.c): a mempool of `minNr` bios that a stacking driver allocates from
 * inside its make_request; the bios it issues go to `device`, whose completion returns them.
 */
export interface BiosetSpec {
  readonly minNr: number;
  readonly device: string;
}

export interface WorldSpec {
  readonly kernel: Kernel;
  /**
   * `clean`: clean, unmapped page-cache pages at the start. Declaring it (even 0) models the page
   * cache: a page whose writeout completes stays in the cache, clean, and reclaim frees clean
   * pages in any context that may sleep, without I/O (9.5). Absent, a written page is free.
   */
  readonly memory: { readonly pages: number; readonly min: number; readonly dirtyLimit?: number; readonly clean?: number };
  /** A number: a mempool of that min_nr that the mempool policies turn on; a PoolSpec: always one. */
  readonly pools?: Readonly<Record<string, number | PoolSpec>>;
  readonly shrinkers?: Readonly<Record<string, ShrinkerSpec>>;
  /** bio_sets by name: mempools that exist under every policy (see BiosetSpec). */
  readonly biosets?: Readonly<Record<string, BiosetSpec>>;
  readonly devices: Readonly<Record<string, DeviceSpec>>;
  readonly actors: readonly ActorSpec[];
  /** Mutexes tasks take and release with `lock()`/`unlock()`, held across any steps between. */
  readonly locks?: readonly string[];
  /**
   * Global dirty throttling (vm.dirty_ratio, vm.dirty_background_ratio), in percent of dirtyable
   * memory: a task that dirties pages over `ratio` waits in balance_dirty_pages; over `background`
   * the flusher writes dirty pages out. Absent: no global limit.
   */
  readonly dirty?: { readonly ratio: number; readonly background: number };
  /** Memory cgroups by name (see CgroupSpec); actors name theirs with `cgroup`. */
  readonly cgroups?: Readonly<Record<string, CgroupSpec>>;
}

export interface ShrinkerInfo {
  readonly index: number;
  readonly name: string;
  readonly objects: number;
  /** The gfp bit (IO or FS) without which the shrinker stops; 0 when it never stops. */
  readonly needs: number;
}

export interface PoolInfo {
  readonly index: number;
  readonly name: string;
  readonly minNr: number;
  readonly returnedBy: ReturnedBy;
  /** A mempool whatever the policy (declared with a PoolSpec, or a bio_set). */
  readonly always: boolean;
  /** For a bio_set: the device its issued bios complete on. */
  readonly device?: number;
}

/** `group`: the memory cgroup the device's page cache is charged to (that of the tasks that dirty it). */
export type DeviceInfo = DeviceSpec & { readonly index: number; readonly name: string; readonly daemonIndex?: number; readonly group?: number };

/** A memory cgroup, compiled: its index, name and limit in pages. */
export interface GroupInfo {
  readonly index: number;
  readonly name: string;
  readonly limit: number;
}

export interface ActorInfo {
  readonly index: number;
  readonly name: string;
  readonly kind: ActorKind;
  readonly context: number;
  readonly flags: number;
  readonly program: readonly Instr[];
  readonly serves?: number;
  readonly inheritNoio: boolean;
  /** PF_KTHREAD: kswapd and kernel daemons such as kmirrord; not userspace servers. */
  readonly kthread: boolean;
  /** For a workqueue's rescuer: the workqueue whose items it runs. */
  readonly rescues?: number;
  readonly fairness: Fairness;
  /** The device an implicit actor (receiver, irq, server) handles. */
  readonly device?: number;
  /** Requests it keeps in flight (1: it waits for the disk after each one). */
  readonly inflight: number;
  readonly throttle: DirtyThrottle;
  /** The memory cgroup its pages are charged to (an index into World.groups). */
  readonly group?: number;
}

/** A scenario compiled under one policy: everything the interpreter needs, resolved once. */
export interface World {
  readonly kernel: Kernel;
  readonly pages: number;
  readonly watermarks: Watermarks;
  readonly dirtyLimit: number;
  readonly dirty?: WorldSpec['dirty'];
  readonly pools: readonly PoolInfo[];
  /** Whether written pages stay in the page cache, clean (the world declares `memory.clean`). */
  readonly pageCache: boolean;
  readonly shrinkers: readonly ShrinkerInfo[];
  readonly devices: readonly DeviceInfo[];
  readonly actors: readonly ActorInfo[];
  /** Memory cgroups (memcg.ts); empty when the world declares none. */
  readonly groups: readonly GroupInfo[];
  readonly layout: Layout;
  readonly hooks: Hooks;
  /** The mechanisms acting at each stage of the allocation path, composed. */
  readonly stages: Stages;
  /** Devices and mempools by name: steps name them, and look them up on every state. */
  readonly deviceNamed: ReadonlyMap<string, DeviceInfo>;
  readonly poolNamed: ReadonlyMap<string, PoolInfo>;
  /** Mutexes by name: the index of each one's owner byte (see Layout.lock). */
  readonly lockNamed: ReadonlyMap<string, number>;
}
