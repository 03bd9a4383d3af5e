import { describe, expect, it } from 'vitest';
import flusher from '../../models/io-flusher.js';
import { check } from '../../src/core/check.js';
import { storyMarkdown } from '../../src/render/story.js';
import { traceOf } from '../../src/render/trace.js';
import { run } from './run.js';
import { reachableActions } from '../support/reachable-actions.js';

describe('io-flusher: NOIO reclaim frees clean page cache (9.4, 9.5)', () => {
  it.each([
    ['none', 'violated'],
    ['dirty-limit', 'violated'],
    ['io-flusher', 'violated'],
    ['dirty-limit+io-flusher', 'holds'],
  ])('under %s: %s', (policy, verdict) => {
    expect(run(flusher, policy).verdict).toBe(verdict);
  });

  it('without the flag, the daemon reclaims in GFP_KERNEL and writes out a page of its own device', () => {
    const r = run(flusher, 'dirty-limit');
    expect(r.failure).toBe('deadlock');
    const last = r.counterexample!.actions.filter((a) => a.actor === 'nbd-client').at(-1)!;
    expect(last.text).toMatch(/queues the writeout of a nbd0 page to nbd-client/);
  });

  it('with the flag, the daemon frees clean pages in NOIO reclaim and never writes out', () => {
    const model = flusher.build({}, 'dirty-limit+io-flusher');
    const result = check(model, { properties: ['no-deadlock'], symmetry: false });
    expect(result.verdict).toBe('holds');
    const texts = new Set(reachableActions(model).filter((a) => a.actor === 'nbd-client').map((a) => `${a.name} ${a.context ?? ''}`));
    expect(texts).toContain('reclaim-clean GFP_KERNEL|PF_MEMALLOC_NOIO');
    expect([...texts].some((t) => t.startsWith('direct-reclaim'))).toBe(false);
  });

  it('with no clean page at all the flag alone cannot help: the daemon stalls on dirty pages of its device', () => {
    const r = run(flusher, 'io-flusher', { clean: 0 });
    expect(r.verdict).toBe('violated');
  });
});

describe('an unrecoverable state is told as a trap', () => {
  it('says why free pages never rise above M again, naming who alone could free the memory', () => {
    const model = flusher.build({}, 'io-flusher');
    const result = check(model, { properties: ['recoverable'] });
    const story = storyMarkdown(traceOf(model, result.properties[0]!, { specs: flusher.params }));
    expect(story).toContain('This state is a trap: actors may still move, but the search explored every path from here and none brings free pages above M (2) again.');
    expect(story).toMatch(/The memory that could still be freed: \d page\(s\) of nbd0 are freed only through nbd-client\./);
    expect(story).not.toContain('There is no wait-for cycle in the final state.');
  });
});
