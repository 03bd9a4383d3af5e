import { describe, expect, it } from 'vitest';
import { check, checkAsync } from '../../src/core/check.js';
import { counterModel } from '../../models/counter.js';

describe('limits never give "holds"', () => {
  it('max-states stops with incomplete and unknown properties', () => {
    const r = check(counterModel(3, 3), { maxStates: 100 });
    expect(r.verdict).toBe('incomplete');
    expect(r.incomplete).toBe('max-states');
    expect(r.properties.every((p) => p.status === 'unknown')).toBe(true);
    expect(r.stats.states).toBeGreaterThanOrEqual(100);
  });

  it('max-depth stops with incomplete', () => {
    const r = check(counterModel(3, 3), { maxDepth: 3 });
    expect(r.verdict).toBe('incomplete');
    expect(r.incomplete).toBe('max-depth');
    expect(r.stats.depth).toBeLessThanOrEqual(4);
  });

  it('an aborted search reports what it explored as incomplete', async () => {
    const controller = new AbortController();
    controller.abort();
    const r = await checkAsync(counterModel(4, 7), { signal: controller.signal });
    expect(r.verdict).toBe('incomplete');
    expect(r.incomplete).toBe('interrupted');
    expect(r.stats.states).toBeLessThan(1305246);
  });

  it('a time limit stops a long search', async () => {
    const r = await checkAsync(counterModel(6, 6), { timeLimitSeconds: 0.2 });
    expect(r.verdict).toBe('incomplete');
    expect(r.incomplete).toBe('time-limit');
  });

  it('a violation found before a limit is still reported as violated', () => {
    const m = counterModel(2, 3);
    const model = { ...m, properties: [{ kind: 'invariant' as const, name: 'below-2', holds: (s: Uint8Array) => s[0]! < 2 }] };
    const r = check(model, { maxStates: 1000 });
    expect(r.verdict).toBe('violated');
    expect(r.properties[0]!.counterexample!.actions.map((a) => a.name)).toEqual(['read', 'inc', 'write', 'read', 'inc', 'write']);
  });

  it('an unknown property name is an error naming the known ones', () => {
    expect(() => check(counterModel(2, 2), { properties: ['nope'] })).toThrow(/unknown property 'nope'; known: no-deadlock, bounded/);
  });

  it('a model that throws is reported as such', () => {
    const m = counterModel(2, 2);
    const model = { ...m, successors: () => { throw new Error('boom'); } };
    expect(() => check(model)).toThrow(/the model threw in the search: boom/);
  });
});
