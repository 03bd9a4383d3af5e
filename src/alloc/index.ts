/**
 * allocheck's allocation-protocol language: declare memory, mempools, devices and actors in a
 * scenario; choose a policy when building; check the result with the engine. A model is built
 * with the properties registered in property-registry.ts, which this language does not import:
 * models import src/language.ts (or 'allocheck'), which registers properties/ too.
 *
 * @example
 * import dm from '../models/dm-raid1.js';
 * const model = dm.build({}, 'mempool-only');
 * check(model, { properties: ['no-deadlock'] }).verdict; // 'violated'
 */
export { scenario, type Args, type BuildOptions, type Scenario, type ScenarioDef } from './scenario.js';
export type { AllocModel } from './compile.js';
export type { AllocAction } from './exec.js';
export { Exec } from './exec.js';
export type { StateView } from './describe.js';
export { AllocState, type Request } from './state.js';
export { localDisk, networkDevice, daemonDevice } from './devices.js';
export { dirtier, kswapd, flusher, daemon, traffic, task, either, type TaskOptions, type DaemonOptions } from './actors.js';
export { alloc, mempoolAlloc, dirtyPage, writeThrough, reclaim, times, step } from './steps.js';
export { submit, free, complete } from './request-steps.js';
export { mempoolAllocOrKmalloc } from './pool-fallback.js';
export { lock, unlock } from './locks.js';
export { bioAllocBioset, submitBioNoacct, makeRequestReturns } from './bio.js';
export { workqueue, createWorker } from './workqueue.js';
export { atomicFloor, watermarks, contextName, floorOf, onFailure, effective, gfp, kernels, type Kernel, type Watermarks, type OnFailure } from './context.js';
export { WAIT, IO, FS, HIGH, GFP_MEMALLOC, GFP_NOMEMALLOC, PF_MEMALLOC, PF_MEMALLOC_NOIO, GFP_KERNEL, GFP_NOFS, GFP_NOIO, GFP_ATOMIC } from './context.js';
/** The flags a queued request carries, as `Site.request` gives them. */
export { RQ_MEMALLOC, RQ_NOIO } from './layout.js';
export { actorView, type ActorView, type WriteoutStage } from './actor-view.js';
export { definePolicy, isPolicy, type PolicyDef } from './user-policy.js';
export { WorldError, validateWorld, worldChecks, declaredKinds, namespaces, named, type Problem, type WorldCheck } from './validate/index.js';
export { policies, policyList, resolvePolicies, applicablePolicies } from './policies/index.js';
export type { Policy, Hooks, Stages, Site, Purpose } from './policy.js';
export type { Step, Instr, Ref, WorldSpec, ActorSpec, DeviceSpec, World, PoolSpec, ReturnedBy, DirtyThrottle, CgroupSpec, GroupInfo } from './world.js';
export { param, choice } from '../core/params.js';
