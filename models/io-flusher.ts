// io-flusher (PR_SET_IO_FLUSHER, Linux 5.6, "prctl: PR_{G,S}ET_IO_FLUSHER to support controlling
// memory reclaim"). A userspace daemon in the I/O path (an NBD client, tcmu-runner for iSCSI, a
// FUSE server) serves writeout of a block device nbd0: each request needs a page for the socket.
// In GFP_KERNEL its direct reclaim may meet a dirty nbd0 page on the LRU and write it out, which
// queues a request to itself: it waits for itself. The prctl sets PF_MEMALLOC_NOIO on the daemon:
// its reclaim starts no I/O and frees only what needs none, clean page cache (which completed
// writeout leaves behind). It grants no reserve: if the only reclaimable memory is dirty nbd0
// pages the daemon still stalls, and the dirty limit (balance_dirty_pages) is what keeps some
// memory clean. So: dirty-limit alone deadlocks, io-flusher alone deadlocks, both together hold.
import { alloc, daemon, daemonDevice, dirtier, kswapd, scenario } from '../src/language.js';
import { choice, param } from '../src/core/params.js';

export default scenario({
  name: 'io-flusher',
  summary: 'a userspace block daemon reclaims through its own device unless PR_SET_IO_FLUSHER makes it NOIO',
  description:
    'A userspace NBD daemon serves writeout of nbd0 and allocates a page per request. In GFP_KERNEL its ' +
    'direct reclaim may write out a dirty nbd0 page: a request to itself. PR_SET_IO_FLUSHER (io-flusher) makes ' +
    'it NOIO, so it frees clean page cache instead; the dirty limit keeps clean pages in existence.',
  params: {
    pages: param(8, [6, 10], 'pages in the zone'),
    min: param(2, [1, 3], 'min watermark M'),
    clean: param(1, [0, 3], 'clean, unmapped page-cache pages at the start (written pages stay cached, clean)'),
    dirtiers: param(2, [1, 3], 'tasks dirtying pages on nbd0'),
    dirty_limit: param(2, [1, 4], 'pages of nbd0 that may be dirty or under writeout at once (the dirty-limit policy)', { monotone: 'safer-down' }),
    kernel: choice('modern', ['2.6', 'modern'], 'kernel era: 2.6.9 or modern watermarks'),
  },
  world: (p) => ({
    kernel: p.str('kernel') === 'modern' ? 'modern' : '2.6',
    memory: { pages: p.num('pages'), min: p.num('min'), clean: p.num('clean'), dirtyLimit: p.num('dirty_limit') },
    devices: { nbd0: daemonDevice({ daemon: 'nbd-client', queue: 1 }) },
    actors: [
      dirtier('nbd0', { count: p.num('dirtiers') }),
      kswapd(),
      daemon('nbd-client', { serves: 'nbd0' }, [alloc({ what: 'a page for the socket buffer' })]),
    ],
  }),
});
