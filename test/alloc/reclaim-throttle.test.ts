import { describe, expect, it } from 'vitest';
import nfs from '../../models/nfs-ack.js';
import { dirtier, kswapd, localDisk, scenario, type WorldSpec } from '../../src/language.js';
import type { AllocModel } from '../../src/alloc/compile.js';
import { check } from '../../src/core/check.js';
import { reachableActions } from '../support/reachable-actions.js';

/** Every action of the reachable graph as 'actor name: text'. */
function actions(model: AllocModel): string[] {
  return reachableActions(model).map((a) => `${a.actor} ${a.name}: ${a.text}`);
}

/** Two tasks dirtying a local disk, a bio per writeout, M=4: throttled at 2 free pages or fewer. */
function disk(o: { context?: string; kthread?: boolean; kernel?: 'modern' | '2.6'; user?: boolean } = {}) {
  return scenario({
    name: 'throttle-disk', summary: 'two dirtiers and kswapd', description: 'Dirtiers on a local disk.', params: {},
    world: (): WorldSpec => ({
      kernel: o.kernel ?? '2.6',
      memory: { pages: 7, min: 4 },
      devices: { disk: localDisk({ bio: true }) },
      actors: [{ ...dirtier('disk', { count: 2, ...(o.context ? { context: o.context } : {}) }), ...(o.kthread ? { kthread: true } : {}) }, ...(o.user ? [dirtier('disk', { name: 'user' })] : []), kswapd()],
    }),
  }).build({}, 'reclaim-throttle');
}

describe('reclaim-throttle: throttle_direct_reclaim as mm/vmscan.c has it (9.3)', () => {
  it('throttles a user task entering direct reclaim at or below half of M, and kswapd wakes it above', () => {
    const texts = actions(disk());
    expect(texts).toContain('dirtier1 throttle: dirtier1 would enter direct reclaim with 2 free, at or below half the min watermark (2): it is throttled until kswapd raises free pages above 2');
    expect(texts.some((t) => /^kswapd wake-throttled: kswapd wakes dirtier\d(, dirtier\d)? throttled in direct reclaim: free pages are above 2 \(3\)$/.test(t))).toBe(true);
    expect(texts.some((t) => /with [34] free.*throttled/.test(t))).toBe(false);
    expect(check(disk(), { properties: ['no-deadlock', 'pages-conserved'] }).verdict).toBe('holds');
  });

  it('never throttles kernel threads or callers without __GFP_FS', () => {
    const kthreads = actions(disk({ kthread: true, user: true }));
    expect(kthreads.some((t) => t.startsWith('user throttle: '))).toBe(true);
    expect(kthreads.some((t) => /^dirtier\d throttle: /.test(t))).toBe(false);
    expect(actions(disk({ context: 'GFP_NOFS', user: true })).some((t) => /^dirtier\d throttle: /.test(t))).toBe(false);
  });

  it('does not apply without kswapd to wake the sleepers', () => {
    const spec = (): WorldSpec => ({ kernel: '2.6', memory: { pages: 7, min: 4 }, devices: { disk: localDisk() }, actors: [dirtier('disk')] });
    const s = scenario({ name: 'no-kswapd', summary: 'x', description: 'x', params: {}, world: spec });
    expect(() => s.build({}, 'reclaim-throttle')).toThrow("policy 'reclaim-throttle' does not apply to no-kswapd: it has no kswapd to wake throttled tasks");
  });

  it('leaves the nfs-ack drain as it is: reclaimers that pass the check above M/2 all allocate from the reserve', () => {
    const params = { min: 4, dirtiers: 3, pages: 8 };
    expect(check(nfs.build(params, 'network-reserve'), { properties: ['no-deadlock'] }).verdict).toBe('violated');
    expect(check(nfs.build(params, 'network-reserve+reclaim-throttle'), { properties: ['no-deadlock'] }).verdict).toBe('violated');
  });
});
