// Random simulation against the exhaustive search on random small graphs: whatever a walk
// reports is real (check finds the same violation, the path replays and ends where it says), no
// shorter than the shortest, and never 'holds' for a safety violation it did not see.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/core/check.js';
import { replay } from '../../src/core/path.js';
import { simulate } from '../../src/core/simulate/simulate.js';
import { arbitraryGraph, graphModel } from '../support/graph-model.js';

describe('simulate on random graphs', () => {
  it('reports only real violations, replayed, never shorter than the shortest', () => {
    fc.assert(
      fc.property(arbitraryGraph(20), fc.nat(1000), fc.boolean(), (g, seed, bfs) => {
        const model = graphModel(g);
        const sim = simulate(model, { walks: 30, maxDepth: 40, seed, shortenStates: bfs ? 10_000 : 0 });
        const full = check(model);
        expect(sim.verdict).not.toBe('holds');
        for (const p of sim.properties) {
          const exact = full.properties.find((q) => q.name === p.name)!;
          if (p.status === 'unknown') continue;
          expect(p.status).toBe(exact.status);
          const path = (p.counterexample ?? p.witness)!;
          const shortest = (exact.counterexample ?? exact.witness)!;
          expect(replay(model, path.choices).states.at(-1)).toBe(path.states.at(-1));
          expect(path.actions.length).toBeGreaterThanOrEqual(shortest.actions.length);
          // With the bounded search, the shortening reaches the shortest on graphs this small.
          if (bfs) expect(path.actions.length).toBe(shortest.actions.length);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is reproducible from its seed, and shards split the walks without overlap', () => {
    fc.assert(
      fc.property(arbitraryGraph(15), fc.nat(1000), fc.integer({ min: 1, max: 4 }), (g, seed, n) => {
        const model = graphModel(g);
        const strip = (r: ReturnType<typeof simulate>) => ({ ...r, stats: { ...r.stats, seconds: 0 } });
        const once = simulate(model, { walks: 20, maxDepth: 30, seed, properties: ['no-deadlock'] });
        expect(strip(simulate(model, { walks: 20, maxDepth: 30, seed, properties: ['no-deadlock'] }))).toEqual(strip(once));
        let walks = 0;
        for (let i = 1; i <= n; i++) walks += simulate(model, { walks: 20, maxDepth: 30, seed, properties: ['not-bad'], shard: { index: i, count: n } }).stats.walks;
        const whole = simulate(model, { walks: 20, maxDepth: 30, seed, properties: ['not-bad'] });
        // A run that found its violation stops early; one that did not walks every walk once.
        if (whole.verdict === 'no-violation-found') expect(walks).toBe(20);
      }),
      { numRuns: 60 },
    );
  });
});
