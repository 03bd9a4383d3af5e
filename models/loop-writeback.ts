// loop-writeback (NeilBrown, "mm/writeback: replace PF_LESS_THROTTLE with PF_LOCAL_THROTTLE",
// Linux 5.8, commit a37b0715ddf3; mm/page-writeback.c balance_dirty_pages). Tasks dirty pages of
// a filesystem on a loop device, loop0. Writing a loop0 page out means queueing it to the loop
// worker, which writes it into the backing file: it dirties a page of the backing file's page
// cache on the backing disk, and that is subject to balance_dirty_pages like any other writer.
// When the pages dirty or under writeback (most of them loop0's) have reached the dirty
// threshold, the worker is throttled until writeback brings the count down; but the loop0 pages
// can only be cleaned by the worker itself. PF_LESS_THROTTLE (the worker's thresholds a quarter
// higher) gives it a little room: helpful, not a guarantee. PF_LOCAL_THROTTLE throttles it only
// when its own device, the backing disk, is over its share too.
import { complete, daemon, daemonDevice, dirtier, dirtyPage, flusher, localDisk, scenario, type DirtyThrottle } from '../src/language.js';
import { choice, param } from '../src/core/params.js';

export default scenario({
  name: 'loop-writeback',
  summary: 'the loop worker is throttled on the dirty pages of the loop device it alone cleans',
  description:
    'Tasks dirty pages on a loop device; its worker writes each request into the backing file, dirtying a page ' +
    'on the backing disk, and balance_dirty_pages throttles it while the global dirty count, made of loop pages ' +
    'only it can clean, is over the threshold. PF_LESS_THROTTLE raises its thresholds by a quarter; ' +
    "PF_LOCAL_THROTTLE (5.8) throttles it on its own device's dirty pages only.",
  params: {
    pages: param(10, [6, 16], 'pages in the zone'),
    min: param(1, [1, 4], 'min watermark M'),
    dirtiers: param(1, [1, 3], 'tasks dirtying pages on loop0'),
    dirty_ratio: param(50, [10, 100], 'vm.dirty_ratio: percent of dirtyable memory that may be dirty or under writeback', { monotone: 'safer-up' }),
    background_ratio: param(25, [0, 100], 'vm.dirty_background_ratio: percent over which the flusher writes dirty pages'),
    queue: param(1, [1, 3], "capacity of the loop worker's queue"),
    throttle: choice('normal', ['normal', 'less', 'local'], "the loop worker's flag in balance_dirty_pages: none, PF_LESS_THROTTLE or PF_LOCAL_THROTTLE"),
  },
  world: (p) => ({
    kernel: 'modern',
    memory: { pages: p.num('pages'), min: p.num('min') },
    dirty: { ratio: p.num('dirty_ratio'), background: p.num('background_ratio') },
    devices: { loop0: daemonDevice({ daemon: 'loop0-worker', queue: p.num('queue') }), backing: localDisk() },
    actors: [
      dirtier('loop0', { count: p.num('dirtiers') }),
      flusher('loop0'),
      flusher('backing'),
      daemon('loop0-worker', { serves: 'loop0', context: 'GFP_NOIO', throttle: p.str('throttle') as DirtyThrottle }, [dirtyPage('backing'), complete()]),
    ],
  }),
});
