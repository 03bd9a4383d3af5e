import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import counter from '../../models/counter.js';
import below from '../support/fixtures/counter-below.js';
import { check } from '../../src/core/check.js';
import { checkParallel } from '../../src/parallel/check-parallel.js';
import { Crew, type Hand } from '../../src/parallel/crew.js';
import { startCrew } from '../../src/parallel/early-crew.js';
import { Expander } from '../../src/parallel/expander.js';
import type { ModelRecipe } from '../../src/parallel/protocol.js';
import type { LevelDone, LevelOrder, ToSharedWorker } from '../../src/parallel/shared-protocol.js';
import { rehash, SEGMENTS, SharedTable } from '../../src/parallel/shared-table.js';
import { warmUp } from '../../src/parallel/warm-up.js';
import { workerUrl } from '../../src/parallel/worker-bundle.js';

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

describe('workers started beside the search', () => {
  it('warm up on a search of their own, then find the very states and paths one thread finds', async () => {
    for (const [recipe, properties] of [
      [{ module: url('../support/fixtures/counter-below.ts'), params: { procs: 4, max: 3, limit: 3 } }, ['below', 'bounded']],
      [{ module: url('../../models/counter.ts'), params: { procs: 3, max: 4 } }, ['no-deadlock', 'bounded']],
    ] as const satisfies readonly (readonly [ModelRecipe, readonly string[]])[]) {
      const model = recipe.module.includes('below') ? below.build(recipe.params) : counter.build(recipe.params);
      const one = check(model, { properties: [...properties] });
      const { crew, threads } = startCrew(await workerUrl(recipe.module), recipe, properties, true, 1);
      try {
        // probeSeconds 0: the search is handed to the threads at once, so the worker takes part.
        const many = await checkParallel(model, recipe, { workers: 2, probeSeconds: 0, properties: [...properties] }, crew);
        // That the worker takes part is the crew's test below; here, that it changes no result.
        expect(essence(many)).toEqual(essence(one));
      } finally {
        await Promise.all(threads.map((t) => t.terminate()));
      }
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
  it('leaves the level to the calling thread until every worker is ready, then tells each its first level is a first', async () => {
    const channel = new MessageChannel();
    const worker: MessagePort = channel.port1;
    const received: LevelOrder[] = [];
    worker.on('message', (m: ToSharedWorker) => {
      if (m.type === 'grow') return worker.postMessage({ type: 'grown', buffers: m.segments.map((b, i) => rehash(b, m.capacities[i]!)) });
      received.push(m);
      worker.postMessage({ type: 'done' } as LevelDone);
    });
    const crew = new Crew({ module: url('../../models/counter.ts'), params: {} }, [], { workers: 2 }, { ports: [channel.port2], control: new SharedArrayBuffer(8) });
    const own: Hand = () => Promise.resolve({ type: 'done' } as LevelDone);
    const team = crew.team(own);
    try {
      expect(await team()).toEqual({ hands: [own], growers: [] });
      worker.postMessage({ type: 'ready' });
      while (!crew.settled) await new Promise((resolve) => setTimeout(resolve, 5));
      const { hands, growers } = await team();
      expect(hands).toHaveLength(2);
      expect(hands[1]).toBe(own);
      // The worker helps the table grow: a segment it rehashes holds the same fingerprints.
      const table = SharedTable.create(16 * SEGMENTS);
      const fps = Array.from({ length: 12 }, (_, i) => [i * 0x10000 + 7, i * 7919 + 1] as const);
      for (const [hi, lo] of fps) table.insert(hi, lo);
      const [grown] = await growers[0]!([table.buffer(0)], [64]);
      table.adopt(0, grown!, 64);
      expect(table.capacity(0)).toBe(64);
      expect(fps.map(([hi, lo]) => table.insert(hi, lo))).toEqual(fps.map(() => -1));
      const order = { type: 'level', depth: 7, first: false } as LevelOrder;
      await hands[0]!(order);
      await hands[0]!(order);
      expect(received.map((m) => [m.depth, m.first])).toEqual([[7, true], [7, false]]);
      expect(crew.joinedAt).toBeGreaterThan(0);
    } finally {
      await crew.terminate();
      worker.close();
    }
  });
});
