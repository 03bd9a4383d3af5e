import { describe, expect, it } from 'vitest';
import loop from '../../models/loop-writeback.js';
import { dirtyLimits } from '../../src/alloc/dirty-throttle.js';
import { run } from './run.js';

describe('loop-writeback: balance_dirty_pages and the loop worker (a37b0715ddf3, 5.8)', () => {
  it('an ordinary loop worker is throttled on dirty pages only it can clean', () => {
    const r = run(loop, 'none', { throttle: 'normal' });
    expect(r).toMatchObject({ verdict: 'violated', failure: 'deadlock' });
    const view = r.model.describe(r.counterexample!.states.at(-1)!);
    const worker = view.actors.find((a) => a.name === 'loop0-worker')!;
    expect(worker.status).toMatch(/^throttled in balance_dirty_pages \(4 pages dirty or under writeback, threshold 4\)$/);
    expect(view.waitsFor).toContainEqual(expect.objectContaining({ from: 'loop0-worker', to: 'loop0-worker', why: expect.stringMatching(/writeback of loop0's 4 page\(s\), which loop0-worker cleans/) }));
    expect(view.actors.find((a) => a.name === 'dirtier')!.status).toMatch(/^throttled in balance_dirty_pages/);
  });

  it('the flusher writes dirty pages over the background threshold, as an ordinary task', () => {
    const r = run(loop, 'none', { throttle: 'normal' });
    const flush = r.counterexample!.actions.find((a) => a.actor === 'flush-loop0')!;
    expect(flush.text).toBe('flush-loop0 is over the background threshold and starts writing back a dirty page of loop0');
    expect(r.counterexample!.actions.some((a) => /a request that is not PF_MEMALLOC/.test(a.text))).toBe(true);
  });

  it('PF_LESS_THROTTLE: a quarter more room helps at one size and not at a smaller one', () => {
    expect(run(loop, 'none', { throttle: 'less' }).verdict).toBe('holds');
    expect(run(loop, 'none', { throttle: 'less', pages: 8 })).toMatchObject({ verdict: 'violated', failure: 'deadlock' });
  });

  it('PF_LOCAL_THROTTLE: throttled on its own device only, the worker always gets through', () => {
    for (const pages of [6, 8, 10, 12]) expect(run(loop, 'none', { throttle: 'local', pages }).verdict).toBe('holds');
  });

  it('domain_dirty_limits: ratios of dirtyable memory, a quarter more for PF_LESS_THROTTLE, bg_thresh below thresh', () => {
    const limits = (params: Record<string, string | number>, who: string): [number, number] => {
      const model = loop.build(params, 'none');
      return dirtyLimits(model.world, model.initialStates()[0]!.bytes, model.world.actors.find((a) => a.name === who)!);
    };
    // 10 pages, M=1: 9 dirtyable; 50% and 25% of it.
    expect(limits({}, 'dirtier')).toEqual([2, 4]);
    expect(limits({ throttle: 'less' }, 'loop0-worker')).toEqual([2, 5]);
    expect(limits({ throttle: 'less', pages: 16 }, 'loop0-worker')).toEqual([3, 8]);
    expect(limits({ background_ratio: 60 }, 'dirtier')).toEqual([2, 4]);
  });
});
