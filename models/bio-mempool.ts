// bio-mempool: the case the seed says mempools do work. Tasks dirty pages of a file on a local
// disk; when memory runs low, kswapd and the tasks themselves (in direct reclaim, as
// PF_MEMALLOC) write pages out. Each writeout allocates exactly one bio and submits it to the
// disk; the disk interrupt completes the write without needing memory and gives the bio back to
// the pool (mempool_free). Nothing in the writeout path is an asynchronous memory user: every
// element handed out comes back in bounded time, independent of whoever waits for it.
import { dirtier, kswapd, localDisk, scenario } from '../src/language.js';
import { choice, param } from '../src/core/params.js';

export default scenario({
  name: 'bio-mempool',
  summary: 'one bio from a mempool per writeout to a local disk: the case where mempools work',
  description:
    'Tasks dirty pages on a local disk. Writeout (by kswapd, or by a task in direct reclaim) takes one bio ' +
    'from a mempool and submits it; the disk interrupt completes the write without memory and returns the bio ' +
    'to the pool. Every element comes back in bounded time, so the pool guarantees progress.',
  params: {
    pages: param(7, [6, 8], 'pages in the zone'),
    min: param(2, [1, 3], 'min watermark M'),
    pool: param(1, [1, 2], 'bio mempool min_nr', { monotone: 'safer-up' }),
    dirtiers: param(2, [1, 2], 'tasks dirtying pages on the disk'),
    kernel: choice('2.6', ['2.6', 'modern'], 'kernel era: 2.6.9 or modern mempool_alloc and watermarks'),
  },
  world: (p) => ({
    kernel: p.str('kernel') === 'modern' ? 'modern' : '2.6',
    memory: { pages: p.num('pages'), min: p.num('min') },
    pools: { bio: p.num('pool') },
    devices: { disk: localDisk({ pool: 'bio' }) },
    actors: [dirtier('disk', { count: p.num('dirtiers') }), kswapd()],
  }),
});
