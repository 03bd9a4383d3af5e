/** An allocation's site and its own context, as the allocation path and the policies see them. */
import { PF_MEMALLOC } from './context.js';
import type { Exec } from './exec.js';
import { F_MEMALLOC, R_FLAGS, R_REQ, R_REQF } from './layout.js';
import type { Attempt } from './page-alloc.js';
import type { Site } from './policy.js';

/** The site an attempt is at, as policies see it. */
export function siteOf(x: Exec, at: Attempt): Site {
  return { actor: x.me, purpose: at.purpose, serving: x.reg(R_REQ) !== 0, request: x.reg(R_REQF), pool: at.pool };
}

/** A Site whose fields the allocation path rewrites for each allocation (see {@link siteAt}). */
export type ScratchSite = { -readonly [K in keyof Site]: Site[K] };

/**
 * {@link siteOf} in the Exec's one scratch Site: the allocation path makes a site per
 * allocation, ten a state in a larger model, and hooks and stages read it only during their call.
 */
export function siteAt(x: Exec, at: Attempt): Site {
  const s = x.scratchSite;
  if (s === undefined) return (x.scratchSite = { ...siteOf(x, at) });
  s.actor = x.me;
  s.purpose = at.purpose;
  s.serving = x.reg(R_REQ) !== 0;
  s.request = x.reg(R_REQF);
  s.pool = at.pool;
  return s;
}

/** The context without any policy: the actor's mask and the flags it has now. */
export function ownMask(x: Exec, at: Attempt): number {
  const flags = x.me.flags | (x.reg(R_FLAGS) & F_MEMALLOC ? PF_MEMALLOC : 0);
  return (at.mask ?? x.me.context) | flags;
}
