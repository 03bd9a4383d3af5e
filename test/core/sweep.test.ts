import { describe, expect, it } from 'vitest';
import { choice, param } from '../../src/core/params.js';
import { paramDomain, sweepPoints } from '../../src/core/sweep.js';

const specs = {
  pages: param(7, [4, 12], 'pages'),
  pool: param(1, [0, 4], 'pool', { monotone: 'safer-up' }),
  kernel: choice('2.6', ['2.6', 'modern'], 'era'),
};

describe('sweeps', () => {
  it('a domain is the range in order, or the choices as declared', () => {
    expect(paramDomain('pool', specs.pool)).toEqual([0, 1, 2, 3, 4]);
    expect(paramDomain('kernel', specs.kernel)).toEqual(['2.6', 'modern']);
    expect(() => paramDomain('x', { default: 1, doc: '' })).toThrow('parameter x has no finite range to sweep');
  });

  it('points are the cartesian product, the first swept name varying slowest, defaults filled in', () => {
    const points = sweepPoints('m', specs, { pool: 2 }, { kernel: ['modern', '2.6'], pages: ['5', 6] });
    expect(points).toEqual([
      { pages: 5, pool: 2, kernel: 'modern' },
      { pages: 6, pool: 2, kernel: 'modern' },
      { pages: 5, pool: 2, kernel: '2.6' },
      { pages: 6, pool: 2, kernel: '2.6' },
    ]);
    expect(sweepPoints('m', specs, {}, {})).toEqual([{ pages: 7, pool: 1, kernel: '2.6' }]);
  });

  it('a swept name the model lacks, or a value out of range, is bad input naming the choices', () => {
    expect(() => sweepPoints('dm', specs, {}, { legs: [1] })).toThrow("model 'dm' has no parameter 'legs'; its parameters: pages, pool, kernel");
    expect(() => sweepPoints('dm', specs, {}, { pool: [5] })).toThrow('parameter pool=5 is out of range 0..4');
    expect(() => sweepPoints('dm', specs, {}, { kernel: ['2.4'] })).toThrow('parameter kernel=2.4 is not one of: 2.6, modern');
  });
});
