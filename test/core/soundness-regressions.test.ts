// Ways the engine once gave a wrong answer, each kept as a test: a checker that wrongly says
// "holds" is worse than none.
import { describe, expect, it } from 'vitest';
import { check } from '../../src/core/check.js';
import { CheckError } from '../../src/core/errors.js';
import type { Model, Property } from '../../src/core/model.js';

/** 0 -> 1 -> ... -> n-1 -> 0, one actor; the state is its number, encoded in 3 bytes. */
function ring(n: number, properties: readonly Property<number>[]): Model<number> {
  return {
    name: 'ring',
    initialStates: () => [0],
    successors: (s, emit) => emit({ actor: 'a', name: 'next' }, (s + 1) % n),
    encode: (s) => Uint8Array.of(s & 0xff, (s >>> 8) & 0xff, s >>> 16),
    decode: (b) => b[0]! | (b[1]! << 8) | (b[2]! << 16),
    isRest: () => false,
    properties,
  };
}

describe('two deadlock-free properties (a model may classify dead ends its own way in each)', () => {
  // 0 -> 1 -> 2, and 2 is the only dead end: both properties are violated there.
  const chain: Model<number> = {
    name: 'chain',
    initialStates: () => [0],
    successors: (s, emit) => s < 2 && emit({ actor: 'a', name: 'step' }, s + 1),
    encode: (s) => Uint8Array.of(s),
    decode: (b) => b[0]!,
    isRest: () => false,
    properties: [
      { kind: 'deadlock-free', name: 'no-deadlock' },
      { kind: 'deadlock-free', name: 'no-oom', classify: () => 'oom' },
    ],
  };

  it('are both violated by the one dead end, in the safety search and on the graph alike', () => {
    const bySearch = check(chain);
    expect(bySearch.properties.map((p) => [p.status, p.failure, p.counterexample?.actions.length])).toEqual([
      ['violated', 'deadlock', 2],
      ['violated', 'oom', 2],
    ]);
    const withLiveness: Model<number> = { ...chain, properties: [...chain.properties, { kind: 'leads-to', name: 'lt', p: () => false, q: () => true }] };
    expect(check(withLiveness).properties.slice(0, 2)).toEqual(bySearch.properties);
  });
});

describe('a property that encodes a state while the engine holds an encoding view', () => {
  // encode writes into one scratch buffer (the contract allows it) and a property encodes a
  // reference state to compare with: the engine must have copied the view before calling it.
  const buffer = new Uint8Array(1);
  const model: Model<number> = {
    name: 'scratch-encoding',
    initialStates: () => [0],
    successors: (s, emit) => emit({ actor: 'a', name: 'inc' }, (s + 1) % 6),
    encode: (s) => ((buffer[0] = s), buffer),
    decode: (b) => b[0]!,
    isRest: () => false,
    properties: [
      { kind: 'invariant', name: 'not-5', holds: (s) => model.encode(5)[0] !== s },
      { kind: 'leads-to', name: 'one-to-three', p: (s) => s === 1, q: (s) => s === 3 },
    ],
  };

  it('explores every state in the safety search and on the graph', () => {
    const safety = check(model, { properties: ['not-5'] });
    expect(safety.stats.states).toBe(6);
    expect(safety.properties[0]!.status).toBe('violated');
    const both = check(model);
    expect(both.stats.states).toBe(6);
    expect(both.properties.map((p) => p.status)).toEqual(['violated', 'holds']);
    expect(both.properties[0]!.counterexample!.states.at(-1)).toBe(5);
  });
});

describe('the table capacity hint', () => {
  it('is rejected unless a number from 0 to 2^28 (NaN, Infinity and negatives are errors)', () => {
    for (const tableCapacity of [NaN, Infinity, -1]) {
      expect(() => check(ring(10, []), { tableCapacity })).toThrow(CheckError);
      expect(() => check(ring(10, []), { tableCapacity })).toThrow(/tableCapacity must be/);
    }
  });

  it('may be fractional: the table still finds every state exactly once, and paths rebuild', () => {
    for (const tableCapacity of [16.5, 20.7, 1000.5]) {
      const r = check(ring(3000, [{ kind: 'invariant', name: 'below-2999', holds: (s) => s < 2999 }]), { tableCapacity });
      expect(r.stats.states).toBe(3000);
      expect(r.properties[0]!.counterexample!.states.length).toBe(3000);
    }
  });
});

describe('fairness units (actor, or actor [group]) must not be confused with actor names', () => {
  it('an actor whose name looks like a unit is rejected when liveness is checked', () => {
    const model: Model<number> = {
      name: 'bracket',
      initialStates: () => [0],
      successors: (s, emit) => {
        emit({ actor: 'disk', name: 'serve-a', fairnessGroup: 'a' }, s);
        emit({ actor: 'disk [a]', name: 'other' }, 1 - s);
      },
      encode: (s) => Uint8Array.of(s),
      decode: (b) => b[0]!,
      isRest: () => false,
      fairness: () => 'weak',
      properties: [{ kind: 'leads-to', name: 'reaches-1', p: (s) => s === 0, q: (s) => s === 1 }],
    };
    expect(() => check(model)).toThrow(/actor 'disk \[a\]'.*' \['/);
  });
});

describe('a search stopped by a limit', () => {
  it('with no property selected is never reached: a check of nothing is refused, limits or not', () => {
    const model = ring(100, [{ kind: 'invariant', name: 'any', holds: () => true }]);
    expect(() => check(model, { properties: [], maxStates: 10 })).toThrow(/no property selected/);
    expect(() => check({ ...model, properties: [] }, { maxDepth: 5 })).toThrow(/declares no property/);
    expect(() => check(model, { properties: [] })).toThrow(CheckError);
  });

  it('a reachable property witnessed early holds without exploring the rest', () => {
    const r = check(ring(100, [{ kind: 'reachable', name: 'five', test: (s) => s === 5 }]));
    expect([r.verdict, r.incomplete, r.stats.states]).toEqual(['holds', undefined, 6]);
    expect(r.properties[0]!.witness!.states.length).toBe(6);
  });
});

describe("a model's fairness declaration", () => {
  it('is rejected when it is not weak, strong or none (a misspelt kind would starve the actor)', () => {
    const model: Model<number> = {
      ...ring(3, [{ kind: 'leads-to', name: 'reaches-2', p: (s) => s === 0, q: (s) => s === 2 }]),
      fairness: () => 'Weak' as 'weak',
    };
    expect(() => check(model)).toThrow(/the model gives actor 'a' fairness 'Weak'; valid: weak, strong, none/);
    expect(check({ ...model, fairness: () => 'weak' }).verdict).toBe('holds');
  });
});
