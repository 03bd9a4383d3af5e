import { describe, expect, it } from 'vitest';
import counter from '../../models/counter.js';
import below from '../support/fixtures/counter-below.js';
import { check } from '../../src/core/check.js';
import { checkParallel } from '../../src/parallel/check-parallel.js';
import { Crew, freshStart, type Hand } from '../../src/parallel/crew.js';
import { Expander } from '../../src/parallel/expander.js';
import type { ModelRecipe } from '../../src/parallel/protocol.js';
import type { LevelDone, LevelOrder } from '../../src/parallel/shared-protocol.js';
import { SEGMENTS, SharedTable } from '../../src/parallel/shared-table.js';
import { warmUp } from '../../src/parallel/warm-up.js';

const url = (path: string): string => new URL(path, import.meta.url).href;

function essence(r: Awaited<ReturnType<typeof check>>) {
  return {
    verdict: r.verdict,
    states: r.stats.states,
    transitions: r.stats.transitions,
    depth: r.stats.depth,
    properties: r.properties.map((p) => ({ name: p.name, status: p.status, choices: (p.counterexample ?? p.witness)?.choices })),
  };
}

describe('workers that warm up before they join', () => {
  it('warm up on a search of their own, then find the very states and paths one thread finds', async () => {
    for (const [recipe, properties] of [
      [{ module: url('../support/fixtures/counter-below.ts'), params: { procs: 4, max: 3, limit: 3 } }, ['below', 'bounded']],
      [{ module: url('../../models/counter.ts'), params: { procs: 3, max: 4 } }, ['no-deadlock', 'bounded']],
    ] as const satisfies readonly (readonly [ModelRecipe, readonly string[]])[]) {
      const model = recipe.module.includes('below') ? below.build(recipe.params) : counter.build(recipe.params);
      const one = check(model, { properties: [...properties] });
      // probeSeconds 0: the search waits for the worker's warm-up and shares every level with it.
      const many = await checkParallel(model, recipe, { workers: 2, probeSeconds: 0, properties: [...properties] });
      expect(essence(many)).toEqual(essence(one));
      expect(many.stats.workers).toBe(2);
    }
  });

  it('leaves a warmed-up expander that searches from scratch once told its level is the first', () => {
    const model = counter.build({ procs: 3, max: 3 });
    const expander = new Expander(model as never, [], undefined, new Int32Array(2));
    expect(warmUp(model as never, expander, undefined, performance.now() + 1000)).toBe(check(model).stats.states);
    // A second warm-up is a first level again: the fingerprints the first one cached are forgotten.
    expect(warmUp(model as never, expander, undefined, performance.now() + 1000)).toBe(check(model).stats.states);
  });
});

describe('a crew joining a search under way', () => {
  it('leaves the levels to the calling thread until every worker is ready, then shares the levels and the growth', async () => {
    const crew = new Crew({ module: url('../../models/counter.ts'), params: {} }, [], { workers: 2 });
    const own: Hand = () => Promise.resolve({ type: 'done' } as LevelDone);
    const team = crew.team(own);
    try {
      expect(await team()).toEqual({ hands: [own], growers: [] });
      expect(crew.joinedAt).toBeUndefined();
      await crew.ready;
      const { hands, growers } = await team();
      expect(hands).toHaveLength(2);
      expect(hands[1]).toBe(own);
      expect(crew.joinedAt).toBeGreaterThan(0);
      // The worker rehashes a segment: it holds the same fingerprints, at the new capacity.
      const table = SharedTable.create(16 * SEGMENTS);
      const fps = Array.from({ length: 12 }, (_, i) => [i * 0x10000 + 7, i * 7919 + 1] as const);
      for (const [hi, lo] of fps) table.insert(hi, lo);
      const [grown] = await growers[0]!([table.buffer(0)], [64]);
      table.adopt(0, grown!, 64);
      expect(table.capacity(0)).toBe(64);
      expect(fps.map(([hi, lo]) => table.insert(hi, lo))).toEqual(fps.map(() => -1));
    } finally {
      await crew.terminate();
    }
  });

  it("tells a worker that its first level is a search's first, whatever the level", async () => {
    const received: LevelOrder[] = [];
    const hand = freshStart((order) => (received.push(order), Promise.resolve({ type: 'done' } as LevelDone)));
    const order = { type: 'level', depth: 7, first: false } as LevelOrder;
    await hand(order);
    await hand(order);
    expect(received.map((m) => [m.depth, m.first])).toEqual([[7, true], [7, false]]);
  });
});
