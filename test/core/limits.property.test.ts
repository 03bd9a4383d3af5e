// Limits on random graphs: a search cut short by max-depth or max-states never says 'holds'
// unless it saw everything, every violation it reports is real, and at the boundary (max-depth
// just beyond the deepest state) it gives exactly the unlimited answer. Both explorers: the
// safety search (safety properties only) and the graph (with liveness properties).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, checkAsync, type CheckOptions } from '../../src/core/check.js';
import type { Fairness } from '../../src/core/model.js';
import type { Path, PropertyResult } from '../../src/core/result.js';
import { counterWithProgress } from '../../models/counter.js';
import { graphModel, type Graph } from './graph-model.js';

const SAFETY = ['deadlock-free', 'invariant', 'reachable'] as const;
const ALL = [...SAFETY, 'leads-to', 'recoverable'] as const;

const graphArb: fc.Arbitrary<Graph> = fc.integer({ min: 1, max: 7 }).chain((n) => {
  const node = fc.integer({ min: 0, max: n - 1 });
  const flags = fc.array(fc.boolean(), { minLength: n, maxLength: n });
  return fc.record({
    nodes: fc.constant(n),
    edges: fc.array(fc.record({ from: node, to: node, actor: fc.integer({ min: 0, max: 2 }) }), { maxLength: 12 }),
    inits: fc.array(node, { minLength: 1, maxLength: 2 }),
    p: flags,
    q: flags,
    rest: flags,
    fairness: fc.array(fc.constantFrom<Fairness>('weak', 'strong', 'none'), { minLength: 3, maxLength: 3 }),
  });
});

/** Breadth-first distance of every reachable node. */
function distances(g: Graph): Map<number, number> {
  const dist = new Map<number, number>();
  let level = [...new Set(g.inits)];
  level.forEach((v) => dist.set(v, 0));
  for (let d = 1; level.length > 0; d++) {
    const next: number[] = [];
    for (const e of g.edges) if (level.includes(e.from) && !dist.has(e.to)) (dist.set(e.to, d), next.push(e.to));
    level = next;
  }
  return dist;
}

const minDist = (dist: Map<number, number>, pick: (v: number) => boolean): number =>
  Math.min(Infinity, ...[...dist].filter(([v]) => pick(v)).map(([, d]) => d));

/** The path follows the graph's edges and, for a leads-to, keeps an obligation open to its end or around its cycle. */
function expectRealPath(g: Graph, r: PropertyResult<number>): void {
  const path: Path<number> = (r.counterexample ?? r.witness)!;
  const { states, loopStart } = path;
  for (let i = 1; i < states.length; i++) expect(g.edges.some((e) => e.from === states[i - 1] && e.to === states[i])).toBe(true);
  if (r.kind !== 'leads-to') return;
  const from = loopStart ?? states.length - 1;
  expect(states.some((v, i) => i <= from && g.p[v] && states.slice(i).every((w) => !g.q[w]))).toBe(true);
  if (loopStart === undefined) expect(g.edges.some((e) => e.from === states.at(-1))).toBe(false);
  else expect(states.at(-1)).toBe(states[loopStart]);
}

/** What a cut-short search may say, given the unlimited answer. */
function expectSoundUnder(g: Graph, limited: readonly PropertyResult<number>[], full: readonly PropertyResult<number>[]): void {
  limited.forEach((r, i) => {
    const whole = full[i]!;
    if (r.status === 'holds' && r.kind !== 'reachable') expect(whole.status).toBe('holds');
    if (r.status === 'violated') {
      expect(whole.status).toBe('violated');
      if (r.failure !== 'unreachable') expectRealPath(g, r);
    }
    if (r.kind === 'reachable' && r.status === 'holds') expectRealPath(g, r);
  });
}

function expectBoundedSafety(g: Graph, d: number, results: readonly PropertyResult<number>[]): void {
  const dist = distances(g);
  const deepest = Math.max(...dist.values());
  const complete = d > deepest;
  const deadAt = minDist(dist, (v) => !g.edges.some((e) => e.from === v) && !g.rest[v]);
  const badAt = minDist(dist, (v) => g.p[v]! && g.q[v]!);
  const qAt = minDist(dist, (v) => g.q[v]!);
  const [deadlock, invariant, reachable] = results;
  // Levels 0 .. d-1 are expanded (dead ends seen), levels 0 .. d are stored (states checked).
  expect(deadlock!.status).toBe(deadAt < d ? 'violated' : complete ? 'holds' : 'unknown');
  expect(invariant!.status).toBe(badAt <= d ? 'violated' : complete ? 'holds' : 'unknown');
  expect(reachable!.status).toBe(qAt <= d ? 'holds' : complete ? 'violated' : 'unknown');
  if (deadAt < d) expect(deadlock!.counterexample!.actions.length).toBe(deadAt);
  if (badAt <= d) expect(invariant!.counterexample!.actions.length).toBe(badAt);
  if (qAt <= d) expect(reachable!.witness!.actions.length).toBe(qAt);
}

describe('max-depth on random graphs', () => {
  it('decides exactly what the explored levels show, in the safety search and on the graph', () => {
    fc.assert(
      fc.property(graphArb, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 40 }), (g, maxDepth, tableCapacity) => {
        const options: CheckOptions = { maxDepth, tableCapacity };
        const safety = check(graphModel(g, SAFETY), options);
        expectBoundedSafety(g, maxDepth, safety.properties);
        const all = check(graphModel(g, ALL), options);
        expect(all.properties.slice(0, 3)).toEqual(safety.properties);
        const full = check(graphModel(g, ALL)).properties;
        expectSoundUnder(g, all.properties, full);
        const complete = maxDepth > Math.max(...distances(g).values());
        expect(all.incomplete).toBe(complete ? undefined : 'max-depth');
        if (complete) expect(all.properties).toEqual(full);
        if (all.verdict === 'holds') expect(complete).toBe(true);
      }),
      { numRuns: 800 },
    );
  }, 120_000);
});

describe('max-states on random graphs', () => {
  it('never holds short of the whole graph; what it reports is real', () => {
    fc.assert(
      fc.property(graphArb, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 40 }), (g, maxStates, tableCapacity) => {
        const reachable = distances(g).size;
        for (const kinds of [SAFETY, ALL]) {
          const limited = check(graphModel(g, kinds), { maxStates, tableCapacity });
          const full = check(graphModel(g, kinds));
          expectSoundUnder(g, limited.properties, full.properties);
          if (limited.incomplete === undefined) expect(limited.properties).toEqual(full.properties);
          else expect(limited.incomplete).toBe('max-states');
          // The graph never stops early, so it stops exactly when the limit is within the graph.
          if (kinds === ALL) expect(limited.incomplete).toBe(maxStates <= reachable ? 'max-states' : undefined);
          else if (maxStates > reachable) expect(limited.incomplete).toBeUndefined();
        }
      }),
      { numRuns: 600 },
    );
  }, 120_000);
});

describe('tiny tables', () => {
  it('give the same results as the default table, for safety alone, liveness alone and both together', () => {
    fc.assert(
      fc.property(graphArb, fc.integer({ min: 0, max: 20 }), (g, tableCapacity) => {
        for (const kinds of [SAFETY, ['leads-to', 'recoverable'] as const, ALL]) {
          expect(check(graphModel(g, kinds), { tableCapacity }).properties).toEqual(check(graphModel(g, kinds)).properties);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('stopping a liveness check', () => {
  it('an interrupt or a time limit during the graph exploration leaves liveness unknown, never holds', async () => {
    const model = counterWithProgress(4, 7);
    const controller = new AbortController();
    controller.abort();
    for (const options of [{ signal: controller.signal }, { timeLimitSeconds: 0.05 }] satisfies CheckOptions[]) {
      const r = await checkAsync(model, { properties: ['p0-writes', 'bounded'], ...options });
      expect(r.verdict).toBe('incomplete');
      expect(r.properties.map((p) => p.status)).toEqual(['unknown', 'unknown']);
    }
  });
});
