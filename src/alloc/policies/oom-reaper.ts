import { oomReap } from '../oom.js';
import type { Policy } from '../policy.js';
import { oomApplies, oomKiller } from './oom-killer.js';

/**
 * The OOM killer with the oom_reaper (Linux 4.6, aac453635549): a kernel thread frees the
 * victim's anonymous memory without the victim running, so a victim stuck on a mutex no longer
 * holds the system (oom.ts).
 */
export const oomReaper: Policy<'oom-reaper'> = {
  name: 'oom-reaper',
  summary: "the OOM killer plus the oom_reaper, which frees a victim's anonymous memory without it running",
  doesNot: 'frees nothing the victim holds besides its anonymous memory (its buffers, mempool elements)',
  notApplicable: oomApplies,
  hooks: {},
  stages: oomKiller.stages!,
  addActors: () => [{ kind: 'task', name: 'oom_reaper', count: 1, symmetric: false, context: 0, flags: 0, kthread: true, program: [{ step: oomReap(), repeat: 1 }] }],
};
