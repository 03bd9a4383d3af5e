import { describe, expect, it } from 'vitest';
import {
  GFP_ATOMIC, GFP_KERNEL, GFP_MEMALLOC, GFP_NOFS, GFP_NOIO, GFP_NOMEMALLOC, PF_MEMALLOC, PF_MEMALLOC_NOIO,
  atomicFloor, contextName, floorOf, onFailure, watermarks,
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

  it('fails atomic at once, waits under PF_MEMALLOC or NOIO, reclaims with I/O rights', () => {
    expect(onFailure(GFP_ATOMIC)).toBe('fail');
    expect(onFailure(GFP_KERNEL | PF_MEMALLOC)).toBe('wait');
    expect(onFailure(GFP_NOIO)).toBe('wait');
    expect(onFailure(GFP_NOFS)).toBe('wait');
    expect(onFailure(GFP_KERNEL | PF_MEMALLOC_NOIO)).toBe('wait');
    expect(onFailure(GFP_KERNEL)).toBe('reclaim');
  });

  it('spells contexts as the kernel does', () => {
    expect(contextName(GFP_KERNEL)).toBe('GFP_KERNEL');
    expect(contextName(GFP_NOIO | PF_MEMALLOC)).toBe('PF_MEMALLOC');
    expect(contextName(GFP_NOIO | PF_MEMALLOC | GFP_NOMEMALLOC)).toBe('GFP_NOIO|__GFP_NOMEMALLOC');
    expect(contextName(GFP_ATOMIC | GFP_MEMALLOC)).toBe('GFP_ATOMIC|__GFP_MEMALLOC');
  });
});
