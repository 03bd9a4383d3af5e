import { describe, expect, it } from 'vitest';
import dm from '../../models/dm-raid1.js';
import fuse from '../../models/fuse-writeback.js';
import wq from '../../models/wq-completion.js';
import { run } from './run.js';
import { reachableTexts } from '../support/reachable-actions.js';

describe('wq-completion: the WQ_MEM_RECLAIM rescuer (9.2)', () => {
  it.each([
    ['none', {}, 'violated'],
    ['wq-rescuer', {}, 'holds'],
    ['none', { dirtiers: 1, queue: 1 }, 'violated'],
    ['wq-rescuer', { dirtiers: 1, queue: 1 }, 'holds'],
  ] as const)('under %s %j: %s', (policy, params, verdict) => {
    expect(run(wq, policy, params).verdict).toBe(verdict);
  });

  it("deadlocks when creating a kworker enters reclaim that queues one more item for it", () => {
    const r = run(wq, 'none');
    expect(r.failure).toBe('deadlock');
    const last = r.counterexample!.actions.filter((a) => a.actor === 'kworker').at(-1)!;
    expect(last.context).toBe('GFP_KERNEL');
    expect(last.text).toMatch(/^kworker cannot get a page above its floor, enters direct reclaim/);
  });

  it("tells the rescuer running another task's item on mayday", () => {
    const texts = reachableTexts(wq.build({}, 'wq-rescuer'));
    expect(texts).toContain("mayday: no kworker is free to run it, so kworker-rescuer runs dirtier1's xfs work item itself");
  });

  it('applies only to workqueues: a userspace server or a plain kernel daemon has no such rescuer', () => {
    expect(() => fuse.build({}, 'wq-rescuer')).toThrow("policy 'wq-rescuer' does not apply to fuse-writeback: it has no workqueue (a daemon or server is not one)");
    expect(() => dm.build({}, 'wq-rescuer')).toThrow(/does not apply to dm-raid1/);
  });
});
