/**
 * The bio_set rescuer (block/bio.c: bio_alloc_bioset, punt_bios_to_rescuer, bio_alloc_rescue;
 * Linux 3.7, "block: Avoid deadlocks with bio allocation by stacking drivers"). When a task
 * allocates from a bio_set with bios on its current->bio_list, the first try is made without
 * __GFP_DIRECT_RECLAIM; if it fails, punt_bios_to_rescuer moves the task's pending bios of that
 * bio_set to bs->rescue_list and queues bs->rescue_work on the bio_set's WQ_MEM_RECLAIM
 * workqueue, then the allocation is retried with the original mask (and may sleep). The
 * workqueue's rescuer thread needs no allocation to run; it issues the punted bios, whose
 * completion returns elements to the pool and wakes the sleeper.
 */
import { GFP_NOMEMALLOC, IO, WAIT, floorOf } from '../context.js';
import type { Exec } from '../exec.js';
import type { Policy } from '../policy.js';
import type { ActorSpec, PoolInfo, Step } from '../world.js';

/** Whether mempool_alloc without __GFP_DIRECT_RECLAIM would return a bio now. */
function nowaitSucceeds(x: Exec, bs: PoolInfo, mask: number): boolean {
  if (x.s[x.world.layout.pool(bs.index)]! > 0) return true;
  const first = (x.world.kernel === 'modern' ? mask | GFP_NOMEMALLOC : mask) & ~(WAIT | IO);
  return x.free - 1 >= floorOf(first, x.world.watermarks);
}

function punt(x: Exec, bs: PoolInfo, mask: number): boolean {
  if (nowaitSucceeds(x, bs, mask)) return false;
  const list = x.world.layout.bioList(x.me.index);
  const n = x.s[list]!;
  const d = x.draft();
  x.move(d, list, list + 1, n);
  x.emit(d, 'punt-bios', x.quiet ? '' : `${x.me.name} finds the ${bs.name} bio_set empty with ${n} bio(s) on its own bio_list: punt_bios_to_rescuer hands them to the ${bs.name} rescuer, and it retries, ready to sleep`, mask);
  return true;
}

/** bio_alloc_rescue, run by the rescuer thread of the bio_set's workqueue: issue one punted bio. */
function rescueBios(bioset: string): Step {
  return {
    kind: 'rescue-bios',
    rest: () => true,
    doing: () => 'idle',
    run(x) {
      const bs = x.world.poolNamed.get(bioset)!;
      for (const a of x.world.actors) {
        const at = x.world.layout.rescued(a.index);
        if (at < 1 || x.s[at] === 0 || !a.program.some((i) => i.step.pool === bioset)) continue;
        x.serving = a.name;
        const d = x.draft();
        x.move(d, at, x.world.layout.issued(bs.index));
        x.emit(d, 'rescue-bio', x.quiet ? '' : `the ${bioset} rescuer issues ${a.name}'s pending bio to ${x.world.devices[bs.device!]!.name}`);
      }
    },
  };
}

export const biosetRescuer: Policy<'bioset-rescuer'> = {
  name: 'bioset-rescuer',
  summary: 'bio_sets get a rescuer (3.7+): a task about to sleep on an empty bio_set punts the bios on its own bio_list, and the rescuer issues them',
  doesNot: 'does not help allocations that are not from a bio_set',
  notApplicable: (spec) => (Object.keys(spec.biosets ?? {}).length > 0 ? undefined : 'it declares no bio_set'),
  hooks: {},
  stages: { puntBiosToRescuer: punt },
  addActors: (spec) =>
    Object.keys(spec.biosets ?? {}).map((name): ActorSpec => ({
      kind: 'rescuer', name: `${name}-rescuer`, count: 1, symmetric: false, context: 0, flags: 0, kthread: true, program: [{ step: rescueBios(name), repeat: 1 }],
    })),
};
