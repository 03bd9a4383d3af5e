import { FS, IO } from '../context.js';
import { outOfMemory } from '../oom.js';
import type { Policy } from '../policy.js';
import type { WorldSpec } from '../world.js';

/** Some task may enter direct reclaim with __GFP_FS, where out_of_memory is called. */
export function oomApplies(spec: WorldSpec): string | undefined {
  return spec.actors.some((a) => a.count > 0 && a.context & IO && a.context & FS && a.kind !== 'kswapd') ? undefined : 'no task allocates with __GFP_FS, so out_of_memory is never called';
}

/**
 * The OOM killer (mm/oom_kill.c, oom.ts): a GFP_KERNEL-like allocation whose reclaim frees
 * nothing kills the largest user task, which exits with access to the reserves; nothing else
 * is killed while it lives.
 */
export const oomKiller: Policy<'oom-killer'> = {
  name: 'oom-killer',
  summary: 'a __GFP_FS allocation whose reclaim frees nothing kills the largest task (out_of_memory)',
  doesNot: 'frees nothing until the victim runs to its exit, and never kills for a NOFS, NOIO or atomic allocation',
  notApplicable: oomApplies,
  hooks: {},
  stages: { outOfMemory },
};
