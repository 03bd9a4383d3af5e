import type { LeadsTo } from '../src/core/model.js';
import { R_WO } from '../src/alloc/layout.js';
import type { AllocState } from '../src/alloc/state.js';
import type { World } from '../src/alloc/world.js';

const tracked = new WeakMap<World, number>();

/** The writer whose writeouts are followed: kswapd when there is one, else the first actor. */
function writer(world: World): number {
  let w = tracked.get(world);
  if (w === undefined) {
    w = world.actors.find((a) => a.kind === 'kswapd')?.index ?? 0;
    tracked.set(world, w);
  }
  return w;
}

/**
 * Every writeout that starts eventually completes, under the actors' fairness. Followed for
 * kswapd (every writer's writeout runs the same device path): p = its writeout is under way,
 * q = it is not. Catches the drop-and-retransmit livelock that no-deadlock cannot see.
 */
export const writeoutProgress: LeadsTo<AllocState> = {
  kind: 'leads-to',
  name: 'writeout-progress',
  description: "every writeout kswapd starts eventually completes (under fairness)",
  p: (s) => s.register(writer(s.world), R_WO) !== 0,
  q: (s) => s.register(writer(s.world), R_WO) === 0,
};
