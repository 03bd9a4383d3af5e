// dm-raid1 (Phillips, LKML, 3 December 2004). Tasks dirty pages of a file on a device-mapper
// raid1 device (md0). Writeout to md0 is queued to the raid1 daemon, kmirrord, which needs one
// allocation per mirror leg before it submits the legs to the disks; it has a mempool for them.
// The seed's story: non-PF_MEMALLOC tasks grab all available memory; kswapd queues a writeout to
// kmirrord; kmirrord's own allocations are not PF_MEMALLOC, so they fail and eat into the
// mempool; when the pool is (half) empty the next allocation sends kmirrord into direct reclaim
// as PF_MEMALLOC; reclaim writes out a dirty md0 page, which queues a request to kmirrord:
// itself. "Gack, we have a problem."
// The seed's fix is to pass the submitter's PF_MEMALLOC state to the daemon with the request
// (memalloc-inheritance). The assumptions below are where that fix stops being enough: a
// reserve below M too small for the legs in flight, a daemon that also serves requests that are
// not PF_MEMALLOC with I/O-capable reclaim when NOIO is not passed on, and the modern mempool,
// whose __GFP_NOMEMALLOC takes the inherited reserve away again.
// Two more parameters follow drivers/md/dm-raid1.c as it grew: `inflight` lets kmirrord issue a
// request's legs asynchronously (dm_io with a callback) and go on, with up to that many requests
// in flight; `regions` adds dm's region pool (dm-region-hash.c), whose elements only kmirrord
// returns, on its next pass. With two requests in flight and one region, kmirrord sleeps in
// mempool_alloc(GFP_NOIO) on a pool only it refills: Daniel Kobras's deadlock, fixed in 2.6.18
// (c06aad854fdb) by a GFP_ATOMIC try and a kmalloc(GFP_NOIO) fallback (`region_alloc=kmalloc`).
import { alloc, daemon, dirtier, mempoolAllocOrKmalloc, type Step, dirtyPage, either, kswapd, localDisk, daemonDevice, mempoolAlloc, complete, scenario, submit, times, writeThrough } from '../src/language.js';
import { choice, param } from '../src/core/params.js';

const yesNo = ['yes', 'no'];

/** dm_rh_get_state for a write: a region from the region pool (__rh_alloc), before or after 2.6.18. */
function regionAlloc(how: string): Step {
  const what = 'a region for its request';
  return how === 'kmalloc' ? mempoolAllocOrKmalloc('region', what) : { ...alloc({ pool: 'region', what, context: 'GFP_NOIO' }), kind: 'mempool-alloc' };
}

export default scenario({
  name: 'dm-raid1',
  summary: "device-mapper raid1: kmirrord's mempool is drained and its direct reclaim queues writeout to itself",
  description:
    'Writeout to a dm raid1 device is queued to its daemon, kmirrord, which needs one allocation per mirror ' +
    'leg and has a mempool. Its allocations are not PF_MEMALLOC, so they drain the pool; then it enters direct ' +
    'reclaim, whose writeout goes through md0: to its own queue. Passing PF_MEMALLOC with the request fixes it, ' +
    'within the limits the assumption parameters name.',
  params: {
    pages: param(7, [4, 16], 'pages in the zone'),
    min: param(2, [1, 6], 'min watermark M: the reserve below it belongs to reclaim', { monotone: 'safer-up' }),
    legs: param(2, [1, 3], 'mirror legs: allocations per request', { monotone: 'safer-down' }),
    pool: param(1, [0, 4], 'raid1 mempool min_nr', { monotone: 'safer-up' }),
    dirtiers: param(2, [1, 6], 'tasks dirtying pages on md0'),
    queue: param(1, [1, 3], "capacity of kmirrord's request queue"),
    kernel: choice('2.6', ['2.6', 'modern'], 'kernel era: 2.6.9 or modern mempool_alloc and watermarks'),
    daemon_reclaim_io: choice('yes', yesNo, "kmirrord allocates with GFP_KERNEL-like rights, so its direct reclaim may start I/O (else GFP_NOIO)", { assumption: true }),
    background: choice('no', yesNo, 'dirtiers also write through md0 themselves: requests that are not PF_MEMALLOC', { assumption: true }),
    inherit_noio: choice('yes', yesNo, 'memalloc-inheritance passes NOIO along with PF_MEMALLOC', { assumption: true }),
    inflight: param(1, [1, 3], 'requests whose leg writes kmirrord keeps in flight: 1, it waits for the disk after each; more, dm_io is asynchronous and it goes on to the next', { assumption: true }),
    regions: param(0, [0, 2], "min_nr of dm's region pool, whose elements only kmirrord returns (0: regions not modelled)"),
    region_alloc: choice('mempool', ['mempool', 'kmalloc'], "__rh_alloc on an empty region pool: sleep in mempool_alloc(GFP_NOIO) (before 2.6.18) or fall back to kmalloc(GFP_NOIO) (the 2.6.18 fix)"),
  },
  world: (p) => ({
    kernel: p.str('kernel') === 'modern' ? 'modern' : '2.6',
    memory: { pages: p.num('pages'), min: p.num('min') },
    pools: { raid1: p.num('pool'), ...(p.num('regions') > 0 ? { region: { minNr: p.num('regions'), returnedBy: 'daemon' as const } } : {}) },
    devices: { md0: daemonDevice({ daemon: 'kmirrord', queue: p.num('queue') }), disk: localDisk() },
    actors: [
      dirtier('md0', { count: p.num('dirtiers'), steps: p.yes('background') ? [either(dirtyPage('md0'), writeThrough('md0'))] : [dirtyPage('md0')] }),
      kswapd(),
      daemon('kmirrord', { serves: 'md0', kthread: true, context: p.yes('daemon_reclaim_io') ? 'GFP_KERNEL' : 'GFP_NOIO', inheritNoio: p.yes('inherit_noio'), inflight: p.num('inflight') }, [
        ...(p.num('regions') > 0 ? [regionAlloc(p.str('region_alloc'))] : []),
        times(p.num('legs'), mempoolAlloc('raid1')),
        submit('disk', { pool: 'raid1' }),
        complete({ pool: 'raid1' }),
      ]),
    ],
  }),
});
