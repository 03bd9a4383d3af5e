import { describe, expect, it } from 'vitest';
import dm from '../../models/dm-raid1.js';
import { run } from './run.js';

describe('dm-raid1', () => {
  it.each([
    ['none', 'violated', 85],
    ['mempool-only', 'violated', 108],
    ['memalloc-inheritance', 'holds', 499],
    ['mempool-only+memalloc-inheritance', 'holds', 381],
    ['dirty-limit', 'holds', 54],
    ['io-flusher', 'violated', 49],
    ['reclaim-throttle', 'violated', 85],
  ])('under %s: %s, %i states', (policy, verdict, states) => {
    const r = run(dm, policy);
    expect(r.verdict).toBe(verdict);
    expect(r.states).toBe(states);
  });

  it('lists the policies that apply', () => {
    expect(dm.policies).toEqual(['none', 'mempool-only', 'memalloc-inheritance', 'dirty-limit', 'io-flusher', 'reclaim-throttle', 'oom-killer', 'oom-reaper']);
  });

  it("finds the seed's deadlock under mempool-only: the daemon's reclaim queues writeout to itself", () => {
    const r = run(dm, 'mempool-only');
    expect(r.failure).toBe('deadlock');
    const story = r.counterexample!.actions.map((a) => a.text);
    const at = (re: RegExp): number => story.findIndex((t) => re.test(t));
    const drains = at(/kmirrord takes .* from the raid1 mempool \(0 left\)/);
    const reclaims = at(/kmirrord cannot get a page .* direct reclaim as PF_MEMALLOC/);
    expect(at(/dirtier\d takes a page and dirties it on md0/)).toBe(0);
    expect(at(/queues the writeout of a md0 page to kmirrord/)).toBeGreaterThan(0);
    expect(drains).toBeGreaterThan(0);
    expect(reclaims).toBeGreaterThan(drains);
    const view = r.model.describe(r.counterexample!.states.at(-1)!);
    expect(view.waitsFor).toContainEqual(expect.objectContaining({ from: 'kmirrord', to: 'kmirrord' }));
    expect(view.actors.find((a) => a.name === 'kmirrord')?.status).toMatch(/writing out a page of md0/);
    expect(view.waitsFor).toContainEqual(expect.objectContaining({ from: 'memory', to: 'kmirrord' }));
  });

  it('the daemon allocates as itself under mempool-only and as PF_MEMALLOC under inheritance', () => {
    const contexts = (policy: string): string[] =>
      run(dm, policy, { min: 1 }).counterexample!.actions.filter((a) => a.actor === 'kmirrord' && a.context).map((a) => a.context!);
    expect(contexts('mempool-only')).toContain('GFP_KERNEL');
    expect(contexts('memalloc-inheritance').every((c) => c.startsWith('PF_MEMALLOC'))).toBe(true);
  });

  describe('where inheritance fails too', () => {
    it('a reserve below M too small for the legs of the request in flight', () => {
      expect(run(dm, 'memalloc-inheritance', { min: 1 }).verdict).toBe('violated');
      expect(run(dm, 'memalloc-inheritance', { legs: 3 }).verdict).toBe('violated');
      expect(run(dm, 'memalloc-inheritance', { legs: 2, min: 2 }).verdict).toBe('holds');
    });

    it('requests that are not PF_MEMALLOC, served with I/O-capable reclaim when NOIO is not inherited', () => {
      const bg = { background: 'yes', pool: 2 };
      expect(run(dm, 'mempool-only+memalloc-inheritance', { ...bg, inherit_noio: 'no' }).verdict).toBe('violated');
      expect(run(dm, 'mempool-only+memalloc-inheritance', { ...bg, inherit_noio: 'yes' }).verdict).toBe('holds');
      expect(run(dm, 'memalloc-inheritance', { ...bg, inherit_noio: 'no' }).verdict).toBe('violated');
    });

    it("the modern mempool's __GFP_NOMEMALLOC takes the inherited reserve away", () => {
      expect(run(dm, 'mempool-only+memalloc-inheritance', { kernel: '2.6' }).verdict).toBe('holds');
      const modern = run(dm, 'mempool-only+memalloc-inheritance', { kernel: 'modern' });
      expect(modern.verdict).toBe('violated');
      expect(modern.counterexample!.actions.some((a) => a.context?.includes('__GFP_NOMEMALLOC'))).toBe(true);
    });
  });

  it('a GFP_NOIO daemon whose pool covers its legs is safe with the mempool alone', () => {
    expect(run(dm, 'mempool-only', { daemon_reclaim_io: 'no', pool: 2 }).verdict).toBe('holds');
    expect(run(dm, 'mempool-only', { daemon_reclaim_io: 'no', pool: 1 }).verdict).toBe('violated');
  });

  it("2.6.9's mempool_alloc tries first without __GFP_WAIT, which may dip a quarter into the reserve (can_try_harder)", () => {
    // M=4: the first try may take free pages down to 3. That is the kernel's rule, not a leak,
    // and it gives kmirrord enough to serve its legs at this size; today's kernel gives it nothing.
    const old = run(dm, 'mempool-only', { min: 4 });
    expect(old.verdict).toBe('holds');
    // Requests that are not PF_MEMALLOC give kmirrord no right to the reserve but this one.
    const bg = run(dm, 'mempool-only', { min: 4, background: 'yes' });
    expect(bg.result.properties.find((p) => p.name === 'reserve-integrity')?.status).toBe('holds');
    expect(run(dm, 'mempool-only', { min: 3 }).verdict).toBe('violated');
    expect(run(dm, 'mempool-only', { min: 4, kernel: 'modern' }).verdict).toBe('violated');
  });

  it('names its assumptions', () => {
    expect(dm.build({}, 'none').assumptions).toEqual({ daemon_reclaim_io: 'yes', background: 'no', inherit_noio: 'yes', inflight: 1 });
  });

  describe('asynchronous kmirrord and the region pool only it returns (c06aad854fdb, 2.6.18)', () => {
    const kobras = { daemon_reclaim_io: 'no', pool: 2, regions: 1 };

    it('legs returned by the disk interrupt: requests in flight need no more reserve than the one in hand', () => {
      expect(run(dm, 'memalloc-inheritance', { inflight: 2 })).toMatchObject({ verdict: 'holds', states: 565 });
      expect(run(dm, 'memalloc-inheritance', { inflight: 2, min: 1 }).verdict).toBe('violated');
    });

    it('waiting for the disk after each request, kmirrord frees the region before it needs the next', () => {
      expect(run(dm, 'mempool-only', { ...kobras, inflight: 1 })).toMatchObject({ verdict: 'holds', states: 163 }); // 181 before a daemon cleared its request's flags on completion
    });

    it('with two requests in flight it sleeps in mempool_alloc on a pool only it refills', () => {
      const r = run(dm, 'mempool-only', { ...kobras, inflight: 2 });
      expect(r).toMatchObject({ verdict: 'violated', failure: 'deadlock', states: 213 });
      const story = r.counterexample!.actions.map((a) => a.text);
      expect(story.some((t) => /issues the 2 page\(s\) of .* asynchronously/.test(t))).toBe(true);
      expect(story.some((t) => /kmirrord finds the region mempool empty and sleeps/.test(t))).toBe(true);
      const view = r.model.describe(r.counterexample!.states.at(-1)!);
      expect(view.waitsFor).toContainEqual(expect.objectContaining({ from: 'kmirrord', to: 'mempool region' }));
      expect(view.waitsFor).toContainEqual(expect.objectContaining({ from: 'mempool region', to: 'kmirrord', why: expect.stringMatching(/only kmirrord returns its elements/) }));
    });

    it('the fix: an empty pool sends __rh_alloc to kmalloc(GFP_NOIO), which waits for memory, not for itself', () => {
      expect(run(dm, 'mempool-only', { ...kobras, inflight: 2, region_alloc: 'kmalloc' })).toMatchObject({ verdict: 'holds', states: 179 });
      expect(run(dm, 'mempool-only', { ...kobras, inflight: 2, kernel: 'modern' }).verdict).toBe('violated');
      expect(run(dm, 'mempool-only', { ...kobras, inflight: 2, region_alloc: 'kmalloc', kernel: 'modern' }).verdict).toBe('holds');
    });

    it('a region pool as large as the requests in flight is enough', () => {
      expect(run(dm, 'mempool-only', { ...kobras, inflight: 2, regions: 2 }).verdict).toBe('holds');
    });

    it('the driver pool is a mempool under every policy: pages in flight and regions are conserved', () => {
      const r = run(dm, 'memalloc-inheritance', { regions: 1, inflight: 2, min: 3 });
      expect(r.verdict).toBe('holds');
      expect(r.model.initialStates()[0]!.pool('region')).toBe(1);
    });
  });
});
