import { describe, expect, it } from 'vitest';
import flusher from '../../models/io-flusher.js';
import { check } from '../../src/core/check.js';
import { run } from './run.js';

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
    const texts = new Set<string>();
    const result = check(model, { properties: ['no-deadlock'], symmetry: false });
    expect(result.verdict).toBe('holds');
    const seen = new Set<string>();
    const todo = [...model.initialStates()];
    while (todo.length) {
      model.successors(todo.pop()!, (a, s) => {
        if (a.actor === 'nbd-client') texts.add(`${a.name} ${a.context ?? ''}`);
        const k = String(model.encode(s));
        if (!seen.has(k)) (seen.add(k), todo.push(s));
      });
    }
    expect(texts).toContain('reclaim-clean GFP_KERNEL|PF_MEMALLOC_NOIO');
    expect([...texts].some((t) => t.startsWith('direct-reclaim'))).toBe(false);
  });

  it('with no clean page at all the flag alone cannot help: the daemon stalls on dirty pages of its device', () => {
    const r = run(flusher, 'io-flusher', { clean: 0 });
    expect(r.verdict).toBe('violated');
  });
});
