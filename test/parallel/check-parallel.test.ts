import { describe, expect, it } from 'vitest';
import counter from '../../models/counter.js';
import dm from '../../models/dm-raid1.js';
import below from '../support/fixtures/counter-below.js';
import wide from '../support/fixtures/wide.js';
import { check } from '../../src/core/check.js';
import { checkParallel } from '../../src/parallel/check-parallel.js';
import type { ModelRecipe } from '../../src/parallel/protocol.js';
import { safetyProperties } from '../../properties/index.js';

// No single-threaded probe: these models are small, and the threads are what is tested.
const probeSeconds = 0;
const url = (path: string): string => new URL(path, import.meta.url).href;

/** The parts of a result that must not depend on the number of threads. */
function essence(r: Awaited<ReturnType<typeof check>>) {
  return {
    verdict: r.verdict,
    incomplete: r.incomplete,
    states: r.stats.states,
    transitions: r.stats.transitions,
    depth: r.stats.depth,
    properties: r.properties.map((p) => ({ name: p.name, status: p.status, failure: p.failure, choices: (p.counterexample ?? p.witness)?.choices })),
  };
}

describe('checkParallel', () => {
  it('explores the same states as one thread, with 2 and 3 workers', async () => {
    const recipe: ModelRecipe = { module: url('../../models/counter.ts'), params: { procs: 3, max: 4 } };
    const model = counter.build(recipe.params);
    const one = check(model);
    // States stored up to each depth, level by level, as one thread stores them.
    const levels = Array.from({ length: one.stats.depth }, (_, d) => check(model, { maxDepth: d + 1 }).stats.states);
    for (const workers of [2, 3]) {
      const seen: number[] = [];
      const many = await checkParallel(model, recipe, { workers, probeSeconds, onProgress: (p) => seen.push(p.states) });
      expect(essence(many)).toEqual(essence(one));
      expect(seen.slice(0, levels.length)).toEqual(levels);
      expect(many.stats.workers).toBe(workers);
    }
  });

  it('reports the very counterexamples one thread reports', async () => {
    const recipe: ModelRecipe = { module: url('../support/fixtures/counter-below.ts'), params: { procs: 4, max: 3, limit: 3 } };
    const model = below.build(recipe.params);
    const one = check(model, { properties: ['below', 'bounded'] });
    const many = await checkParallel(model, recipe, { workers: 2, probeSeconds, properties: ['below', 'bounded'] });
    expect(one.verdict).toBe('violated');
    expect(essence(many).properties).toEqual(essence(one).properties);
  });

  it('agrees on an allocation model under symmetry, loading the scenario with its policy', async () => {
    for (const [params, policy] of [[{ dirtiers: 3 }, 'none'], [{ dirtiers: 3, background: 'yes', pages: 9 }, 'memalloc-inheritance']] as const) {
      const recipe: ModelRecipe = { module: url('../../models/dm-raid1.ts'), params, args: [policy] };
      const model = dm.build(params, policy);
      const options = { properties: [...safetyProperties] };
      const one = check(model, options);
      const many = await checkParallel(model, recipe, { ...options, workers: 2, probeSeconds });
      expect(essence(many).properties).toEqual(essence(one).properties);
      expect(many.verdict).toBe(one.verdict);
      if (one.verdict === 'holds') expect(many.stats.states).toBe(one.stats.states);
    }
  });

  it('stops at a state limit as incomplete, and runs liveness on one thread', async () => {
    const recipe: ModelRecipe = { module: url('../../models/counter.ts'), params: { procs: 4, max: 4 } };
    const model = counter.build(recipe.params);
    const limited = await checkParallel(model, recipe, { workers: 2, probeSeconds, maxStates: 1000 });
    expect([limited.verdict, limited.incomplete]).toEqual(['incomplete', 'max-states']);
    expect(limited.properties.every((p) => p.status === 'unknown')).toBe(true);
    const live = { ...model, properties: [...model.properties, { kind: 'recoverable' as const, name: 'zero', q: (s: Uint8Array) => s[0] === 0 }] };
    const r = await checkParallel(live, recipe, { workers: 2, maxStates: 1000 });
    expect(r.stats.workers).toBeUndefined();
  });

  it('finishes a small search on one thread before starting any worker', async () => {
    const recipe: ModelRecipe = { module: url('../support/fixtures/not-a-model.ts'), params: {} };
    // The recipe cannot be built: no worker may have been started for a search this small.
    const r = await checkParallel(counter.build({ procs: 3, max: 3 }), recipe, { workers: 2, probeSeconds: 30 });
    expect([r.verdict, r.stats.states, r.stats.workers]).toEqual(['holds', 4430, undefined]);
  });

  it('turns a model module that cannot be built into an error', async () => {
    const recipe: ModelRecipe = { module: url('../support/fixtures/not-a-model.ts'), params: {} };
    await expect(checkParallel(counter.build({}), recipe, { workers: 2, probeSeconds })).rejects.toThrow(/has no default export with a build\(\) function/);
  });

  it("hands candidates past a worker's budget back to the coordinator, and still finds the same states and paths", async () => {
    const recipe: ModelRecipe = { module: url('../support/fixtures/counter-below.ts'), params: { procs: 3, max: 3, limit: 3 } };
    const model = below.build(recipe.params);
    for (const properties of [['bounded'], ['below', 'bounded']]) {
      const one = check(model, { properties });
      for (const levelBudget of [0, 1, 7]) {
        const many = await checkParallel(model, recipe, { workers: 2, probeSeconds, properties, levelBudget });
        expect(essence(many), `budget ${levelBudget}, ${properties}`).toEqual(essence(one));
      }
    }
  });

  it('stops at the memory limit as incomplete, counting the frontier as well as the table', async () => {
    // 2,047 states of 1,000 bytes: the last level alone is 1 MB, the table's first size 512 KiB.
    const recipe: ModelRecipe = { module: url('../support/fixtures/wide.ts'), params: { depth: 10, size: 1000 } };
    const model = wide.build(recipe.params);
    expect(check(model).verdict).toBe('holds');
    const r = await checkParallel(model, recipe, { workers: 2, probeSeconds, memoryLimitBytes: 1.2 * 2 ** 20 });
    expect([r.verdict, r.incomplete, r.properties[0]!.status]).toEqual(['incomplete', 'memory-limit', 'unknown']);
    expect(check(model, { memoryLimitBytes: 1.2 * 2 ** 20 }).incomplete).toBe('memory-limit');
  });

  it('grows the shared table segment by segment between levels without losing a state', async () => {
    const recipe: ModelRecipe = { module: url('../../models/counter.ts'), params: { procs: 3, max: 5 } };
    const model = counter.build(recipe.params);
    const one = check(model);
    // 16 slots a segment at first: every segment grows several times during the search.
    const many = await checkParallel(model, recipe, { workers: 2, probeSeconds, tableCapacity: 16 });
    expect(essence(many)).toEqual(essence(one));
    expect(many.stats.tableBytes).toBeGreaterThan(16 * 8 * 256);
  });
});
