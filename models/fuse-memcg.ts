// fuse-memcg (memory cgroups v1 and FUSE writeback: mm/memcontrol.c try_charge; mm/vmscan.c
// shrink_page_list, whose legacy-memcg branch waits on writeback since "memcg: prevent OOM with
// too many dirty pages", e62e384e9da8, Linux 3.6; fs/fuse/file.c). A writer and the FUSE server
// are charged to the same v1 group, fuse. The writer dirties pages of a FUSE mapping; the
// flusher writes them back by queueing them to the server, which must charge a page to the group
// to serve each one. At the group's limit the server's charge reclaims in the group; it meets a
// page under writeback and, in cgroup v1, waits for that writeback to end: writeback only the
// server itself can end. From 2.6.26 (3be5a52b30aa) FUSE copied each page to a temporary page
// and ended writeback on the page-cache page at once (fuse-tmp-page); 6.16 removed the copy
// (0c58a97f919c) and marks FUSE mappings so that reclaim does not wait on their writeback
// (AS_WRITEBACK_MAY_DEADLOCK_ON_RECLAIM, 0c4f8ed498ce: writeback-may-deadlock). Either is enough
// only while dirty throttling leaves the group something else to reclaim.
import { alloc, daemon, daemonDevice, dirtier, flusher, scenario } from '../src/language.js';
import { param } from '../src/core/params.js';

export default scenario({
  name: 'fuse-memcg',
  summary: 'a FUSE server charged to the writer\'s v1 memory cgroup waits in reclaim on writeback only it can end',
  description:
    'A writer and the FUSE server are charged to one cgroup v1 memory group. The flusher queues the writer\'s dirty ' +
    'FUSE pages to the server, which charges a page to the group to serve each; at the group\'s limit its reclaim ' +
    'waits on a FUSE page under writeback, which only the server can end. The temporary page of 2.6.26 and the ' +
    'mapping flag of 6.16 each keep reclaim from waiting on it.',
  params: {
    pages: param(12, [8, 20], 'pages in the zone'),
    min: param(1, [1, 4], 'min watermark M'),
    limit: param(4, [2, 8], 'the memory cgroup\'s limit, in pages', { monotone: 'safer-up' }),
    buffers: param(1, [1, 2], 'pages the server charges per request', { monotone: 'safer-down' }),
    dirty_ratio: param(20, [10, 100], 'vm.dirty_ratio: percent of dirtyable memory that may be dirty or under writeback', { monotone: 'safer-down' }),
    background_ratio: param(10, [0, 100], 'vm.dirty_background_ratio: percent over which the flusher writes dirty pages'),
    queue: param(1, [1, 3], "capacity of the server's request queue"),
  },
  world: (p) => ({
    kernel: 'modern',
    memory: { pages: p.num('pages'), min: p.num('min'), clean: 0 },
    dirty: { ratio: p.num('dirty_ratio'), background: p.num('background_ratio') },
    cgroups: { fuse: { limit: p.num('limit') } },
    devices: { fuse: daemonDevice({ daemon: 'fuse-server', queue: p.num('queue') }) },
    actors: [
      dirtier('fuse', { name: 'writer', cgroup: 'fuse' }),
      flusher('fuse'),
      daemon('fuse-server', { serves: 'fuse', cgroup: 'fuse' }, [{ step: alloc({ what: 'a page to copy the request into' }), repeat: p.num('buffers') }]),
    ],
  }),
});
