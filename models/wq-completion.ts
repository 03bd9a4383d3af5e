// wq-completion (concurrency-managed workqueues and WQ_MEM_RECLAIM, Linux 2.6.36). Writeback of
// a filesystem on xfs completes in process context: the bio's end_io queues a work item (as
// XFS queues unwritten-extent conversion and ioend completion), and a page stays under writeback
// until that item runs. Items run on kworkers of a shared pool. When no worker is idle, the
// pool's manager creates one (create_worker), allocating its task and stack in GFP_KERNEL; with
// memory at the watermark that allocation enters direct reclaim, which writes out a dirty xfs
// page, whose completion is one more item waiting for the worker being created. A workqueue
// allocated with WQ_MEM_RECLAIM has a rescuer thread from the start; on mayday it runs the
// pending items itself without allocating, and the writeback completes.
import { dirtier, kswapd, daemonDevice, scenario, workqueue } from '../src/language.js';
import { param } from '../src/core/params.js';

export default scenario({
  name: 'wq-completion',
  summary: "writeback completions run on a workqueue whose new worker must first allocate in GFP_KERNEL",
  description:
    "A page's writeback on xfs completes only when a work item runs on a kworker. With no idle kworker the pool " +
    'creates one, allocating in GFP_KERNEL; its direct reclaim writes out an xfs page, whose completion is another ' +
    "item for the worker being created. wq-rescuer (WQ_MEM_RECLAIM) runs the items on the workqueue's rescuer thread.",
  params: {
    pages: param(6, [4, 9], 'pages in the zone'),
    min: param(2, [1, 4], 'min watermark M'),
    dirtiers: param(2, [1, 3], 'tasks dirtying pages on xfs'),
    queue: param(2, [1, 3], 'work items the workqueue holds at once'),
  },
  world: (p) => ({
    kernel: 'modern',
    memory: { pages: p.num('pages'), min: p.num('min') },
    devices: { xfs: daemonDevice({ daemon: 'kworker', queue: p.num('queue') }) },
    actors: [dirtier('xfs', { count: p.num('dirtiers') }), kswapd(), workqueue('kworker', { serves: 'xfs' }, [])],
  }),
});
