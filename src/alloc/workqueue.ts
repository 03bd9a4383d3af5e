/**
 * Workqueues and their worker pools (kernel/workqueue.c). Work items wait in the workqueue
 * until a worker runs them. When no worker of the pool is idle and items are pending, the
 * pool's manager creates one (maybe_create_worker -> create_worker): kthread_create allocates
 * the worker's task and stack in GFP_KERNEL, which may enter reclaim. Modelled as a worker that
 * first allocates itself (one page, held until the item is done) and then runs the item; the
 * wq-rescuer policy gives a WQ_MEM_RECLAIM workqueue the rescuer that needs no such allocation.
 */
import type { DaemonOptions } from './actors.js';
import { daemon } from './actors.js';
import { allocate } from './allocate.js';
import { GFP_KERNEL } from './context.js';
import type { ActorSpec, Instr, Step } from './world.js';

/** The manager's create_worker: one GFP_KERNEL page, only while items are pending. */
export function createWorker(): Step {
  return {
    kind: 'create-worker',
    rest: (x) => x.s[x.world.layout.queue(x.me.serves!)] === 0,
    doing: () => 'creating a worker for pending work items',
    run(x) {
      if (x.s[x.world.layout.queue(x.me.serves!)] === 0) return;
      allocate(x, { purpose: 'page', mask: GFP_KERNEL, what: 'a page for a new kworker (create_worker, GFP_KERNEL)', then: x.goOn });
    },
  };
}

/**
 * A workqueue whose items are the requests queued to device `serves`: the pool creates a
 * worker for pending items (a GFP_KERNEL allocation) and the worker runs `body`, then completes
 * the item. `workqueue('xfs-conv', { serves: 'xfs' }, [])`.
 */
export function workqueue(name: string, o: DaemonOptions, body: readonly (Step | Instr)[]): ActorSpec {
  const spec = daemon(name, { ...o, kthread: true }, body);
  return { ...spec, workqueue: true, program: [{ step: createWorker(), repeat: 1 }, ...spec.program] };
}
