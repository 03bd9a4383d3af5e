import { describe, expect, it } from 'vitest';
import { perWorld } from '../../src/alloc/per-world.js';
import type { World } from '../../src/alloc/world.js';

describe('perWorld', () => {
  it('makes a value once per world, and gives each world its own as they alternate', () => {
    const a = { pages: 8 } as World;
    const b = { pages: 12 } as World;
    let made = 0;
    const pagesOf = perWorld((w) => ({ pages: w.pages, n: ++made }));
    for (let i = 0; i < 3; i++) {
      expect(pagesOf(a)).toEqual({ pages: 8, n: 1 });
      expect(pagesOf(b)).toEqual({ pages: 12, n: 2 });
    }
    expect(made).toBe(2);
  });
});
