import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { counterModel } from '../../models/counter.js';
import { check } from '../../src/core/check.js';
import type { Model } from '../../src/core/model.js';
import { replay } from '../../src/core/path.js';

/** The counter with its processes declared interchangeable: canonical = (pc, t) pairs sorted. */
function symmetricCounter(procs: number, max: number, limit = max + 1): Model<Uint8Array> {
  const base = counterModel(procs, max);
  const scratch = new Uint8Array(1 + 2 * procs);
  return {
    ...base,
    properties: [...base.properties, { kind: 'invariant', name: 'below', holds: (s) => s[0]! < limit }],
    symmetry: [Array.from({ length: procs }, (_, i) => `p${i}`)],
    canonical(s) {
      const pairs = Array.from({ length: procs }, (_, i) => [s[1 + 2 * i]!, s[2 + 2 * i]!] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      scratch[0] = s[0]!;
      pairs.forEach(([pc, t], i) => ((scratch[1 + 2 * i] = pc), (scratch[2 + 2 * i] = t)));
      return scratch;
    },
  };
}

/** Every reachable state by a plain search over the concrete encoding. */
function reachable(m: Model<Uint8Array>): Uint8Array[] {
  const seen = new Map<string, Uint8Array>();
  const queue = [...m.initialStates()];
  while (queue.length) {
    const s = queue.pop()!;
    const k = s.join();
    if (seen.has(k)) continue;
    seen.set(k, s);
    m.successors(s, (_a, n) => queue.push(n.slice()));
  }
  return [...seen.values()];
}

describe('symmetry reduction in the engine', () => {
  test.prop([fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 })], { numRuns: 12 })('stores one state per class, and says so', (procs, max) => {
    const m = symmetricCounter(procs, max);
    const all = reachable(m);
    const classes = new Set(all.map((s) => m.canonical!(s).join()));
    const reduced = check(m, { properties: ['bounded'], tableCapacity: 4 });
    const full = check(m, { properties: ['bounded'], symmetry: false });
    expect(full.stats.states).toBe(all.length);
    expect(reduced.stats.states).toBe(classes.size);
    expect(reduced.verdict).toBe('holds');
    expect(reduced.stats.symmetry?.groups).toEqual(m.symmetry);
    expect(full.stats.symmetry).toBeUndefined();
  });

  test.prop([fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 4 })], { numRuns: 20 })(
    'finds counterexamples of the same least length, as real traces that replay',
    (procs, max, limit) => {
      const m = symmetricCounter(procs, max, limit);
      const reduced = check(m, { properties: ['below'], tableCapacity: 4 });
      const full = check(m, { properties: ['below'], symmetry: false });
      const a = reduced.properties[0]!;
      const b = full.properties[0]!;
      expect(a.status).toBe(b.status);
      expect(a.counterexample?.actions.length).toBe(b.counterexample?.actions.length);
      if (a.counterexample) {
        expect(replay(m, a.counterexample.choices).states).toEqual(a.counterexample.states);
        expect(a.counterexample.states.at(-1)![0]).toBeGreaterThanOrEqual(limit);
      }
    },
  );

  it('decides a liveness property on the quotient graph: one node per class', () => {
    const m = symmetricCounter(2, 2);
    const live = { ...m, properties: [...m.properties, { kind: 'recoverable' as const, name: 'back-to-zero', q: (s: Uint8Array) => s[0] === 0 }] };
    const r = check(live);
    expect(r.stats.symmetry).toEqual({ groups: [['p0', 'p1']], reduced: true, fullGraph: [] });
    expect(r.stats.states).toBe(check(live, { properties: ['bounded'] }).stats.states);
    expect(r.stats.states).toBeLessThan(check(live, { symmetry: false }).stats.states);
  });

  it('changes nothing for a model without symmetry', () => {
    const m = counterModel(3, 2);
    expect(check(m).stats.states).toBe(check(m, { symmetry: false }).stats.states);
    expect(check(m).stats.symmetry).toBeUndefined();
  });
});
