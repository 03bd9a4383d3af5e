// check() with liveness properties: limits, dead ends, traps, and graphs too deep for recursion.
import { describe, expect, it } from 'vitest';
import { check, checkAsync } from '../../src/core/check.js';
import type { Action, Model } from '../../src/core/model.js';
import { counterWithProgress } from '../../models/counter.js';
import { graphModel } from './graph-model.js';

/**
 * A ring 0 -> 1 -> ... -> n-1 -> 0, plus edges from 0 to every node: the BFS is three levels
 * deep, but a depth-first search from 0 follows the ring n nodes deep. One weakly fair actor;
 * q at node `goal` (nowhere if -1).
 */
function fan(n: number, goal: number): Model<number> {
  const step: Action = { actor: 'a', name: 'step' };
  return {
    name: 'fan',
    initialStates: () => [0],
    successors: (v, emit) => {
      emit(step, (v + 1) % n);
      if (v === 0) for (let w = 2; w < n; w++) emit(step, w);
    },
    encode: (v) => new Uint8Array(new Uint32Array([v]).buffer),
    decode: (b) => new Uint32Array(b.slice().buffer)[0]!,
    isRest: () => false,
    fairness: () => 'weak',
    properties: [{ kind: 'leads-to', name: 'reach-goal', p: (v) => v === 0, q: (v) => v === goal }],
  };
}

describe('limits', () => {
  it('never says holds on a partial graph', () => {
    const result = check(counterWithProgress(2, 2), { properties: ['p0-writes'], maxStates: 20 });
    expect(result.properties[0]!.status).toBe('unknown');
    expect(result.verdict).toBe('incomplete');
    expect(result.incomplete).toBe('max-states');
  });

  it('reports a violation found inside a partial graph, and it replays', () => {
    const result = check(counterWithProgress(3, 3), { properties: ['p0-writes'], fairness: { p0: 'none' }, maxDepth: 12 });
    expect(result.incomplete).toBe('max-depth');
    expect(result.verdict).toBe('violated');
    expect(result.properties[0]!.failure).toBe('livelock');
  });

  it('gives unknown when interrupted', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await checkAsync(counterWithProgress(3, 3), { properties: ['p0-writes'], signal: controller.signal });
    expect(result.properties[0]!.status).toBe('unknown');
    expect(result.verdict).toBe('incomplete');
  });

  it('reports what it found before an interruption, and unknown for the rest', () => {
    const controller = new AbortController();
    let calls = 0;
    const onProgress = (): void => {
      if (++calls === 5) controller.abort(); // after 1280 of 4430 states; 'small' fails at depth 3
    };
    const result = check(withEarlyViolation(counterWithProgress(3, 3)), { properties: ['small', 'p0-writes'], signal: controller.signal, onProgress, progressIntervalMs: 0 });
    expect(result.incomplete).toBe('interrupted');
    expect(result.properties.map((p) => `${p.name}=${p.status}`)).toEqual(['p0-writes=unknown', 'small=violated']);
    expect(result.verdict).toBe('violated');
  });
});

/** The counter with an invariant that fails at depth 3, so the safety search stops early. */
function withEarlyViolation(model: Model<Uint8Array>): Model<Uint8Array> {
  return { ...model, properties: [...model.properties, { kind: 'invariant', name: 'small', holds: (s) => s[0] === 0 }] };
}

describe('one exploration for safety and liveness together', () => {
  it('calls the successor function once a state', () => {
    const model = counterWithProgress(3, 3);
    let calls = 0;
    const counting = { ...model, successors: (s: Uint8Array, emit: Parameters<typeof model.successors>[1]) => (calls++, model.successors(s, emit)) };
    const result = check(counting, { properties: ['no-deadlock', 'bounded', 'p0-writes'] });
    expect(result.verdict).toBe('holds');
    expect(calls).toBe(result.stats.states);
  });

  it('decides the safety properties on the graph as the safety search does', () => {
    const model = withEarlyViolation(counterWithProgress(3, 3));
    const together = check(model, { properties: ['small', 'p0-writes'] }).properties;
    expect(together.map((p) => `${p.name}=${p.status}`)).toEqual(['p0-writes=holds', 'small=violated']);
    expect(together[1]).toEqual(check(model, { properties: ['small'] }).properties[0]);
  });
});

describe('statistics', () => {
  it('come from the graph when only liveness properties are checked', () => {
    const stats = check(counterWithProgress(3, 3), { properties: ['p0-writes'] }).stats;
    const safety = check(counterWithProgress(3, 3), { properties: ['bounded'] }).stats;
    expect([stats.states, stats.transitions, stats.depth]).toEqual([safety.states, safety.transitions, safety.depth]);
    expect(stats.bytesPerState).toBeGreaterThan(safety.bytesPerState); // the edges are counted
  });
});

describe('dead ends', () => {
  const line = (rest: boolean) => graphModel({
    nodes: 2,
    edges: [{ from: 0, to: 1, actor: 0 }],
    inits: [0],
    p: [true, false],
    q: [false, false],
    rest: [false, rest],
    fairness: ['weak'],
  }, ['leads-to']);

  it('a run that stops with the obligation open violates leads-to: a deadlock', () => {
    const property = check(line(false)).properties[0]!;
    expect(property.failure).toBe('deadlock');
    expect(property.counterexample!.states).toEqual([0, 1]);
    expect(property.counterexample!.loopStart).toBeUndefined();
  });

  it('at a rest state too: a stop is forever, and q never came', () => {
    expect(check(line(true)).properties[0]!.failure).toBe('stopped');
  });
});

describe('recoverable', () => {
  it('reports the trap region, a representative and the shortest path into it', () => {
    // 0 <-> 1 (q at 0); 1 -> 2 -> 3 -> 2: nodes 2 and 3 never return.
    const model = graphModel({
      nodes: 4,
      edges: [{ from: 0, to: 1, actor: 0 }, { from: 1, to: 0, actor: 0 }, { from: 1, to: 2, actor: 1 }, { from: 2, to: 3, actor: 0 }, { from: 3, to: 2, actor: 0 }],
      inits: [0],
      p: [false, false, false, false],
      q: [true, false, false, false],
      rest: [false, false, false, false],
      fairness: ['weak', 'weak'],
    }, ['recoverable']);
    const property = check(model).properties[0]!;
    expect(property.failure).toBe('unrecoverable');
    expect(property.details).toEqual({ trapped: 2, states: 4 });
    expect(property.counterexample!.states).toEqual([0, 1, 2]);
  });
});

describe('deep graphs', () => {
  it('decomposes a component 100,000 states deep without recursion', () => {
    const property = check(fan(100_000, -1)).properties[0]!;
    expect(property.failure).toBe('livelock');
    expect(property.counterexample!.loopStart).toBe(0);
    expect(property.counterexample!.states).toEqual([0, 99_999, 0]); // the shortest cycle
  });

  it('and proves that every way back to the start passes the last node', () => {
    expect(check(fan(100_000, 99_999)).verdict).toBe('holds');
  });
});
