import { describe, expect, it } from 'vitest';
import {
  GFP_ATOMIC, GFP_KERNEL, GFP_MEMALLOC, GFP_NOFS, GFP_NOIO, GFP_NOMEMALLOC, PF_MEMALLOC, PF_MEMALLOC_NOIO,
  IO, WAIT, atomicFloor, contextName, floorOf, mayWritePage, onFailure, watermarks,
} from '../../src/alloc/context.js';

describe('watermark ladder', () => {
  it('computes the modern atomic floor as 62.5% of min with integer division', () => {
    expect(atomicFloor(4, 'modern')).toBe(2);
    expect(atomicFloor(8, 'modern')).toBe(3);
    expect(atomicFloor(16, 'modern')).toBe(6);
  });

  it('halves first in 2.6.9, which differs for odd M only', () => {
    expect(atomicFloor(5, '2.6')).toBe(2);
    expect(atomicFloor(5, 'modern')).toBe(3);
    for (const m of [2, 4, 6, 8, 16]) expect(atomicFloor(m, '2.6')).toBe(atomicFloor(m, 'modern'));
  });

  it('orders the rungs as the seed draws them: min > atomic > PF_MEMALLOC = 0', () => {
    for (const m of [2, 3, 4, 5, 8]) {
      const w = watermarks(m, '2.6');
      expect(w.min).toBeGreaterThan(w.atomic);
      expect(w.atomic).toBeGreaterThanOrEqual(w.memalloc);
      expect(w.memalloc).toBe(0);
    }
  });
});

describe('contexts', () => {
  const w = watermarks(8, 'modern');
  it('gives each context its floor', () => {
    expect(floorOf(GFP_KERNEL, w)).toBe(8);
    expect(floorOf(GFP_NOFS, w)).toBe(8);
    expect(floorOf(GFP_NOIO, w)).toBe(8);
    expect(floorOf(GFP_ATOMIC, w)).toBe(3);
    expect(floorOf(GFP_KERNEL | PF_MEMALLOC, w)).toBe(0);
    expect(floorOf(GFP_ATOMIC | GFP_MEMALLOC, w)).toBe(0);
  });

  it('lets __GFP_NOMEMALLOC override PF_MEMALLOC', () => {
    expect(floorOf(GFP_NOIO | PF_MEMALLOC | GFP_NOMEMALLOC, w)).toBe(8);
  });

  it('fails atomic at once, waits under PF_MEMALLOC, reclaims otherwise; only I/O and fs rights write pages', () => {
    expect(onFailure(GFP_ATOMIC)).toBe('fail');
    expect(onFailure(GFP_KERNEL | PF_MEMALLOC)).toBe('wait');
    expect(onFailure(GFP_NOIO)).toBe('reclaim');
    expect(onFailure(GFP_NOFS)).toBe('reclaim');
    expect(onFailure(GFP_KERNEL)).toBe('reclaim');
    expect(mayWritePage(GFP_KERNEL)).toBe(true);
    expect(mayWritePage(GFP_NOFS)).toBe(false);
    expect(mayWritePage(GFP_NOIO)).toBe(false);
    expect(mayWritePage(GFP_KERNEL | PF_MEMALLOC_NOIO)).toBe(false);
  });

  it('spells contexts as the kernel does', () => {
    expect(contextName(GFP_KERNEL)).toBe('GFP_KERNEL');
    expect(contextName(GFP_NOIO | PF_MEMALLOC)).toBe('PF_MEMALLOC');
    expect(contextName(GFP_NOIO | PF_MEMALLOC | GFP_NOMEMALLOC)).toBe('GFP_NOIO|__GFP_NOMEMALLOC');
    expect(contextName(GFP_ATOMIC | GFP_MEMALLOC)).toBe('GFP_ATOMIC|__GFP_MEMALLOC');
  });
});

describe('allocations that may not sleep (mm/page_alloc.c)', () => {
  const nowait = (mask: number): number => mask & ~(WAIT | IO);

  it("2.6.9's can_try_harder takes a quarter off M for any caller that cannot sleep", () => {
    // __alloc_pages: can_try_harder = ... || !wait; min -= min / 4. mempool_alloc's first try drops __GFP_WAIT.
    expect(floorOf(nowait(GFP_KERNEL), watermarks(4, '2.6'))).toBe(3);
    expect(floorOf(nowait(GFP_NOIO), watermarks(8, '2.6'))).toBe(6);
    expect(floorOf(nowait(GFP_KERNEL), watermarks(3, '2.6'))).toBe(3);
    expect(floorOf(GFP_KERNEL, watermarks(4, '2.6'))).toBe(4);
  });

  it('today a non-blocking caller without __GFP_HIGH gets no reserve (ALLOC_NON_BLOCK counts only with ALLOC_MIN_RESERVE)', () => {
    expect(floorOf(nowait(GFP_KERNEL), watermarks(8, 'modern'))).toBe(8);
  });

  it("__GFP_NOMEMALLOC takes away the no-watermark access and the quarter, not __GFP_HIGH's half", () => {
    // gfp_to_alloc_flags: ALLOC_NON_BLOCK only without __GFP_NOMEMALLOC; ALLOC_MIN_RESERVE from __GFP_HIGH regardless.
    expect(floorOf(GFP_ATOMIC | GFP_NOMEMALLOC, watermarks(8, 'modern'))).toBe(4);
    expect(floorOf(GFP_ATOMIC | GFP_MEMALLOC | GFP_NOMEMALLOC, watermarks(8, 'modern'))).toBe(4);
  });
});
