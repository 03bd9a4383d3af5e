/**
 * The policy catalogue. To add one: copy a sibling module (typed `Policy<'its-name'>`), fill in
 * the hooks it needs, and list it here; its name then joins PolicyName and POLICY_NAMES
 * (src/api/names.ts, the type users' code is checked against).
 */
import { CheckError } from '../../core/errors.js';
import type { Policy } from '../policy.js';
import type { WorldSpec } from '../world.js';
import { biosetRescuer } from './bioset-rescuer.js';
import { dirtyLimit } from './dirty-limit.js';
import { fuseTmpPage } from './fuse-tmp-page.js';
import { ioFlusher } from './io-flusher.js';
import { memallocInheritance } from './memalloc-inheritance.js';
import { mempoolOnly } from './mempool-only.js';
import { networkReserve } from './network-reserve.js';
import { none } from './none.js';
import { oomKiller } from './oom-killer.js';
import { oomReaper } from './oom-reaper.js';
import { reclaimThrottle } from './reclaim-throttle.js';
import { wqRescuer } from './wq-rescuer.js';
import { writebackMayDeadlock } from './writeback-may-deadlock.js';

export const policies = [none, mempoolOnly, memallocInheritance, networkReserve, dirtyLimit, ioFlusher, reclaimThrottle, biosetRescuer, wqRescuer, oomKiller, oomReaper, fuseTmpPage, writebackMayDeadlock] as const;

/** A shipped policy's name: 'none' | 'mempool-only' | ... (one per module above). */
export type PolicyName = (typeof policies)[number]['name'];

/** Name, summary and what it does not do, of every policy, for `list`. */
export const policyList: readonly { name: string; summary: string; doesNot?: string }[] = policies.map(({ name, summary, doesNot }) => ({ name, summary, ...(doesNot === undefined ? {} : { doesNot }) }));

/**
 * Parses 'a+b' into policies, each checked against the world it is for.
 *
 * @example resolvePolicies('mempool-only+memalloc-inheritance', spec, 'dm-raid1')
 */
export function resolvePolicies(text: string, spec: WorldSpec, model: string, extra: readonly Policy[] = []): Policy[] {
  const names = text.split('+').map((n) => n.trim());
  const known: readonly Policy[] = [...policies, ...extra];
  const out: Policy[] = [];
  for (const name of names) {
    if (name === 'rescuer') throw new CheckError('bad-option', "policy 'rescuer' is ambiguous: the kernel has two; use bioset-rescuer (a bio_set's rescuer, block/bio.c) or wq-rescuer (a WQ_MEM_RECLAIM workqueue's rescuer thread)");
    const p = known.find((q) => q.name === name);
    if (!p) throw new CheckError('bad-option', `unknown policy '${name}'; known: ${known.map((q) => q.name).join(', ')}`);
    const why = p.notApplicable(spec);
    if (why !== undefined) throw new CheckError('bad-option', `policy '${name}' does not apply to ${model}: ${why}`);
    if (out.includes(p)) throw new CheckError('bad-option', `policy '${name}' is named twice in '${text}'`);
    out.push(p);
  }
  if (out.length > 1 && out.includes(none)) throw new CheckError('bad-option', `policy 'none' cannot be combined with others ('${text}')`);
  return out;
}

/** The policies that apply to a world: what `list` and `matrix` offer for a model. */
export function applicablePolicies(spec: WorldSpec): string[] {
  return policies.filter((p) => p.notApplicable(spec) === undefined).map((p) => p.name);
}
