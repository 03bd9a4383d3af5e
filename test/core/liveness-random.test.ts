// The liveness checks against naive references on random small graphs with random fairness.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/core/check.js';
import type { Fairness } from '../../src/core/model.js';
import type { Path } from '../../src/core/result.js';
import { actorName, graphModel, type Graph } from './graph-model.js';
import { naiveLeadsTo, naiveTrap } from './naive-liveness.js';

const ACTORS = 3;

const graphArb: fc.Arbitrary<Graph> = fc.integer({ min: 1, max: 6 }).chain((n) => {
  const node = fc.integer({ min: 0, max: n - 1 });
  const flags = fc.array(fc.boolean(), { minLength: n, maxLength: n });
  return fc.record({
    nodes: fc.constant(n),
    edges: fc.array(fc.record({ from: node, to: node, actor: fc.integer({ min: 0, max: ACTORS - 1 }) }), { maxLength: 10 }),
    inits: fc.array(node, { minLength: 1, maxLength: 2 }),
    p: flags,
    q: flags,
    rest: flags,
    fairness: fc.array(fc.constantFrom<Fairness>('weak', 'strong', 'none'), { minLength: ACTORS, maxLength: ACTORS }),
  });
});

/**
 * Graphs where fairness decides: a q-sink (the last node) that every other node can step into
 * by some actor, and random cycles among the others. A cycle avoids the sink only if the actors
 * whose exits it passes may be starved; with strong fairness an exit enabled now and then counts.
 */
const exitGraphArb: fc.Arbitrary<Graph> = fc.integer({ min: 2, max: 6 }).chain((n) => {
  const inner = fc.integer({ min: 0, max: n - 2 });
  const actor = fc.integer({ min: 0, max: ACTORS - 1 });
  return fc
    .record({
      exits: fc.array(actor, { minLength: n - 1, maxLength: n - 1 }),
      loops: fc.array(fc.record({ from: inner, to: inner, actor }), { maxLength: 8 }),
      fairness: fc.array(fc.constantFrom<Fairness>('weak', 'strong', 'none'), { minLength: ACTORS, maxLength: ACTORS }),
    })
    .map(({ exits, loops, fairness }) => ({
      nodes: n,
      edges: [...loops, ...exits.map((a, from) => ({ from, to: n - 1, actor: a })), { from: n - 1, to: n - 1, actor: 0 }],
      inits: [0],
      p: Array.from({ length: n }, (_, v) => v < n - 1),
      q: Array.from({ length: n }, (_, v) => v === n - 1),
      rest: Array.from({ length: n }, () => false),
      fairness,
    }));
});

const enabledAt = (g: Graph, v: number, a: number): boolean => g.edges.some((e) => e.from === v && e.actor === a);

/** Checks, from the graph alone, that a reported path is a fair violation of p ~> q. */
function expectRealViolation(g: Graph, path: Path<number>): void {
  const { states, actions, loopStart } = path;
  const last = states[states.length - 1]!;
  const from = loopStart ?? states.length - 1;
  const open = states.findIndex((v, i) => g.p[v] && states.slice(i).every((w) => !g.q[w]));
  expect(open).toBeGreaterThanOrEqual(0);
  expect(open <= from || states.slice(from).every((w) => !g.q[w])).toBe(true);
  states.slice(from).forEach((v) => expect(g.q[v]).toBe(false));
  if (loopStart === undefined) {
    expect(g.edges.some((e) => e.from === last)).toBe(false);
    return;
  }
  expect(last).toBe(states[loopStart]);
  const cycle = states.slice(loopStart, -1);
  const moved = new Set(actions.slice(loopStart).map((a) => a.actor));
  g.fairness.forEach((f, a) => {
    if (f === 'none' || moved.has(actorName(a))) return;
    if (f === 'weak') expect(cycle.some((v) => !enabledAt(g, v, a))).toBe(true);
    else expect(cycle.every((v) => !enabledAt(g, v, a))).toBe(true);
  });
}

/** Our verdict equals the brute-force one, with a real fair lasso of the shortest stem. */
function agreesWithReference(g: Graph): void {
  const result = check(graphModel(g, ['leads-to']));
  const property = result.properties[0]!;
  const stem = naiveLeadsTo(g);
  expect(property.status).toBe(stem === undefined ? 'holds' : 'violated');
  if (stem === undefined) return;
  const path = property.counterexample!;
  expectRealViolation(g, path);
  expect(path.loopStart ?? path.states.length - 1).toBe(stem);
  expect(property.failure).toBe(path.loopStart !== undefined ? 'livelock' : g.rest[path.states[path.states.length - 1]!] ? 'stopped' : 'deadlock');
}

describe('leads-to on random graphs', () => {
  it('agrees with brute-force fair-cycle enumeration, and every lasso is a real fair violation', () => {
    fc.assert(fc.property(graphArb, agreesWithReference), { numRuns: 1500 });
  });

  it('agrees where fairness decides (weak and strong flip verdicts here)', () => {
    fc.assert(fc.property(exitGraphArb, agreesWithReference), { numRuns: 1000 });
  });
});

describe('safety properties checked alongside liveness (decided on the graph)', () => {
  it('get the same results as from the safety search, and leave the liveness results unchanged', () => {
    const safety = ['deadlock-free', 'invariant', 'reachable'] as const;
    fc.assert(
      fc.property(graphArb, (g) => {
        const bySearch = check(graphModel(g, safety)).properties;
        const liveness = check(graphModel(g, ['leads-to', 'recoverable'])).properties;
        const together = check(graphModel(g, [...safety, 'leads-to', 'recoverable'])).properties;
        expect(together).toEqual([...bySearch, ...liveness]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('recoverable on random graphs', () => {
  it('reports the same trap region as a per-state search, with a shortest path into it', () => {
    fc.assert(
      fc.property(graphArb, (g) => {
        const property = check(graphModel(g, ['recoverable'])).properties[0]!;
        const trap = naiveTrap(g);
        expect(property.status).toBe(trap.count === 0 ? 'holds' : 'violated');
        if (trap.count === 0) return;
        expect(property.details?.['trapped']).toBe(trap.count);
        expect(property.failure).toBe('unrecoverable');
        expect(property.counterexample!.states.length - 1).toBe(trap.depth);
      }),
      { numRuns: 1000 },
    );
  });
});
