import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraries, assertPolicy, checkPolicy, models } from 'allocheck';

const safety = ['no-deadlock', 'reserve-integrity', 'pages-conserved'] as const;

describe('policies over their declared parameter space', () => {
  it('the bio mempool guarantees progress for every setting bio-mempool declares', () => {
    assertPolicy(models['bio-mempool']!, 'mempool-only', { property: safety });
  });

  it('a FUSE server without PF_MEMALLOC deadlocks, already at the smallest setting', () => {
    const r = checkPolicy(models['fuse-writeback']!, 'none', { property: 'no-deadlock', seed: 1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.params).toMatchObject({ pages: 4, min: 1, dirtiers: 1, buffers: 1, queue: 1 });
    expect(r.verdict).toBe('deadlock');
    expect(r.story.at(-1)).toMatch(/fuse-server cannot get a page above its floor/);
  });

  it('memalloc-inheritance on dm-raid1 holds once the reserve covers the mirror legs', () => {
    const dm = models['dm-raid1']!;
    const arbitrary = arbitraries.params(dm, { legs: { max: 2 }, min: { min: 2 }, pages: { min: 6 }, background: 'no', regions: 0 });
    assertPolicy(dm, 'memalloc-inheritance', { property: safety, arbitrary, numRuns: 40 });
  });

  it('but not with a one-page reserve and two legs', () => {
    const dm = models['dm-raid1']!;
    const arbitrary = arbitraries.params(dm, { legs: 2, min: 1 });
    const r = checkPolicy(dm, 'memalloc-inheritance', { property: safety, arbitrary });
    expect(r.ok).toBe(false);
  });

  it('arbitraries are ordinary fast-check arbitraries', () => {
    fc.assert(fc.property(arbitraries.params(models['nfs-ack']!, { kernel: 'modern' }), (p) => p['kernel'] === 'modern'));
  });
});
