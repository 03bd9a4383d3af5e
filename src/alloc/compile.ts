/**
 * Compiles a declared world under a policy into the engine's Model: actors expanded by count,
 * the devices' own actors added, the state layout fixed, the policies' hooks composed.
 */
import { CheckError } from '../core/errors.js';
import type { Fairness, Model } from '../core/model.js';
import type { ParamValues } from '../core/params.js';
import { FS, GFP_ATOMIC, GFP_KERNEL, IO, watermarks } from './context.js';
import { describeState, type StateView } from './describe.js';
import { Exec, type AllocAction } from './exec.js';
import { diskInterrupt } from './disk-irq.js';
import { receiver, retransmitter } from './handlers.js';
import { makeLayout } from './layout.js';
import { cgroupsOf, chargeDevices } from './memcg-world.js';
import { atRest, initialState, successorsOf } from './machine.js';
import { composeHooks, composeStages, type Policy } from './policy.js';
import { registeredProperties } from './property-registry.js';
import { resolvePolicies } from './policies/index.js';
import { ByteSlab } from './slab.js';
import { AllocState } from './state.js';
import { canonicalizer, symmetryGroups } from './symmetry.js';
import { validateWorld } from './validate/index.js';
import type { ActorInfo, ActorKind, ActorSpec, DeviceInfo, PoolInfo, World, WorldSpec } from './world.js';

/** A scenario built for one parameter setting and policy: what `check` explores. */
export interface AllocModel extends Model<AllocState, AllocAction> {
  readonly params: ParamValues;
  readonly policy: string;
  /** The assumption parameters and their values, for stories and legends. */
  readonly assumptions: Readonly<Record<string, string | number>>;
  /** Groups of interchangeable actor names, each checked to be interchangeable (see symmetry.ts). */
  readonly symmetry: readonly (readonly string[])[];
  readonly world: World;
  describe(state: AllocState): StateView;
}

export interface CompileOptions {
  readonly name: string;
  readonly params: ParamValues;
  readonly policy: string;
  readonly assumptions: Readonly<Record<string, string | number>>;
  /** Fairness by actor name or kind, overriding the defaults. */
  readonly fairness?: Readonly<Record<string, Fairness>>;
  /** Policies beyond the catalogue (a user's own, before it is listed). */
  readonly extraPolicies?: readonly Policy[];
}

/**
 * Tasks are strongly fair: a task woken infinitely often (a queue slot or a page freed) runs
 * eventually, as wait queues and a fair scheduler give; weak fairness would let one task take a
 * queue slot from another forever, a scheduling artefact rather than the protocol's fault.
 * Devices are weakly fair per owner they serve (see Exec.serving); other traffic is adversarial.
 */
const defaultFairness: Record<ActorKind, Fairness> = {
  dirtier: 'strong', kswapd: 'strong', flusher: 'strong', daemon: 'strong', task: 'strong', receiver: 'weak', irq: 'weak', server: 'weak', traffic: 'none', rescuer: 'strong',
};

function implicitActors(spec: WorldSpec): ActorSpec[] {
  const out: ActorSpec[] = [];
  const nets = Object.values(spec.devices).filter((d) => d.kind === 'network').length;
  Object.entries(spec.devices).forEach(([name, d], i) => {
    const one = (kind: ActorKind, actor: string, step: ActorSpec['program'][number]['step'], context = GFP_ATOMIC): void => {
      out.push({ kind, name: actor, count: 1, symmetric: false, context, flags: 0, program: [{ step, repeat: 1 }], device: i });
    };
    if (d.kind === 'disk') one('irq', `${name}-irq`, diskInterrupt(i));
    if (d.kind === 'network') {
      one('receiver', nets === 1 ? 'softirq' : `softirq-${name}`, receiver(i));
      if (d.retransmit) one('server', `${name}-server`, retransmitter(i), GFP_KERNEL);
    }
  });
  return out;
}

function expand(specs: readonly ActorSpec[], fairness: Readonly<Record<string, Fairness>>, cgroups: readonly string[]): { actors: ActorInfo[]; groups: string[][] } {
  const actors: ActorInfo[] = [];
  const groups: string[][] = [];
  for (const s of specs) {
    const names = s.count === 1 ? [s.name] : Array.from({ length: s.count }, (_, i) => `${s.name}${i + 1}`);
    if (s.symmetric && names.length > 1) groups.push(names);
    for (const name of names) {
      if (actors.some((a) => a.name === name)) throw new CheckError('bad-option', `two actors are named '${name}'`);
      const f = fairness[name] ?? fairness[s.kind] ?? s.fairness ?? defaultFairness[s.kind];
      const device = s.device;
      const group = s.cgroup === undefined ? -1 : cgroups.indexOf(s.cgroup);
      actors.push({
        index: actors.length, name, kind: s.kind, context: s.context, flags: s.flags, program: s.program,
        inheritNoio: s.inheritNoio ?? true, kthread: s.kthread ?? false, fairness: f, inflight: s.inflight ?? 1, throttle: s.throttle ?? 'normal',
        ...(device === undefined ? {} : { device }),
        ...(group < 0 ? {} : { group }),
      });
    }
  }
  return { actors, groups };
}

function linkDaemons(spec: WorldSpec, all: readonly ActorSpec[], actors: ActorInfo[]): DeviceInfo[] {
  const byName = (n: string): number => {
    const a = actors.find((x) => x.name === n);
    if (!a) throw new CheckError('bad-option', `no actor named '${n}'; actors: ${actors.map((x) => x.name).join(', ')}`);
    return a.index;
  };
  const devices = Object.entries(spec.devices).map(([name, d], index): DeviceInfo => (d.kind === 'daemon' ? { ...d, name, index, daemonIndex: byName(d.daemon) } : { ...d, name, index }));
  for (const s of all) {
    const info = actors.find((a) => a.name === s.name || a.name === `${s.name}1`);
    if (!info) continue;
    const mut = info as { serves?: number; rescues?: number };
    if (s.serves !== undefined) {
      const d = devices.find((x) => x.name === s.serves && x.kind === 'daemon');
      if (!d) throw new CheckError('bad-option', `${s.name} serves '${s.serves}', which is not a daemon device`);
      mut.serves = d.index;
    }
    if (s.rescues !== undefined) mut.rescues = byName(s.rescues);
  }
  return devices;
}

/** The mempools, then the bio_sets (mempools that know the device their bios complete on). */
function poolsOf(spec: WorldSpec, devices: readonly DeviceInfo[]): PoolInfo[] {
  const pools: PoolInfo[] = Object.entries(spec.pools ?? {}).map(([name, p], index) =>
    typeof p === 'number' ? { index, name, minNr: p, returnedBy: 'irq', always: false } : { index, name, minNr: p.minNr, returnedBy: p.returnedBy, always: true },
  );
  for (const [name, bs] of Object.entries(spec.biosets ?? {})) {
    const dev = devices.find((d) => d.name === bs.device);
    if (!dev) throw new CheckError('bad-option', `bio_set ${name}: no device '${bs.device}'; devices: ${devices.map((d) => d.name).join(', ')}`);
    pools.push({ index: pools.length, name, minNr: bs.minNr, device: dev.index, returnedBy: 'irq', always: true });
  }
  return pools;
}

/** Every mutex a step takes is declared in the world's locks. */
function checkLocks(spec: WorldSpec, all: readonly ActorSpec[]): void {
  const declared = new Set(spec.locks ?? []);
  for (const a of all) {
    const missing = a.program.find((i) => i.step.lock !== undefined && !declared.has(i.step.lock));
    if (missing) throw new CheckError('bad-option', `actor ${a.name} takes mutex '${missing.step.lock}', which the world does not declare; locks: ${[...declared].join(', ') || '(none)'}`);
  }
}

/** The driver's own mempools (a PoolSpec) are mempools under every policy. */
function driverPools(pools: readonly PoolInfo[]): Policy {
  const always = new Set(pools.filter((p) => p.always && p.device === undefined).map((p) => p.name));
  return { name: 'driver-pools', summary: '', notApplicable: () => undefined, hooks: always.size ? { usePool: (site) => site.pool !== undefined && always.has(site.pool) } : {} };
}

/**
 * Builds the model for one world, policy and parameter setting. The world is validated first,
 * and again with the actors its policies add: nothing malformed reaches the search.
 */
export function compile(spec: WorldSpec, o: CompileOptions): AllocModel {
  const properties = registeredProperties();
  validateWorld(o.name, spec);
  const policies = resolvePolicies(o.policy, spec, o.name, o.extraPolicies);
  const added = policies.flatMap((p) => p.addActors?.(spec) ?? []);
  const declared = [...spec.actors, ...added];
  if (added.length > 0) validateWorld(o.name, { ...spec, actors: declared });
  const all = [...declared, ...implicitActors(spec)];
  const cgroups = cgroupsOf(spec);
  const { actors, groups } = expand(all, o.fairness ?? {}, cgroups.map((g) => g.name));
  const devices = chargeDevices(linkDaemons(spec, all, actors), actors);
  checkLocks(spec, all);
  const pools = poolsOf(spec, devices);
  const { pages, min } = spec.memory;
  const shrinkers = Object.entries(spec.shrinkers ?? {}).map(([name, sh], index) => ({ index, name, objects: sh.objects, needs: sh.stopsWithout === undefined ? 0 : sh.stopsWithout === 'IO' ? IO : FS }));
  const pageCache = spec.memory.clean !== undefined;
  const biosets = pools.filter((p) => p.device !== undefined).map((p) => p.index);
  const bioActors = actors.filter((a) => a.program.some((i) => i.step.kind === 'bio-alloc')).map((a) => a.index);
  const layout = makeLayout(devices.length, devices.map((d) => (d.kind === 'daemon' ? d.queue : undefined)), pools.length, actors.length, {
    pageCache, shrinkers: shrinkers.length, biosets, bioActors,
    daemonPools: pools.filter((p) => p.returnedBy === 'daemon').map((p) => p.index),
    inflight: actors.map((a) => a.inflight),
    locks: spec.locks?.length ?? 0,
    asyncNets: devices.filter((d) => d.kind === 'network' && d.asyncReclaim === true).map((d) => d.index),
    groups: cgroups.length,
  });
  const world: World = {
    kernel: spec.kernel, pages, watermarks: watermarks(min, spec.kernel), pools, pageCache, shrinkers, devices, actors, groups: cgroups, layout,
    dirtyLimit: spec.memory.dirtyLimit ?? Math.max(1, Math.floor((pages - min) / 2)),
    ...(spec.dirty ? { dirty: spec.dirty } : {}),
    hooks: composeHooks([...policies, driverPools(pools)]),
    stages: composeStages(policies),
    deviceNamed: new Map(devices.map((d) => [d.name, d])),
    poolNamed: new Map(pools.map((p) => [p.name, p])),
    lockNamed: new Map((spec.locks ?? []).map((l, i) => [l, i])),
  };
  const poolsOn = policies.some((p) => p.hooks.usePool !== undefined);
  const init = initialState(world, poolsOn, spec.memory.clean ?? 0);
  const slab = new ByteSlab();
  const exec = new Exec(world, slab);
  const statesOnly = new Exec(world, slab, true);
  const noActions = (): void => {};
  const successors = successorsOf(world, exec);
  const successorStates = successorsOf(world, statesOnly);
  let peeked = init;
  const fairness = new Map(actors.map((a) => [a.name, a.fairness]));
  // A bio_list lies outside the register block the canonical form permutes: no reduction there.
  const reducible = groups.filter((g) => g.every((n) => layout.bioList(actors.find((a) => a.name === n)!.index) < 0));
  const symmetric = symmetryGroups(world, reducible);
  const canon = symmetric.length > 0 ? canonicalizer(world, symmetric) : undefined;
  return {
    name: o.name, params: o.params, policy: o.policy, assumptions: o.assumptions, symmetry: reducible, world,
    initialStates: () => [init],
    successors,
    successorStates: (s, emit) => {
      statesOnly.stateSink = emit;
      successorStates(s, noActions);
    },
    encode: (s) => s.bytes,
    decode: (b) => new AllocState(world, slab.copy(b)),
    // The search peeks at every state it expands through one reused buffer: one state object for it.
    peek: (b) => (b === peeked.bytes ? peeked : (peeked = new AllocState(world, b))),
    isRest: (s) => actors.every((a) => atRest(exec, s, a)),
    properties,
    fairness: (actor) => fairness.get(actor) ?? 'none',
    actors: actors.map((a) => a.name),
    describe: (s) => describeState(world, s),
    ...(canon ? { canonical: (s: AllocState) => canon(s.bytes) } : {}),
  };
}
