// bio-split (Kent Overstreet, "block: Avoid deadlocks with bio allocation by stacking drivers",
// Linux 3.7). A stacking driver (dm, md raid0, bcache) splits each bio it receives into `splits`
// clones allocated from its own bio_set, a mempool of `pool` bios, inside its make_request. A
// clone it submits there is not issued: submit_bio_noacct turns recursion into iteration, so the
// clone waits on the task's current->bio_list until the outer make_request returns. With memory
// at the min watermark the clones come from the pool; once the pool is empty the next clone's
// mempool_alloc sleeps for a bio that only the sleeper's own bio_list can give back. The fix
// gives each bio_set a rescuer: the task punts its pending bios to it before sleeping, and the
// rescuer (a WQ_MEM_RECLAIM workqueue's rescuer thread, which needs no memory) issues them.
import { bioAllocBioset, localDisk, makeRequestReturns, scenario, submitBioNoacct, task } from '../src/language.js';
import { param } from '../src/core/params.js';

export default scenario({
  name: 'bio-split',
  summary: "a stacking driver splits bios from its bio_set inside make_request: the clones wait on the task's bio_list",
  description:
    'A stacking driver splits each bio into clones from its bio_set inside make_request. A submitted clone ' +
    "waits on the task's bio_list until make_request returns, so it cannot return to the pool; with memory at the " +
    'watermark, the next clone sleeps on the empty pool forever. bioset-rescuer punts the pending clones to a ' +
    'rescuer thread that issues them.',
  params: {
    writers: param(1, [1, 3], 'tasks writing through the stacked device'),
    splits: param(3, [2, 4], 'clones per bio (allocations from the bio_set in one make_request)', { monotone: 'safer-down' }),
    pool: param(1, [1, 3], 'bio_set mempool min_nr', { monotone: 'safer-up' }),
    min: param(2, [1, 3], 'min watermark M'),
    spare: param(1, [0, 2], 'free pages above the watermark', { monotone: 'safer-up' }),
  },
  world: (p) => ({
    kernel: 'modern',
    memory: { pages: p.num('min') + p.num('spare') + p.num('pool'), min: p.num('min') },
    biosets: { 'dm-split': { minNr: p.num('pool'), device: 'disk' } },
    devices: { disk: localDisk() },
    actors: [
      task('writer', { count: p.num('writers'), context: 'GFP_NOIO' }, [
        ...Array.from({ length: p.num('splits') }, () => [bioAllocBioset('dm-split'), submitBioNoacct('dm-split')]).flat(),
        makeRequestReturns('dm-split'),
      ]),
    ],
  }),
});
