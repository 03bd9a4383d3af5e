// fuse-writeback (Szeredi, LKML, November 2004). Tasks dirty pages of a shared mapping on a FUSE
// mount. Writing them out means queueing a request to the filesystem's server, a userspace
// process: a separate task that does not inherit the PF_MEMALLOC state of the kswapd or direct
// reclaimer that queued the request, and allocates at the normal floor. With memory at the min
// watermark it cannot get a page; its own direct reclaim writes out a dirty FUSE page, which
// queues a request to itself. Szeredi proposed to account (limit) writable FUSE pages
// (dirty-limit); Phillips answered that the server must inherit PF_MEMALLOC.
import { alloc, daemon, daemonDevice, dirtier, kswapd, scenario } from '../src/language.js';
import { param } from '../src/core/params.js';

export default scenario({
  name: 'fuse-writeback',
  summary: 'a userspace FUSE server allocates at the normal floor to serve writeout',
  description:
    'Dirty pages of a FUSE mount are written by a userspace server. It does not inherit PF_MEMALLOC from the ' +
    'reclaimer that queued the request and allocates at the normal floor; its own direct reclaim writes out a ' +
    'FUSE page, which queues a request to itself.',
  params: {
    pages: param(6, [4, 10], 'pages in the zone'),
    min: param(2, [1, 5], 'min watermark M', { monotone: 'safer-up' }),
    dirtiers: param(2, [1, 3], 'tasks dirtying pages on the FUSE mount'),
    buffers: param(1, [1, 2], 'pages the server allocates per request', { monotone: 'safer-down' }),
    queue: param(1, [1, 3], "capacity of the server's request queue"),
    dirty_limit: param(2, [1, 6], 'pages of the mount that may be dirty or under writeout at once (the dirty-limit policy)', { monotone: 'safer-down' }),
  },
  world: (p) => ({
    kernel: '2.6',
    memory: { pages: p.num('pages'), min: p.num('min'), dirtyLimit: p.num('dirty_limit') },
    devices: { fuse: daemonDevice({ daemon: 'fuse-server', queue: p.num('queue') }) },
    actors: [
      dirtier('fuse', { count: p.num('dirtiers') }),
      kswapd(),
      daemon('fuse-server', { serves: 'fuse' }, [{ step: alloc({ what: 'a page to copy the request into' }), repeat: p.num('buffers') }]),
    ],
  }),
});
