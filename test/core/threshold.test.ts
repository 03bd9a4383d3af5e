import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findThreshold, type Probe } from '../../src/core/threshold.js';

type Status = 'holds' | 'violated' | 'incomplete';
const probe = (s: Status, i: number): Probe<number> => (s === 'holds' ? { status: 'holds' } : { status: s, evidence: i });

function oracle(statuses: readonly Status[]) {
  let probes = 0;
  const test = async (i: number) => {
    probes++;
    return probe(statuses[i]!, i);
  };
  return { test, count: () => probes };
}

describe('findThreshold', () => {
  it('bisection on a monotone predicate finds the first value that holds, with the one before as evidence', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 64 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }))), async ([n, k]) => {
        const values = Array.from({ length: n }, (_, i) => i);
        const o = oracle(values.map((i) => (i >= k ? 'holds' : 'violated')));
        const r = await findThreshold({ values, monotone: true, test: o.test });
        if (k === n) expect(r).toEqual({ kind: 'none', best: { value: n - 1, evidence: n - 1 }, probes: 1 });
        else if (k === 0) expect(r).toMatchObject({ kind: 'found', value: 0 });
        else expect(r).toMatchObject({ kind: 'found', value: k, beyond: { value: k - 1, evidence: k - 1 } });
        expect(o.count()).toBeLessThanOrEqual(Math.ceil(Math.log2(n)) + 2);
      }),
    );
  });

  it('a scan finds the first value that holds on any predicate, and stops there', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom<Status>('holds', 'violated'), { minLength: 1, maxLength: 20 }), async (statuses) => {
        const values = statuses.map((_, i) => i);
        const o = oracle(statuses);
        const r = await findThreshold({ values, monotone: false, test: o.test });
        const first = statuses.indexOf('holds');
        if (first < 0) expect(r).toMatchObject({ kind: 'none', best: { value: statuses.length - 1 } });
        else expect(r).toMatchObject({ kind: 'found', value: first, ...(first > 0 ? { beyond: { value: first - 1 } } : {}) });
        expect(o.count()).toBe(first < 0 ? statuses.length : first + 1);
      }),
    );
  });

  it('an undecided probe on the way makes the answer incomplete, never a value', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom<Status>('holds', 'violated', 'incomplete'), { minLength: 1, maxLength: 20 }), fc.boolean(), async (statuses, monotone) => {
        const values = statuses.map((_, i) => i);
        const r = await findThreshold({ values, monotone, test: oracle(statuses).test });
        if (r.kind === 'found') {
          // Whatever the search claims, it probed: the answer holds and (if any) the value before fails.
          expect(statuses[r.value]).toBe('holds');
          if (r.beyond) expect(statuses[r.beyond.value]).toBe('violated');
          if (!monotone) expect(statuses.slice(0, r.value).every((s) => s === 'violated')).toBe(true);
        }
        if (r.kind === 'incomplete') expect(statuses[r.at] === 'incomplete' || r.evidence === undefined).toBe(true);
        if (!monotone && statuses.every((s) => s !== 'holds') && statuses.includes('incomplete')) expect(r.kind).toBe('incomplete');
      }),
    );
  });

  it('stops when aborted', async () => {
    const r = await findThreshold({ values: [1, 2, 3], monotone: false, test: async () => probe('violated', 0), aborted: () => true });
    expect(r).toEqual({ kind: 'incomplete', at: 1, probes: 0 });
  });
});
