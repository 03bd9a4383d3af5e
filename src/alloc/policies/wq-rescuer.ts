/**
 * The rescuer of a WQ_MEM_RECLAIM workqueue (kernel/workqueue.c: alloc_workqueue with
 * WQ_MEM_RECLAIM creates it; maybe_create_worker, send_mayday, rescuer_thread). When the pool
 * cannot create a worker within MAYDAY_INITIAL_TIMEOUT while items are pending, it sends mayday
 * to the workqueues with pending items, and their rescuer threads, which exist from the start,
 * run those items themselves, one at a time, without the worker-creation allocation. Timing is
 * the scheduler's, so the rescuer may step in whenever no worker of the pool is ready to take
 * the next item. It guarantees forward progress per workqueue only: an item that itself
 * allocates, or that waits for another item of its workqueue, can still block the rescuer.
 */
import type { Policy } from '../policy.js';
import type { ActorSpec } from '../world.js';

export const wqRescuer: Policy<'wq-rescuer'> = {
  name: 'wq-rescuer',
  summary: 'workqueues are WQ_MEM_RECLAIM: a rescuer thread runs pending items when no worker can be created',
  doesNot: 'does not help an item that itself allocates',
  notApplicable: (spec) => (spec.actors.some((a) => a.workqueue) ? undefined : 'it has no workqueue (a daemon or server is not one)'),
  hooks: {},
  addActors: (spec) =>
    spec.actors
      .filter((a) => a.workqueue)
      .map((a): ActorSpec => ({ ...a, kind: 'rescuer', name: `${a.name}-rescuer`, count: 1, symmetric: false, workqueue: false, rescues: a.name, program: a.program.slice(1) })),
};
