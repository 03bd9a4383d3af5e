// nfs-ack (van Riel, LKML, November 2004). Tasks dirty pages of a shared mapping on an NFS (or
// iSCSI, NBD) mount until free memory reaches the min watermark. kswapd, and tasks in direct
// reclaim, write pages out: each writeout allocates a send buffer as PF_MEMALLOC, down to the
// bottom of the reserve, sends the page and waits for the server's ACK. The ACK is received by
// the softirq at GFP_ATOMIC, whose floor lies above PF_MEMALLOC's: once writeout has taken
// memory below the atomic floor, ACKs cannot be received, so no writeout completes and no page
// is freed. "It is relatively easy to get the system to deadlock, under a heavy shared mmap
// workload." With other traffic, packets for other sockets compete for the same atomic memory.
// Whether the server resends a dropped ACK is an assumption: without it the deadlock is a
// deadlock; with it, a livelock of drops and resends that only writeout-progress can see.
import { dirtier, kswapd, networkDevice, scenario, traffic } from '../src/language.js';
import { choice, param } from '../src/core/params.js';

export default scenario({
  name: 'nfs-ack',
  summary: 'network writeout: ACKs are received at the atomic floor, writeout allocates below it',
  description:
    'Tasks dirty pages on an NFS mount. Writeout allocates send buffers as PF_MEMALLOC (floor 0) and waits for ' +
    "the server's ACK, which the softirq must receive at the GFP_ATOMIC floor. Once writeout has taken memory " +
    'below that floor, no ACK gets in and no page is ever freed. Other traffic competes for the same memory.',
  params: {
    pages: param(7, [4, 12], 'pages in the zone'),
    min: param(4, [1, 8], 'min watermark M (the atomic floor is computed from it)', { monotone: 'safer-up' }),
    dirtiers: param(2, [1, 4], 'tasks dirtying pages on the NFS mount'),
    traffic: param(0, [0, 2], 'readers of other sockets whose packets compete for atomic memory'),
    kernel: choice('2.6', ['2.6', 'modern'], 'kernel era: 2.6.9 or modern watermarks'),
    retransmit: choice('no', ['yes', 'no'], 'the server resends a dropped ACK', { assumption: true }),
  },
  world: (p) => ({
    kernel: p.str('kernel') === 'modern' ? 'modern' : '2.6',
    memory: { pages: p.num('pages'), min: p.num('min') },
    devices: { nfs: networkDevice({ retransmit: p.yes('retransmit') }) },
    actors: [dirtier('nfs', { count: p.num('dirtiers') }), kswapd(), ...(p.num('traffic') > 0 ? [traffic({ count: p.num('traffic') })] : [])],
  }),
});
