import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { check } from '../../src/core/check.js';
import { replay } from '../../src/core/path.js';
import { arbitraryGraph, distances, graphModel, type Graph } from '../support/graph-model.js';

function minDistance(g: Graph, dist: Map<number, number>, pick: (v: number) => boolean): number | undefined {
  const ds = [...dist].filter(([v]) => pick(v)).map(([, d]) => d);
  return ds.length ? Math.min(...ds) : undefined;
}

describe('the explorer against a naive reference on random graphs', () => {
  test.prop([arbitraryGraph(120)], { numRuns: 300 })('same reachable set, same verdicts, shortest counterexamples', (g) => {
    const dist = distances(g);
    // A tiny table forces growth (and the remapping of parents) in both searches.
    const result = check(graphModel(g), { properties: ['not-bad', 'reaches-bad'], tableCapacity: 4 });
    // Stopping early is allowed only once every property is decided.
    const badAt = minDistance(g, dist, (v) => g.bad[v]!);
    if (badAt === undefined) expect(result.stats.states).toBe(dist.size);
    const inv = result.properties.find((p) => p.name === 'not-bad')!;
    const reach = result.properties.find((p) => p.name === 'reaches-bad')!;
    expect(inv.status).toBe(badAt === undefined ? 'holds' : 'violated');
    expect(reach.status).toBe(badAt === undefined ? 'violated' : 'holds');
    if (badAt !== undefined) {
      expect(inv.counterexample!.actions.length).toBe(badAt);
      expect(reach.witness!.actions.length).toBe(badAt);
      const end = inv.counterexample!.states.at(-1)!;
      expect(g.bad[end]).toBe(true);
    }
  });

  test.prop([arbitraryGraph()], { numRuns: 300 })('deadlock is found at its least depth, and only when there is one', (g) => {
    const dist = distances(g);
    const deadAt = minDistance(g, dist, (v) => g.edges[v]!.length === 0 && !g.rest[v]);
    const result = check(graphModel(g), { properties: ['no-deadlock'], tableCapacity: 4 });
    const p = result.properties[0]!;
    expect(result.verdict).toBe(deadAt === undefined ? 'holds' : 'violated');
    if (deadAt === undefined) {
      expect(result.stats.states).toBe(dist.size);
      return;
    }
    expect(p.failure).toBe('deadlock');
    expect(p.counterexample!.actions.length).toBe(deadAt);
    // The replay token alone reproduces the path.
    const again = replay(graphModel(g), p.counterexample!.choices);
    expect(again.states).toEqual(p.counterexample!.states);
  });
});
