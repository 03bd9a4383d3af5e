import { describe, expect, it } from 'vitest';
import swap from '../../models/swap-over-nfs.js';
import type { AllocState } from '../../src/alloc/index.js';
import { check } from '../../src/core/check.js';
import { storyMarkdown } from '../../src/render/story.js';
import { traceOf, traceOfPath } from '../../src/render/trace.js';
import { run } from './run.js';
import { reachableTexts } from '../support/reachable-actions.js';

const WITHOUT = 'network-reserve';
const WITH = 'network-reserve+reclaim-throttle';

describe('swap-over-nfs: direct-reclaim throttling (9.3, 5515061d22f0)', () => {
  it.each([
    [WITHOUT, 'violated', 68],
    [WITH, 'holds', 72],
  ])('under %s: %s (%i states)', (policy, verdict, states) => {
    const r = run(swap, policy);
    expect(r.verdict).toBe(verdict);
    expect(r.states).toBe(states);
  });

  it('without the throttle, the reclaimers take the last free page with send buffers and the ACKs are dropped', () => {
    const r = run(swap, WITHOUT);
    expect(r.failure).toBe('deadlock');
    const texts = r.counterexample!.actions.map((a) => a.text);
    expect(texts.filter((t) => /sends the page to the swap server, and goes back to its allocation without waiting for the ACK/.test(t))).toHaveLength(4);
    expect(texts).toContain('task takes a send buffer and sends the page to the swap server, and goes back to its allocation without waiting for the ACK (0 free)');
    expect(texts.at(-1)).toMatch(/drops it; it is lost, with its page and send buffer$/);
    const model = swap.build({}, WITHOUT);
    const story = storyMarkdown(traceOf(model, check(model, { properties: ['no-deadlock'] }).properties[0]!, { specs: swap.params }));
    expect(story).toContain('There is no wait-for cycle: task waits for memory (blocked on memory (floor 4)), which waits for swap server (4 swap write(s) that direct reclaim left in flight lost their ACK (dropped, not resent): their pages and send buffers are never freed). Nothing will ever wake it.');
  });

  it('with the throttle, a task entering direct reclaim at M/2 free pages sleeps until kswapd raises them above M/2, and the story says so', () => {
    const model = swap.build({}, WITH);
    const throttled = (s: AllocState): boolean => model.describe(s).actors.some((a) => a.name === 'task' && a.status.startsWith('throttled'));
    const r = check({ ...model, properties: [{ kind: 'reachable', name: 'throttled', test: throttled }] });
    const story = storyMarkdown(traceOfPath(model, r.properties[0]!.witness!, { name: 'throttled', kind: 'reachable' }));
    expect(story).toContain('task would enter direct reclaim with 2 free, at or below half the min watermark (2): it is throttled until kswapd raises free pages above 2');
    expect(reachableTexts(model)).toContain('kswapd wakes task throttled in direct reclaim: free pages are above 2 (3)');
  });

  it('the throttle holds only while half of M covers every reclaimer between the check and its send buffer, and kswapd', () => {
    // Two tasks at M=4: both pass the check at 3 free, then both take a send buffer, and kswapd one more.
    const two = run(swap, WITH, { tasks: 2 });
    expect(two.verdict).toBe('violated');
    expect(two.counterexample!.actions.some((a) => a.name === 'throttle')).toBe(false);
    expect(run(swap, WITH, { tasks: 2, min: 6, pages: 12 }).verdict).toBe('holds');
    expect(run(swap, WITHOUT, { tasks: 2, min: 6, pages: 12 }).verdict).toBe('violated');
  });

  it('a reclaimer that waits for each write (reclaim_waits=yes) holds one page below M at a time: the throttle changes nothing', () => {
    for (const min of [4, 5]) {
      const params = { reclaim_waits: 'yes', pages: 10, min, tasks: 2 };
      expect(run(swap, WITH, params).verdict).toBe(run(swap, WITHOUT, params).verdict);
    }
  });

  it('an unrecoverable state names the writes whose ACKs were lost', () => {
    const model = swap.build({}, WITHOUT);
    const result = check(model, { properties: ['recoverable'] });
    expect(result.verdict).toBe('violated');
    const story = storyMarkdown(traceOf(model, result.properties[0]!, { specs: swap.params }));
    expect(story).toContain('This state is a trap');
    const lost = check(model, { properties: ['no-deadlock'] }).properties[0]!.counterexample!.states.at(-1)!;
    expect(model.describe(lost).waitsFor).toContainEqual(expect.objectContaining({ from: 'memory', to: 'swap server', why: expect.stringMatching(/^4 swap write\(s\) that direct reclaim left in flight lost their ACK/) }));
  });

  it('dirty-limit does not apply: the tasks make anonymous pages, which no dirty limit throttles', () => {
    expect(swap.policies).not.toContain('dirty-limit');
    expect(() => swap.build({}, 'dirty-limit')).toThrow(/dirty-limit.*does not apply.*only devices are swap/);
  });
});
