// Differential tests of the liveness checks with fairness groups: each (actor, group) is a
// fairness unit with its actor's kind. The brute-force reference (naive-liveness.ts) knows
// nothing of groups, so it is given one pseudo-actor per unit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/core/check.js';
import type { Action, Fairness, Model } from '../../src/core/model.js';
import type { Path } from '../../src/core/result.js';
import type { Edge, Graph } from './graph-model.js';
import { naiveLeadsTo } from './naive-liveness.js';

const ACTORS = 2;
const GROUPS = [undefined, 'x', 'y'] as const;

interface UnitEdge extends Edge {
  readonly group: number; // index into GROUPS
}

/** A graph-model.ts graph whose edges also name a fairness group. */
interface UnitGraph extends Omit<Graph, 'edges'> {
  readonly edges: readonly UnitEdge[];
}

const unitArb: fc.Arbitrary<UnitGraph> = fc.integer({ min: 1, max: 5 }).chain((n) => {
  const node = fc.integer({ min: 0, max: n - 1 });
  const flags = fc.array(fc.boolean(), { minLength: n, maxLength: n });
  return fc.record({
    nodes: fc.constant(n),
    edges: fc.array(fc.record({ from: node, to: node, actor: fc.integer({ min: 0, max: ACTORS - 1 }), group: fc.integer({ min: 0, max: GROUPS.length - 1 }) }), { maxLength: 10 }),
    inits: fc.array(node, { minLength: 1, maxLength: 2 }),
    p: flags,
    q: flags,
    rest: flags,
    fairness: fc.array(fc.constantFrom<Fairness>('weak', 'strong', 'none'), { minLength: ACTORS, maxLength: ACTORS }),
  });
});

/** The graph the reference sees: one pseudo-actor per unit, with its actor's fairness. */
function asUnits(g: UnitGraph): Graph {
  const unit = (e: UnitEdge): number => e.actor * GROUPS.length + e.group;
  return {
    ...g,
    edges: g.edges.map((e) => ({ from: e.from, to: e.to, actor: unit(e) })),
    fairness: Array.from({ length: ACTORS * GROUPS.length }, (_, u) => g.fairness[Math.floor(u / GROUPS.length)]!),
  };
}

/**
 * The model: state `{ v }`. Successors are emitted through one reused scratch object and
 * `encode` returns a view of one reused buffer, as the model contract allows: every copy the
 * engine keeps must be its own.
 */
function unitModel(g: UnitGraph): Model<{ v: number }> {
  const actions: Action[] = g.edges.map((e, i) => {
    const group = GROUPS[e.group];
    return group === undefined ? { actor: `a${e.actor}`, name: `e${i}` } : { actor: `a${e.actor}`, name: `e${i}`, fairnessGroup: group };
  });
  const scratch = { v: 0 };
  const buffer = new Uint8Array(1);
  return {
    name: 'units',
    initialStates: () => g.inits.map((v) => ({ v })),
    successors: (s, emit) =>
      g.edges.forEach((e, i) => {
        if (e.from !== s.v) return;
        scratch.v = e.to;
        emit(actions[i]!, scratch);
        scratch.v = 255; // whatever the engine kept must not see this
      }),
    encode: (s) => ((buffer[0] = s.v), buffer),
    decode: (b) => ({ v: b[0]! }),
    isRest: (s) => g.rest[s.v]!,
    fairness: (actor) => g.fairness[Number(actor.slice(1))] ?? 'none',
    properties: [{ kind: 'leads-to', name: 'progress', p: (s) => g.p[s.v]!, q: (s) => g.q[s.v]! }],
  };
}

const unitOf = (a: Action): string => (a.fairnessGroup === undefined ? a.actor : `${a.actor}/${a.fairnessGroup}`);

/** From the graph alone: the path follows edges, keeps an obligation open, and its cycle is fair per unit. */
function expectFairViolation(g: UnitGraph, path: Path<{ v: number }>): void {
  const states = path.states.map((s) => s.v);
  const { actions, loopStart } = path;
  actions.forEach((a, i) => {
    const e = g.edges[Number(a.name.slice(1))]!;
    expect([e.from, e.to]).toEqual([states[i], states[i + 1]]);
  });
  const from = loopStart ?? states.length - 1;
  expect(states.some((v, i) => i <= from && g.p[v] && states.slice(i).every((w) => !g.q[w]))).toBe(true);
  if (loopStart === undefined) {
    expect(g.edges.some((e) => e.from === states.at(-1))).toBe(false);
    return;
  }
  expect(states.at(-1)).toBe(states[loopStart]);
  const cycle = states.slice(loopStart, -1);
  const moved = new Set(actions.slice(loopStart).map(unitOf));
  const enabled = (v: number): Set<string> =>
    new Set(g.edges.flatMap((e, i) => (e.from === v ? [unitOf({ actor: `a${e.actor}`, name: `e${i}`, ...(GROUPS[e.group] ? { fairnessGroup: GROUPS[e.group]! } : {}) })] : [])));
  const units = new Set(cycle.flatMap((v) => [...enabled(v)]));
  for (const u of units) {
    const kind = g.fairness[Number(u.slice(1, 2))]!;
    if (kind === 'none' || moved.has(u)) continue;
    if (kind === 'weak') expect(cycle.some((v) => !enabled(v).has(u))).toBe(true);
    else expect(cycle.every((v) => !enabled(v).has(u))).toBe(true);
  }
}

describe('leads-to with fairness groups, successors through a scratch state and a scratch encoding', () => {
  it('agrees with the per-unit brute-force reference, shortest stem, real fair lasso', () => {
    fc.assert(
      fc.property(unitArb, fc.integer({ min: 0, max: 40 }), (g, tableCapacity) => {
        const property = check(unitModel(g), { tableCapacity }).properties[0]!;
        const stem = naiveLeadsTo(asUnits(g));
        expect(property.status).toBe(stem === undefined ? 'holds' : 'violated');
        if (stem === undefined) return;
        const path = property.counterexample!;
        expectFairViolation(g, path);
        expect(path.loopStart ?? path.states.length - 1).toBe(stem);
      }),
      { numRuns: 1500 },
    );
  }, 120_000);

  it('groups only split fairness: with every group dropped the verdict is the per-actor one', () => {
    fc.assert(
      fc.property(unitArb, (g) => {
        const plain = { ...g, edges: g.edges.map((e) => ({ ...e, group: 0 })) };
        const property = check(unitModel(plain)).properties[0]!;
        expect(property.status).toBe(naiveLeadsTo(asUnits(plain)) === undefined ? 'holds' : 'violated');
      }),
      { numRuns: 500 },
    );
  });
});
