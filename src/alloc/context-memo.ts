/**
 * An allocation's context, worked out once per actor and per value of the registers it depends
 * on, for the attempts a step makes once per Exec. What the allocation path needs before it
 * takes a page (the mask the policies' `context` hooks give, whether `usePool` sends it to its
 * mempool, the fast path's floor and the floor below which the page is a reserve leak) is a
 * function of the site and the actor's own mask, and those are fixed by the actor, the attempt
 * and three registers: whether it serves a request (R_REQ), the request's flags (R_REQF) and its
 * PF_MEMALLOC bit (R_FLAGS). Hooks are functions of their arguments (a policy's answer may not
 * depend on anything else), so remembering their answers changes no move.
 */
import { GFP_MEMALLOC, PF_MEMALLOC, floorOf } from './context.js';
import type { Exec } from './exec.js';
import { F_MEMALLOC, RQ_MEMALLOC, R_FLAGS, R_REQ, R_REQF } from './layout.js';
import type { Attempt } from './page-alloc.js';
import type { Site } from './policy.js';
import { ownMask, siteAt } from './site.js';

/** Entries per actor: serving (1 bit), the request's flags (2 bits), PF_MEMALLOC (1 bit). */
const PER_ACTOR = 16;
/** The packed context: the mask in bits 0-7, the floor in 8-15, the leak floor in 16-23. */
export const USES_POOL = 1 << 24;

/**
 * What the allocation is entitled to, independent of policies: the reserve belongs to reclaim
 * (a PF_MEMALLOC task or a request it submitted) and to the ACKs that complete its writeout.
 */
export function rightsMask(site: Site, own: number): number {
  let m = own;
  if (site.request & RQ_MEMALLOC) m |= PF_MEMALLOC;
  if (site.purpose === 'ack') m |= GFP_MEMALLOC;
  return m;
}

/**
 * `at` with a table for {@link packedContext}: for attempts made once per Exec (perExec), whose
 * table then lives as long as the world's search.
 *
 * @example
 * const attempt = perExec((x) => memoized(x, { purpose: 'dirty', what: 'a page', then: x.goOn }));
 */
export function memoized<T extends Attempt>(x: Exec, at: T): T {
  return { ...at, memo: new Int32Array(x.world.actors.length * PER_ACTOR).fill(-1) };
}

/** The packed context of `at` for the current actor and state; -1 when `at` has no table. */
export function packedContext(x: Exec, at: Attempt): number {
  const memo = at.memo;
  if (memo === undefined) return -1;
  const request = x.reg(R_REQF);
  if (request > 3) return -1; // not a request's flags: worked out per move
  const key = (x.me.index * PER_ACTOR) | (x.reg(R_REQ) !== 0 ? 8 : 0) | (request << 1) | (x.reg(R_FLAGS) & F_MEMALLOC);
  const known = memo[key]!;
  return known >= 0 ? known : (memo[key] = workOut(x, at));
}

function workOut(x: Exec, at: Attempt): number {
  const site = siteAt(x, at);
  const own = ownMask(x, at);
  const mask = x.world.hooks.context(site, own);
  const pool = at.pool !== undefined && x.world.hooks.usePool(site) ? USES_POOL : 0;
  const w = x.world.watermarks;
  return mask | (floorOf(mask, w) << 8) | (floorOf(rightsMask(site, own), w) << 16) | pool;
}
