import { GFP_MEMALLOC } from '../context.js';
import type { Policy } from '../policy.js';

/**
 * Swap over NFS/NBD: sockets that serve writeout are SOCK_MEMALLOC, so receiving their ACKs may
 * use the reserve (floor 0). Packets for other sockets that land in reserve memory are dropped,
 * which leaves them at the atomic floor.
 */
export const networkReserve: Policy<'network-reserve'> = {
  name: 'network-reserve',
  summary: 'ACKs for writeout sockets are received from the reserve (SOCK_MEMALLOC)',
  doesNot: 'reserves nothing for other sockets (their packets are dropped in reserve memory) nor for disk or daemon writeout',
  notApplicable: (spec) => (Object.values(spec.devices).some((d) => d.kind === 'network') ? undefined : 'it has no network device'),
  hooks: { context: (site, mask) => (site.purpose === 'ack' ? mask | GFP_MEMALLOC : mask) },
};
