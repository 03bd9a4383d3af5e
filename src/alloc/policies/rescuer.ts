import type { Policy } from '../policy.js';
import type { ActorSpec } from '../world.js';

/**
 * A dedicated rescuer thread per daemon (WQ_MEM_RECLAIM): while the daemon is busy with a
 * request, the rescuer may take the next one, so queued writeout does not wait behind a daemon
 * blocked on memory. It runs the daemon's program in the daemon's context.
 */
export const rescuer: Policy = {
  name: 'rescuer',
  summary: "a rescuer thread takes a daemon's next request while the daemon is busy",
  doesNot: "does not allocate differently: it runs the daemon's program in the daemon's context, so it blocks where the daemon blocks",
  notApplicable: (spec) => (spec.actors.some((a) => a.kind === 'daemon') ? undefined : 'it has no daemon whose work could be handed over'),
  hooks: {},
  addActors: (spec) =>
    spec.actors
      .filter((a) => a.kind === 'daemon' && a.rescues === undefined)
      .map((a): ActorSpec => ({ ...a, name: `${a.name}-rescuer`, count: 1, symmetric: false, rescues: a.name })),
};
