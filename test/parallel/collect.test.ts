import { describe, expect, it } from 'vitest';
import { worthCollecting } from '../../src/parallel/collect.js';

const MB = 2 ** 20;

describe('worthCollecting', () => {
  it('collects when enough buffers are let go of in a large search', () => {
    expect(worthCollecting(16 * MB, 32 * MB)).toBe(true);
    expect(worthCollecting(Infinity, 300 * MB)).toBe(true);
  });

  it('leaves a few buffers, and a small search, to the engine', () => {
    expect(worthCollecting(15 * MB, 300 * MB)).toBe(false);
    expect(worthCollecting(Infinity, 31 * MB)).toBe(false);
  });
});
