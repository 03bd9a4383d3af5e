// swap-over-nfs (Mel Gorman, Linux 3.6: "mm: throttle direct reclaimers if PF_MEMALLOC reserves
// are low and swap is backed by network storage", 5515061d22f0; mm/vmscan.c
// throttle_direct_reclaim, pfmemalloc_watermark_ok, allow_direct_reclaim since 4.12). Tasks fault
// in anonymous memory until free pages reach the min watermark; their direct reclaim swaps pages
// out to a swap file on NFS. Each write sends the page over a SOCK_MEMALLOC socket, with a send
// buffer taken as PF_MEMALLOC, down to the bottom of the reserve, and does not wait for the ACK
// (pageout starts writeback and goes on): the task retries its allocation, fails, and re-enters
// direct reclaim for the next page. The ACKs come in through the softirq, which under
// network-reserve may take its skb from the reserve too (__GFP_MEMALLOC for a SOCK_MEMALLOC
// socket) but needs one page there. "If swap is backed by network storage such as NBD, there
// is a risk that a large number of reclaimers can hang the system by consuming all PF_MEMALLOC
// reserves": once the reclaimers' send buffers have taken the last free page, no ACK is
// received, no write completes and nothing is ever freed. The fix throttles a task at the
// entry to direct reclaim while free pages are at or below half the min watermark, until
// kswapd raises them above it (`reclaim-throttle`), leaving the rest to kswapd and the receiver.
// kswapd (a kernel thread, not throttled) writes one page at a time and waits for it.
import { dirtier, dirtyPage, kswapd, networkDevice, scenario } from '../src/language.js';
import { choice, param } from '../src/core/params.js';

export default scenario({
  name: 'swap-over-nfs',
  summary: 'direct reclaimers swapping to NFS drain the reserve with send buffers before the ACKs get in',
  description:
    'Tasks fill memory with anonymous pages; their direct reclaim swaps pages out to NFS without waiting for ' +
    "the writes, each send buffer taken as PF_MEMALLOC from the reserve, entering direct reclaim again for the " +
    'next page. The receiver needs a page of the reserve for each ACK (network-reserve). Unthrottled, the ' +
    'reclaimers take the last page and no ACK is received; throttle_direct_reclaim stops them at half the min watermark.',
  params: {
    pages: param(8, [4, 14], 'pages in the zone'),
    min: param(4, [1, 8], 'min watermark M: the reserve below it; reclaimers are throttled at or below M/2'),
    tasks: param(1, [1, 3], 'tasks faulting in anonymous memory, each a direct reclaimer once free pages reach M'),
    kernel: choice('modern', ['2.6', 'modern'], 'kernel era: the throttle as added in 3.6 (2.6-era watermarks) or as allow_direct_reclaim (4.12), which lets reclaim through once kswapd has nothing left to reclaim'),
    reclaim_waits: choice('no', ['yes', 'no'], 'a task in direct reclaim waits for each swap write (yes) or, as pageout does, sends it and goes back to its allocation (no)', { assumption: true }),
    retransmit: choice('no', ['yes', 'no'], 'the server resends a dropped ACK', { assumption: true }),
  },
  world: (p) => ({
    kernel: p.str('kernel') === 'modern' ? 'modern' : '2.6',
    memory: { pages: p.num('pages'), min: p.num('min') },
    devices: { swap: networkDevice({ retransmit: p.yes('retransmit'), asyncReclaim: !p.yes('reclaim_waits'), swap: true }) },
    actors: [dirtier('swap', { name: 'task', count: p.num('tasks') }), kswapd()],
  }),
});
