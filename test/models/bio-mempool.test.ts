import { describe, expect, it } from 'vitest';
import bio from '../../models/bio-mempool.js';
import type { ParamSpec } from '../../src/core/params.js';
import { run } from './run.js';

function values(spec: ParamSpec): (number | string)[] {
  if (spec.choices) return [...spec.choices];
  const [lo, hi] = spec.range!;
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

function* settings(): Generator<Record<string, number | string>> {
  const entries = Object.entries(bio.params);
  const rec = function* (i: number, acc: Record<string, number | string>): Generator<Record<string, number | string>> {
    if (i === entries.length) return yield { ...acc };
    const [name, spec] = entries[i]!;
    for (const v of values(spec)) yield* rec(i + 1, { ...acc, [name]: v });
  };
  yield* rec(0, {});
}

describe('bio-mempool', () => {
  it.each([
    ['none', 'holds', 99],
    ['mempool-only', 'holds', 80],
    ['dirty-limit', 'holds', 15],
    ['reclaim-throttle', 'holds', 147],
  ])('under %s: %s, %i states', (policy, verdict, states) => {
    const r = run(bio, policy);
    expect(r.verdict).toBe(verdict);
    expect(r.states).toBe(states);
  });

  it('holds under mempool-only for every configuration in its declared ranges', () => {
    const failures: string[] = [];
    let n = 0;
    for (const p of settings()) {
      n++;
      const r = run(bio, 'mempool-only', p);
      if (r.verdict !== 'holds') failures.push(JSON.stringify(p));
    }
    expect(n).toBe(3 * 3 * 2 * 2 * 2);
    expect(failures).toEqual([]);
  });

  it('takes bios from the pool when it must', () => {
    const r = run(bio, 'mempool-only', { min: 1, pool: 2 });
    expect(r.verdict).toBe('holds');
    const model = bio.build({ min: 1, pool: 2 }, 'mempool-only');
    const texts: string[] = [];
    const visit = (s: ReturnType<typeof model.initialStates>[number], depth: number): void => {
      if (depth > 0) model.successors(s, (a, next) => (texts.push(a.text), visit(next, depth - 1)));
    };
    visit(model.initialStates()[0]!, 9);
    expect(texts.some((t) => /from the bio mempool \(1 left\)/.test(t))).toBe(true);
  });
});
