import { describe, expect, it } from 'vitest';
import below from '../support/fixtures/counter-below.js';
import { Bfs } from '../../src/core/bfs.js';
import { check } from '../../src/core/check.js';
import { isSafety } from '../../src/core/model.js';
import { Crew } from '../../src/parallel/crew.js';
import { runShared } from '../../src/parallel/shared-coordinator.js';
import type { ModelRecipe } from '../../src/parallel/protocol.js';


describe('handing a search from one thread to the workers', () => {
  it('goes on from wherever one thread paused, with the same states, depth and findings', async () => {
    const recipe: ModelRecipe = { module: new URL('../support/fixtures/counter-below.ts', import.meta.url).href, params: { procs: 4, max: 3, limit: 4 } };
    const model = below.build(recipe.params);
    const names = ['below', 'bounded', 'no-deadlock'];
    const safety = model.properties.filter((p) => names.includes(p.name)).filter(isSafety);
    const one = check(model, { properties: names });
    // Depth at which one thread decides each property: where its counterexample ends.
    const depths = one.properties.map((p) => (p.counterexample ? p.counterexample.states.length - 1 : undefined));
    const crew = new Crew(recipe, names, { workers: 2 });
    try {
      // Paused after 0, 1, 5 and 60 slices of 256 expansions: before the first level, inside
      // early levels, and after 'below' was found (at depth 4).
      for (const slices of [0, 1, 5, 60]) {
        const bfs = new Bfs(model, safety, { maxStates: Infinity, maxDepth: Infinity });
        for (let i = 0; i < slices && !bfs.finished; i++) bfs.run(() => true);
        expect(bfs.finished, `${slices} slices`).toBe(false);
        const paused = bfs.pause();
        const run = await runShared(model, crew, names, { workers: 2 }, paused);
        const found = names.map((_, i) => run.found.get(i));
        expect({ states: run.states, transitions: run.transitions, depth: run.depth, found }, `${slices} slices`).toEqual({
          states: one.stats.states,
          transitions: one.stats.transitions,
          depth: one.stats.depth,
          found: depths,
        });
      }
    } finally {
      await crew.terminate();
    }
  });
});
